"""The importer's read -> parse -> normalise -> map steps, without a database.

pytest-django blocks database access in tests not marked for it, so these tests also prove
that nothing before the write step touches the database.
"""

import pytest

from importers.errors import IsomerImportError
from importers.mapping.refs import ImageRef, LinkRef, block_id
from importers.normalise.homepage import normalise_homepage
from importers.normalise.text import repair_mojibake
from importers.parse import parse_site
from importers.pipeline import prepare_homepage
from importers.read import read_document_site

from .conftest import (
    EVERY_SECTION_DOCUMENT,
    SECTION_TYPES,
    SEED,
    SEED_SECTIONS,
    isomer_sites,
    site_homepages,
    variant_documents,
    write_document,
)


def parse_front_matter(path):
    """The homepage document parsed (read -> parse), as the pipeline does it."""
    return parse_site(read_document_site(path)).homepage


def problems_of(path):
    with pytest.raises(IsomerImportError) as caught:
        prepare_homepage(path)
    return caught.value.problems


# -- mojibake -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("ACTRISâ€™s vision", "ACTRIS\u2019s vision"),
        ("â€œquotedâ€\x9d", "\u201cquoted\u201d"),
        ("cafÃ© and naÃ¯ve", "caf\u00e9 and na\u00efve"),
        ("Already fine: ACTRIS\u2019s café", "Already fine: ACTRIS\u2019s café"),
        ("plain ascii", "plain ascii"),
        ("Ümlaut alone", "Ümlaut alone"),
    ],
)
def test_repair_mojibake(broken, repaired):
    assert repair_mojibake(broken) == repaired


# -- the seed -------------------------------------------------------------------------------


def test_seed_maps_sections_in_order_with_repaired_text():
    mapped = prepare_homepage(SEED)
    assert [block["type"] for block in mapped.body] == SEED_SECTIONS
    assert mapped.title == "Advanced Cell Therapy and Research Institute, Singapore (ACTRIS)"
    assert "ACTRIS\u2019s vision" in mapped.search_description
    assert "â€" not in mapped.search_description
    assert mapped.notification == ""
    assert mapped.section_counts == {"hero": 1, "infopic": 4, "resources": 1}


def test_seed_hero_and_key_highlights():
    hero = prepare_homepage(SEED).body[0]["value"]
    assert hero["title"] == "Advanced Cell Therapy and Research Institute, Singapore"
    assert hero["button"] == "Learn more"
    assert hero["link"] == LinkRef("/about-us/about-actris/")
    assert hero["background"] == ImageRef(
        "/images/Homepage/service-excellence.png", "", "sections[0].hero.background", 16
    )
    highlights = [item["value"] for item in hero["key_highlights"]]
    assert [h["title"] for h in highlights] == [
        "About Us",
        "Our Facilities",
        "Our Service Provision",
        "Resources",
    ]
    # Kept as written: the relative URL without a leading slash is real data.
    assert highlights[0]["link"].url == "about-us/about-actris/"
    assert highlights[3]["link"].url == "/resources/cgmp-guidelines/"
    # Settings the centre variant ignores are editor artefacts: defaults, not the document's.
    assert (hero["variant"], hero["alignment"], hero["background_colour"], hero["size"]) == (
        "center",
        "left",
        "white",
        "md",
    )


def test_seed_infopics_keep_image_and_alt_and_drop_editor_ids():
    body = prepare_homepage(SEED).body
    first = body[1]["value"]
    assert first["title"] == "About Us"
    assert first["subtitle"] == "WE ARE ACTRIS"
    assert first["description"].startswith('<p data-block-key="k0000">The Advanced Cell Therapy')
    assert first["image"]["image"].path == "/images/About Us/intro-pic-1.png"
    assert first["image"]["alt_text"] == "About-Us-Image"
    assert "id" not in first
    assert body[3]["value"]["description"] == (
        '<p data-block-key="k0000">Clinical Scale Manufacturing , Process Dev &amp; Validation , '
        "Regulatory Facilitation and Education and Training .</p>"
    )
    assert body[5]["value"] == {"title": "Newsroom & Events", "subtitle": "", "more_label": ""}


def test_block_ids_are_deterministic_and_unique():
    first, second = prepare_homepage(SEED), prepare_homepage(SEED)
    assert first.body == second.body

    def ids(data):
        if isinstance(data, dict):
            if "id" in data and "type" in data:
                yield data["id"]
            for value in data.values():
                yield from ids(value)
        elif isinstance(data, list):
            for value in data:
                yield from ids(value)

    all_ids = list(ids(first.body))
    assert len(all_ids) == 6 + 4  # six sections, four key highlights
    assert len(set(all_ids)) == len(all_ids)
    assert first.body[0]["id"] == block_id("sections/0/hero")


# -- parse errors ---------------------------------------------------------------------------


def test_invalid_yaml_names_line_and_column(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: ACTRIS\nsections:\n  - hero:\n      title: [unclosed\n---\n",
    )
    (problem,) = problems_of(path)
    assert problem.file == str(path)
    assert problem.line == 6  # the line with the unclosed "["
    assert problem.column is not None
    assert "Invalid YAML" in problem.message


@pytest.mark.parametrize("character", ["\x02", "\x13", "\x7f", "\ufffe"])
def test_a_control_character_names_line_column_and_code(tmp_path, character):
    """Characters YAML does not allow are refused as the loader is made (a ReaderError once
    escaped the importer as a traceback): the message names the line, column and character."""
    path = write_document(
        tmp_path,
        f"---\nlayout: homepage\ntitle: ACTRIS\ndescription: Cell{character} therapy\n---\n",
    )
    (problem,) = problems_of(path)
    assert problem.file == str(path)
    assert (problem.line, problem.column) == (4, 18)
    assert f"(U+{ord(character):04X}) that YAML does not allow" in problem.message
    assert problem.message.startswith("Invalid YAML in the front matter")


def test_no_front_matter(tmp_path):
    path = write_document(tmp_path, "# Just markdown\n\nNo front matter here.\n")
    (problem,) = problems_of(path)
    assert "No front matter" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "---\nlayout: homepage\ntitle: x\n", "never closed", id="unclosed_front_matter"
        ),
        pytest.param(
            "---\nlayout: homepage\ntitle: !!python/object/apply:os.system ['true']\n---\n",
            "Invalid YAML",
            id="safe_loading_refuses_python_tags",
        ),
        pytest.param(
            "---\nlayout: landing-page\ntitle: Old site\n---\n",
            "older Isomer v1 format",
            id="v1_format_is_named",
        ),
        pytest.param(
            "---\nlayout: page\ntitle: About\npermalink: /about/\n---\nHi\n",
            "not an Isomer homepage (layout: page)",
            id="a_page_that_is_not_a_homepage",
        ),
    ],
)
def test_a_document_refused_with_one_problem(tmp_path, text, message):
    (problem,) = problems_of(write_document(tmp_path, text))
    assert message in problem.message


def test_missing_file(tmp_path):
    (problem,) = problems_of(tmp_path / "nope.md")
    assert problem.message.startswith("File not found")


def test_binary_file_is_not_a_document(tmp_path):
    path = tmp_path / "logo.png"
    from .conftest import png_bytes

    path.write_bytes(png_bytes())
    (problem,) = problems_of(path)
    assert "not a text document" in problem.message


def test_section_not_a_one_key_map(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: T\nsections:\n  - hero:\n      title: Hi\n  - just text\n  - {}\n---\n",
    )
    problems = problems_of(path)
    assert [p.line for p in problems] == [7, 8]
    assert all("should be one section" in p.message for p in problems)


def test_unknown_section_type(tmp_path):
    path = write_document(
        tmp_path, "---\nlayout: homepage\ntitle: T\nsections:\n  - herro:\n      title: Hi\n---\n"
    )
    (problem,) = problems_of(path)
    assert "unknown section type 'herro'" in problem.message
    assert problem.line == 5


def test_wrong_value_type_names_the_field(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: T\nsections:\n  - infopic:\n      title:\n        - a\n        - b\n"
        "  - hero:\n      key_highlights: not a list\n---\n",
    )
    problems = problems_of(path)
    messages = [p.message for p in problems]
    assert any("sections[0].infopic.title should be text, not a list" in m for m in messages)
    assert any("sections[1].hero.key_highlights should be a list" in m for m in messages)
    assert [p.line for p in problems] == [6, 10]


def test_every_problem_is_reported_at_once(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: T\nsections:\n  - bogus: {}\n  - 42\n  - infopic: [1]\n---\n",
    )
    assert len(problems_of(path)) == 3


# -- real documents -------------------------------------------------------------------------


@pytest.mark.parametrize("path", variant_documents(), ids=lambda p: p.name if p else "absent")
def test_every_homepage_variant_maps(path):
    mapped = prepare_homepage(path)
    parsed = parse_front_matter(path)
    document = normalise_homepage(parsed)
    expected = []
    for item in parsed.data["sections"]:
        expected += list(item)
    assert [b["type"] for b in mapped.body] == expected
    assert len(mapped.body) == len(document.sections)


@pytest.mark.parametrize("path", site_homepages(), ids=lambda p: p.parent.name if p else "absent")
def test_every_site_homepage_maps_or_is_refused_clearly(path):
    if path.parent.name == "govtech-siot":
        (problem,) = problems_of(path)
        assert "older Isomer v1 format" in problem.message
        return
    mapped = prepare_homepage(path)
    assert mapped.body, "a real homepage has sections"
    assert mapped.body[0]["type"] == "hero"


def test_the_shared_sites_are_there_when_expected():
    root = isomer_sites()
    assert (root / "cris-actris" / "index.md").is_file()
    assert len(site_homepages()) >= 8
    assert len(variant_documents()) == 3


def test_every_section_type_document_maps_each_type():
    root = isomer_sites()
    mapped = prepare_homepage(root / EVERY_SECTION_DOCUMENT)
    assert set(mapped.section_counts) == set(SECTION_TYPES)
    hero = next(b for b in mapped.body if b["type"] == "hero")["value"]
    assert hero["dropdown_options"], "the dropdown is kept"


def test_live_actris_notification_keeps_its_link():
    root = isomer_sites()
    mapped = prepare_homepage(root / "cris-actris" / "index.md")
    assert '<a href="https://www.scamshield.gov.sg/">ScamShield</a>' in mapped.notification
    assert mapped.notification.startswith('<p data-block-key="k0000"><b>ACTRIS will never ask you')


def test_a_hero_dropdown_without_options_keeps_the_hero_and_is_reported(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n      title: Welcome\n"
        "      background: /images/hero.png\n      dropdown:\n        title: Pick a topic\n"
        "        options: []\n---\n",
    )
    mapped = prepare_homepage(path)
    hero = mapped.body[0]["value"]
    assert hero["title"] == "Welcome" and hero["dropdown_options"] == []
    notes = [n for n in mapped.notes if n.code == "empty_dropdown"]
    assert len(notes) == 1 and "'Pick a topic'" in notes[0].message
