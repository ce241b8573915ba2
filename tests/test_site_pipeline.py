"""The whole-site steps before writing (discover, plan, bodies), without a database."""

import pytest

from importers.errors import IsomerImportError
from importers.mapping.bodies import convert_body
from importers.mapping.headings import normalise_heading_levels
from importers.mapping.refs import ImageRef, LinkRef
from importers.normalise.site import collection_order, normalise_permalink
from importers.parse import parse_site
from importers.pipeline import prepare
from importers.read import read_site

from .conftest import isomer_sites, write_document


def ordered(root):
    """The one collection of the site at ``root``: ([(file, group)], notes)."""
    (collection,) = parse_site(read_site(root)).collections
    notes = []
    order = collection_order(root.resolve(), collection, notes)
    return [(doc.source.path.name, group) for doc, group in order], notes


def make_site(root, files: dict):
    for relative, text in files.items():
        write_document(root, text, relative)
    return root


CONFIG = (
    "title: Test\nremote_theme: isomerpages/isomerpages-template@next-gen\nresources_name: news\n"
)


def test_collection_order_follows_collection_yml_with_groups(tmp_path):
    root = make_site(
        tmp_path,
        {
            "_config.yml": CONFIG,
            "index.md": "---\nlayout: homepage\ntitle: Home\n---\n",
            "_about/collection.yml": "collections:\n  about:\n    order:\n      - b.md\n      - Team/.keep\n      - Team/y.md\n      - Team/x.md\n      - a.md\n",
            "_about/a.md": "---\ntitle: A\npermalink: /about/a/\n---\nA",
            "_about/b.md": "---\ntitle: B\npermalink: /about/b/\n---\nB",
            "_about/Team/x.md": "---\ntitle: X\npermalink: /about/team/x/\n---\nX",
            "_about/Team/y.md": "---\ntitle: Y\npermalink: /about/team/y/\n---\nY",
            "_about/c.md": "---\ntitle: C\npermalink: /about/c/\n---\nC",
        },
    )
    order, notes = ordered(root)
    assert order == [
        ("b.md", None),
        ("y.md", "Team"),
        ("x.md", "Team"),
        ("a.md", None),
        ("c.md", None),
    ]
    assert [n.file for n in notes] == ["_about/c.md"]  # not in collection.yml: last, reported
    plan = prepare(root)
    assert [(p.kind, p.title) for p in plan.pages][:3] == [
        ("section", "About"),
        ("standard", "B"),
        ("group", "Team"),
    ]
    # The pages raise one note (the homepage's own notes are about index.md).
    assert {n.code for n in plan.notes if n.file != "index.md"} == {"not_in_collection_order"}


def test_older_sites_order_by_file_name_prefixes(tmp_path):
    root = make_site(
        tmp_path,
        {
            "_config.yml": CONFIG,
            "_guide/2-last.md": "---\ntitle: Last\n---\n",
            "_guide/1b-second.md": "---\ntitle: Second\n---\n",
            "_guide/1a-first.md": "---\ntitle: First\n---\n",
            "_guide/0-intro.md": "---\ntitle: Intro\n---\n",
        },
    )
    order, _ = ordered(root)
    assert [name for name, _ in order] == [
        "0-intro.md",
        "1a-first.md",
        "1b-second.md",
        "2-last.md",
    ]


def test_post_kind_follows_the_theme_and_disagreements_are_reported(tmp_path):
    root = make_site(
        tmp_path,
        {
            "_config.yml": CONFIG,
            "news/index.html": "---\nlayout: resources\ntitle: News\n---\n",
            "news/press/index.html": "---\nlayout: resources-alt\ntitle: Press\n---\n",
            "news/press/_posts/2024-01-02-post-Linked.md": "---\ntitle: Linked\nlayout: post\nexternal: https://example.com/x\n---\n",
            "news/press/_posts/2024-01-03-file-Report.md": "---\ntitle: Report\nfile_url: /files/r.pdf\ndate: 2024-02-01T10:00:00Z\n---\n",
            "news/press/_posts/2023-05-06-Old style.md": "---\ntitle: Old\n---\nBody",
        },
    )
    plan = prepare(root)
    entries = {p.title: p.fields for p in plan.pages if p.kind == "entry"}
    assert entries["Linked"]["kind"] == "link"
    assert entries["Report"]["kind"] == "file"
    assert (
        str(entries["Report"]["publication_date"]) == "2024-02-01"
    )  # front matter beats the file name
    assert entries["Old"]["kind"] == "article"
    assert str(entries["Old"]["publication_date"]) == "2023-05-06"
    mismatches = [n for n in plan.notes if n.code == "post_type_mismatch"]
    assert [n.file for n in mismatches] == ["news/press/_posts/2024-01-02-post-Linked.md"]
    assert [p.title for p in plan.pages if p.kind in ("newsroom", "category")] == ["News", "Press"]


def test_v1_and_non_sites_are_refused(tmp_path):
    make_site(
        tmp_path / "v1", {"_config.yml": "title: Old\n", "_data/homepage.yml": "hero-title: x\n"}
    )
    with pytest.raises(IsomerImportError) as caught:
        prepare(tmp_path / "v1")
    assert "older Isomer v1 format" in str(caught.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(IsomerImportError) as caught:
        prepare(tmp_path / "empty")
    assert "not an Isomer site" in str(caught.value)


def test_tiptap_blocks():
    body = (
        '<div class="isomer-card-grid"><a class="isomer-card" href="/team/a/"><div class="isomer-card-image">'
        '<img src="/images/a%20b.png" alt="Dr A"></div><div class="isomer-card-body"><div class="isomer-card-title">Dr A</div>'
        '<div class="isomer-card-description">Director</div></div></a></div>'
        '<div class="isomer-accordion"><details class="isomer-details"><summary>Where?</summary>'
        '<div class="isomer-details-content"><p>Here</p></div></details></div>'
        "<table><thead><tr><th>Name</th><th>Role</th></tr></thead><tbody><tr><td>A</td><td><b>Lead</b></td></tr></tbody></table>"
        '<p></p><iframe src="https://www.youtube.com/embed/abcdefghijk" title="Talk"></iframe>'
    )
    converted = convert_body(body, "tiptap", "page.md")
    assert [b["type"] for b in converted.blocks] == ["cards", "accordion", "table", "embed"]
    card = converted.blocks[0]["value"]["cards"][0]["value"]
    assert card["title"] == "Dr A" and card["description"] == "Director"
    assert card["link"] == LinkRef("/team/a/")
    assert card["image"]["image"] == ImageRef(
        "/images/a%20b.png", "Dr A", "image /images/a%20b.png", 1
    )
    table = converted.blocks[2]["value"]["table"]
    assert table["columns"] == [
        {"type": "text", "heading": "Name"},
        {"type": "rich_text", "heading": "Role"},
    ]
    assert (
        table["rows"] == [{"values": ["A", "<b>Lead</b>"]}] or table["rows"][0]["values"][0] == "A"
    )
    assert converted.links == ["/team/a/"]
    assert converted.blocks == convert_body(body, "tiptap", "page.md").blocks  # deterministic ids


def test_markdown_with_html_and_liquid():
    body = "# Title\n\nSome *text* with a [link](/about/).\n\n{% include x.html %}\n\n<div style='color:red'>Raw <b>HTML</b></div>\n"
    converted = convert_body(body, "markdown", "p.md", first_line=5)
    (paragraph,) = converted.blocks
    (text,) = paragraph["value"].parts  # text with links: resolved by the write step
    assert text.startswith('<h2 data-block-key="k0000">Title</h2>')
    assert "<i>text</i>" in text and '<a href="/about/">link</a>' in text
    assert "Raw <b>HTML</b>" in text and "style" not in text
    (liquid,) = [n for n in converted.notes if n.code == "liquid"]
    assert liquid.line == 9


def test_markdown_gets_kramdowns_typographic_quotes_dashes_and_ellipses():
    source = 'He said "hi" -- it\'s done... <<x>> `"code"`'
    (paragraph,) = convert_body(source, "markdown", "p.md").blocks
    assert (
        paragraph["value"] == '<p data-block-key="k0000">He said “hi” – it’s done… «x» "code"</p>'
    )
    # HTML pages (the CMS's tiptap variant) are written as they are, as Jekyll does.
    (html,) = convert_body('<p>He said "hi" -- it\'s</p>', "tiptap", "p.md").blocks
    assert html["value"] == '<p data-block-key="k0000">He said "hi" -- it\'s</p>'


def test_heading_levels_become_consecutive_from_h2():
    blocks = [{"type": "paragraph", "value": "<h3>A</h3><p>x</p><h4>B</h4>", "id": "1"}]
    relevelled, top = normalise_heading_levels(blocks)
    assert relevelled[0]["value"] == "<h2>A</h2><p>x</p><h3>B</h3>"
    assert top == 3


NORMALISED_PERMALINKS = {
    "/careers": "/careers/",
    "about/x": "/about/x/",
    "/a/b.html": "/a/b.html",
    "none": "",
    "/%C3%A9t%C3%A9/": "/été/",
}


@pytest.mark.parametrize(("raw", "expected"), NORMALISED_PERMALINKS.items())
def test_permalinks_are_normalised(raw, expected):
    assert normalise_permalink(raw) == expected


def test_actris_plan_counts():
    plan = prepare(isomer_sites() / "cris-actris")
    kinds = {}
    for page in plan.pages:
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
    assert kinds == {
        "section": 5,
        "group": 4,
        "standard": 38,
        "contact": 1,
        "newsroom": 1,
        "category": 5,
        "entry": 63,
    }
