"""Frames: allowed iframes in homepage section texts become embed sections, FormSG forms embed.

Pure mapping tests (no database) first, then the pages as visitors get them, then the shared
mse-sggreenplan site whose homepage holds a YouTube video in an infopic's description.
"""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from blocks.embeds import IframeEmbedBlock, embed_kind, embed_src
from home.models import HomePage
from importers.mapping.bodies import convert_body
from importers.pipeline import prepare_homepage

from .conftest import isomer_sites, write_document
from .html_checks import assert_valid_html
from .site_helpers import run_import, wipe_content

VIDEO = "https://www.youtube.com/embed/oTrwdqIRVKI?rel=0&amp;autoplay=0"
FORM = "https://form.gov.sg/635f32c5001b2d0011fff09b"


def homepage_document(description: str) -> str:
    """A homepage whose one infopic has ``description`` (a YAML block scalar)."""
    indented = "\n".join("        " + line for line in description.splitlines())
    return (
        "---\nlayout: homepage\ntitle: Green Plan\nsections:\n"
        "  - hero:\n      title: A city of green possibilities\n"
        "  - infopic:\n      title: What is the Green Plan?\n      description: |\n"
        f"{indented}\n"
        "      image: /images/plan.jpg\n      alt: The plan\n"
        "  - infobar:\n      title: Read more\n---\n"
    )


def notes_of(plan, code):
    return [note for note in plan.notes if note.code == code]


# -- mapping, no database ------------------------------------------------------------------


def test_allowed_iframe_in_an_infopic_becomes_an_embed_section_after_it(tmp_path):
    path = write_document(
        tmp_path,
        homepage_document(
            "<p>A whole-of-nation movement.</p>\n"
            f'<figure><iframe title="What is the Green Plan?" src="{VIDEO}"\n'
            '  allowfullscreen="" height="315" width="560"></iframe></figure>'
        ),
    )
    plan = prepare_homepage(path)
    assert [block["type"] for block in plan.body] == ["hero", "infopic", "embed", "infobar"]
    infopic, embed = plan.body[1]["value"], plan.body[2]["value"]
    assert "A whole-of-nation movement." in infopic["description"]
    assert "iframe" not in infopic["description"]
    assert embed == {
        "url": "https://www.youtube.com/embed/oTrwdqIRVKI?rel=0&autoplay=0",
        "title": "What is the Green Plan?",
    }
    IframeEmbedBlock().clean(IframeEmbedBlock().to_python(embed))  # a valid block value
    (note,) = notes_of(plan, "embed_imported")
    assert note.file.endswith("index.md")
    assert note.line == 11  # the <iframe> tag's own line, not its section's
    assert "sections[1].infopic.description" in note.message
    assert not notes_of(plan, "embed_without_title")
    assert not [n for n in plan.notes if "iframe" in n.message and n.code != "embed_imported"]
    assert plan.section_counts["embed"] == 1
    # The same document gives the same block ids on every import.
    assert [b["id"] for b in prepare_homepage(path).body] == [b["id"] for b in plan.body]


def test_frame_without_title_gets_a_fallback_and_is_reported(tmp_path):
    path = write_document(
        tmp_path, homepage_document(f'<p>Watch:</p><iframe src="{VIDEO}"></iframe>')
    )
    plan = prepare_homepage(path)
    assert plan.body[2]["value"]["title"] == "Embedded video"
    (note,) = notes_of(plan, "embed_without_title")
    assert "'Embedded video' was used" in note.message


def test_frame_not_on_the_allow_list_is_removed_and_reported(tmp_path):
    path = write_document(
        tmp_path,
        homepage_document(
            '<p>Our tracker.</p><iframe title="Tracker" src="https://evil.example/x"></iframe>'
        ),
    )
    plan = prepare_homepage(path)
    assert [block["type"] for block in plan.body] == ["hero", "infopic", "infobar"]
    assert "iframe" not in plan.body[1]["value"]["description"]
    assert "Our tracker." in plan.body[1]["value"]["description"]
    assert not notes_of(plan, "embed_imported")
    (note,) = [n for n in notes_of(plan, "sanitised_html") if "<iframe>" in n.message]
    assert "sections[1].infopic.description" in note.message


def test_formsg_iframe_in_a_page_body_becomes_an_embed_block():
    body = f'<p>Register below.</p>\n<iframe src="{FORM}" title="Registration form"></iframe>'
    converted = convert_body(body, "tiptap", "pages/register")
    assert [block["type"] for block in converted.blocks] == ["paragraph", "embed"]
    assert converted.blocks[1]["value"] == {"url": FORM, "title": "Registration form"}
    assert not [note for note in converted.notes if note.code == "unknown_iframe"]


@pytest.mark.parametrize(
    ("url", "src"),
    [
        (FORM, FORM),
        ("https://form.gov.sg/embed/635F32C5001B2D0011FFF09B", FORM.replace(".sg/", ".sg/embed/")),
        (FORM + "/", FORM),
        ("http://form.gov.sg/635f32c5001b2d0011fff09b", None),  # https only
        ("https://www.form.gov.sg/635f32c5001b2d0011fff09b", None),  # that host only
        ("https://form.gov.sg.evil.example/635f32c5001b2d0011fff09b", None),
        ("https://evilform.gov.sg/635f32c5001b2d0011fff09b", None),
        ("https://form.gov.sg:8443/635f32c5001b2d0011fff09b", None),
        ("https://user@form.gov.sg/635f32c5001b2d0011fff09b", None),
        ("https://form.gov.sg/635f32c5001b2d0011fff09", None),  # 23 hex digits
        ("https://form.gov.sg/635f32c5001b2d0011fff09z", None),
        ("https://form.gov.sg/admin/635f32c5001b2d0011fff09b", None),
        ("https://form.gov.sg/", None),
        ("javascript:alert(1)//form.gov.sg/635f32c5001b2d0011fff09b", None),
    ],
)
def test_formsg_addresses_are_checked_strictly(url, src):
    assert embed_src(url) == src
    assert embed_kind(url) == ("form" if src else "")
    if src is None:
        with pytest.raises(ValidationError):
            IframeEmbedBlock().clean(IframeEmbedBlock().to_python({"url": url, "title": "Form"}))


def test_other_kinds_are_told_apart():
    assert embed_kind(VIDEO) == "video"
    assert embed_kind("https://www.google.com/maps/embed?pb=1") == "map"
    assert embed_kind("https://docs.google.com/forms/d/e/1FAIpQL/viewform") == "document"


# -- as visitors get it --------------------------------------------------------------------


@pytest.mark.django_db
def test_homepage_shows_the_video_with_its_title(client, tmp_path):
    path = write_document(
        tmp_path,
        homepage_document(f'<p>Watch this.</p><iframe title="The Green Plan" src="{VIDEO}">'),
    )
    call_command("import_isomer", str(path), stdout=io.StringIO())
    response = client.get("/")
    html = response.content.decode()
    assert_valid_html(html)
    frame = re.search(r"<iframe [^>]*>", html).group(0)
    assert 'src="https://www.youtube-nocookie.com/embed/oTrwdqIRVKI"' in frame
    assert 'title="The Green Plan"' in frame
    # After the infopic's section, in a section of its own.
    assert html.index("What is the Green Plan?") < html.index("<iframe") < html.index("Read more")
    assert "https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    # The frame was part of the infopic's section in Isomer: same background, and the infobar
    # after it keeps the colour Isomer gave it.
    page = HomePage.objects.get()
    assert [(s.block.block_type, s.background) for s in page.sections()] == [
        ("hero", "hero"),
        ("infopic", "white"),
        ("embed", "white"),
        ("infobar", "grey"),
    ]


@pytest.mark.django_db
def test_page_with_a_formsg_form_shows_it(client, tmp_path):
    site = tmp_path / "site"
    write_document(site, "title: Forms\n", "_config.yml")
    write_document(site, "---\nlayout: homepage\ntitle: Forms\nsections: []\n---\n")
    write_document(
        site,
        "---\ntitle: Register\npermalink: /register/\n---\n"
        f'<p>Sign up below.</p>\n\n<iframe src="{FORM}" title="Register for the workshop">'
        "</iframe>\n",
        "pages/register.md",
    )
    run_import(site)
    response = client.get("/register/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_html(html)
    assert re.search(
        rf'<div class="embed embed--form"><iframe src="{FORM}" title="Register for the workshop"'
        '[^>]*sandbox="[^"]*allow-forms',
        html,
    )
    policy = response["Content-Security-Policy"]
    frame_src = re.search(r"frame-src ([^;]*)", policy).group(1).split()
    assert "https://form.gov.sg" in frame_src


# -- the shared site -----------------------------------------------------------------------


def test_mse_sggreenplan_homepage_imports_its_video():
    plan = prepare_homepage(isomer_sites() / "mse-sggreenplan" / "index.md")
    types = [block["type"] for block in plan.body]
    assert types[:4] == ["hero", "infopic", "embed", "infopic"]
    assert plan.body[2]["value"]["title"] == "What Is The Singapore Green Plan 2030?"
    assert embed_src(plan.body[2]["value"]["url"]) == (
        "https://www.youtube-nocookie.com/embed/oTrwdqIRVKI"
    )
    (note,) = notes_of(plan, "embed_imported")
    assert (note.file.endswith("mse-sggreenplan/index.md"), note.line) == (True, 16)


@pytest.mark.django_db
def test_mse_sggreenplan_embed_goes_back_into_the_infopic_on_export(tmp_path):
    site = isomer_sites() / "mse-sggreenplan"
    source = prepare_homepage(site / "index.md")
    wipe_content()
    run_import(site)
    call_command("export_isomer", str(tmp_path / "export"), stdout=io.StringIO())
    exported_text = (tmp_path / "export" / "index.md").read_text()
    assert exported_text.count("<iframe") == 1
    exported = prepare_homepage(tmp_path / "export" / "index.md")

    def texts(plan):
        return [
            (block["type"], {k: v for k, v in block["value"].items() if isinstance(v, str)})
            for block in plan.body
        ]

    assert texts(exported) == texts(source)
