"""Patterns of Isomer sites this project had not seen (issue 23), built from a real site's files.

A scratch copy of the SCAI site, changed the way other real sites are laid out:
- ``index.md`` in the site's own layout (``layout: landing-page-scai``, ``_layouts/...``);
- a real speech moved out of ``_posts/`` into a dated folder of its category, and another
  into an ordinary folder, each with a permalink of that shape;
- real pages moved into ``images/`` and ``files/`` with permalinks of their own;
- a capitalised and a lower-case folder of the same name, each with pages (Jekyll keeps both).

Every address Jekyll would publish must answer with the page made from its own file, and a
second run changes nothing. The pure steps are checked without a database first.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from wagtail.models import Page

from importers.models import ImportedPage
from importers.normalise.jekyll import normalise_permalink
from importers.pipeline import prepare
from newsroom.models import NewsEntryPage

from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .jekyll_site import answers, final_response, published
from .site_helpers import run_import

SCAI = ISOMER_SITES_DIR / "mci-scai"
SPEECHES = "media-hub/speeches"
SPEECH = f"{SPEECHES}/_posts/2023-12-04-post-Opening Remarks by Minister Josephine Teo.md"
CASES = {
    # file -> (its address, a title only that file's page has)
    f"{SPEECHES}/2023/2023-12-05-opening-remarks.md": (
        "/media-hub/speeches/2023/2023-12-05-opening-remarks/",
        "Opening Remarks by Minister Josephine Teo",
    ),
    "events/conference/2023-12-06-conference-day.md": (
        "/events/conference/2023-12-06-conference-day/",
        "Conference day remarks",
    ),
    "images/archive/privacy.md": ("/archive/privacy", "Privacy Statement"),
    "files/legal/terms.md": ("/legal/terms/", "Terms of Use"),
    "Guides/index.md": ("/Guides/", "Guides (capitals)"),
    "guides/index.md": ("/guides/", "Guides (lower case)"),
    "Guides/overview.md": ("/Guides/overview/", "Overview (capitals)"),
    "guides/overview.md": ("/guides/overview/", "Overview (lower case)"),
}


def front(text: str, **changes) -> str:
    """``text`` with front matter fields replaced or added."""
    head, body = text.split("---\n", 2)[1:]
    for key, value in changes.items():
        line = f"{key}: {value}\n"
        head, found = re.subn(rf"^{key}:.*\n", line, head, flags=re.M)
        head = head if found else head + line
    return f"---\n{head}---\n{body}"


def unseen_site(target: Path) -> Path:
    if not SCAI.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    root = shutil.copytree(SCAI, target, ignore=shutil.ignore_patterns(".git"))
    home = (root / "index.md").read_text(encoding="utf-8")
    (root / "index.md").write_text(home.replace("layout: homepage", "layout: landing-page-scai"))
    (root / "_layouts").mkdir()
    (root / "_layouts/landing-page-scai.html").write_text(
        '---\nlayout: default\n---\n<div class="scai-landing">{{ content }}</div>\n'
    )
    speech = (root / SPEECH).read_text(encoding="utf-8")
    (root / SPEECH).unlink()
    moves = {
        f"{SPEECHES}/2023/2023-12-05-opening-remarks.md": speech,
        "events/conference/2023-12-06-conference-day.md": front(
            speech, title="Conference day remarks"
        ),
        "images/archive/privacy.md": (root / "pages/Privacy Statement.md").read_text("utf-8"),
        "files/legal/terms.md": (root / "pages/Terms of Use.md").read_text("utf-8"),
    }
    (root / "pages/Privacy Statement.md").unlink()
    (root / "pages/Terms of Use.md").unlink()
    page = (root / "pages/contact-us.md").read_text(encoding="utf-8")
    for name, (address, title) in CASES.items():
        text = moves.get(name) or front(page, title=title, layout="page")
        if name not in ("Guides/index.md", "guides/index.md"):
            text = front(text, permalink=address)
        else:
            text = re.sub(r"^permalink:.*\n", "", text, flags=re.M)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_pure_steps_find_every_pattern(tmp_path):
    plan = prepare(unseen_site(tmp_path / "site"))
    codes = {note.code: note for note in plan.notes}
    assert "custom_layout" in codes and "landing-page-scai" in codes["custom_layout"].message
    assert [b["type"] for b in plan.homepage.body][:1] == ["hero"]  # its sections, as written
    pages = {page.key: page for page in plan.pages}
    for name, (address, _title) in CASES.items():
        assert pages[name].permalink == normalise_permalink(address), name
    assert pages[f"{SPEECHES}/2023/2023-12-05-opening-remarks.md"].kind == "entry"
    assert pages["events/conference/2023-12-06-conference-day.md"].kind == "standard"
    assert (
        codes["post_outside_posts_folder"].file == f"{SPEECHES}/2023/2023-12-05-opening-remarks.md"
    )
    media = {path.relative_to(tmp_path / "site").as_posix() for path in plan.media}
    assert not media & set(CASES)  # the documents with front matter are pages, not files
    # The lower-case folder keeps its address as its slug; the capitalised one moves aside.
    assert pages["guides/index.md"].slug == "guides"
    assert pages["Guides/index.md"].slug == "guides-2"


def test_a_custom_homepage_without_sections_keeps_its_text(tmp_path):
    root = tmp_path / "site"
    (root / "_layouts").mkdir(parents=True)
    (root / "_layouts/landing.html").write_text("<main>{{ content }}</main>\n")
    (root / "_config.yml").write_text("title: Landing\n")
    (root / "index.md").write_text(
        "---\nlayout: landing\ntitle: Welcome to the agency\n---\n"
        "We **help** people. Read [our services](/services/).\n"
    )
    plan = prepare(root)
    (block,) = plan.homepage.body
    assert block["type"] == "infobar"
    assert block["value"]["title"] == "Welcome to the agency"
    assert "<b>help</b>" in block["value"]["description"]
    (note,) = [n for n in plan.notes if n.code == "custom_layout"]
    assert "its text, as an infobar" in note.message and note.line == 2
    assert not [n for n in plan.notes if n.code == "no_sections"]


def test_a_layout_the_site_does_not_define_is_still_refused(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: Not a homepage\n")
    (root / "index.md").write_text("---\nlayout: landing-page-x\ntitle: X\n---\nText\n")
    from importers.errors import IsomerImportError

    with pytest.raises(IsomerImportError) as caught:
        prepare(root)
    assert "not an Isomer homepage (layout: landing-page-x)" in caught.value.problems[0].message


@pytest.mark.django_db
def test_every_address_answers_with_its_own_page(tmp_path, client, media_root):
    root = unseen_site(tmp_path / "site")
    report = tmp_path / "report.json"
    assert run_import(root, "--report", report).startswith("Site imported.")
    files = published(root)
    assert {name for name, _url, _layout in files} >= set(CASES)
    missed = [(name, url) for name, url, layout in files if not answers(client, url, layout)]
    assert missed == []
    for name, (address, title) in CASES.items():
        response = final_response(client, address)
        page = ImportedPage.objects.get(source_path=name).page
        assert response.request["PATH_INFO"] == page.url, name
        assert f"<title>{title}" in response.content.decode(), name
    entry = NewsEntryPage.objects.get(title="Opening Remarks by Minister Josephine Teo")
    assert entry.get_parent().slug == "speeches"
    codes = {item["code"] for item in json.loads(report.read_text())["items"]}
    assert {"custom_layout", "post_outside_posts_folder", "post_outside_newsroom"} <= codes
    assert Page.objects.get(depth=2).specific.body[0].block_type == "hero"

    before = sorted(Page.objects.values_list("id", "url_path", "latest_revision_id"))
    run_import(root)  # a second run changes nothing
    assert sorted(Page.objects.values_list("id", "url_path", "latest_revision_id")) == before
