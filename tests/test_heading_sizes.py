"""Body headings look as large as on the Isomer page (issue 18): a page whose headings start at
h3 or h4 keeps consecutive levels for screen readers (h2, h3) and its heading size (3 or 4),
which draws each level one or two steps smaller; editable, exported back as the original's."""

import io

import pytest
from django.core.management import call_command

from content.models import StandardPage
from exporters.snapshot import content_snapshot
from importers.mapping.bodies import convert_body
from importers.mapping.headings import shift_heading_levels

from .site_helpers import run_import, simple_page, small_site, wipe_content


@pytest.mark.parametrize(
    ("markdown", "levels", "headings_from"),
    [
        ("### FAQ\n\ntext\n\n#### Part\n\nmore", ["h2", "h3"], 3),
        ("#### Small\n\ntext", ["h2"], 4),
        ("## Big\n\ntext\n\n### Smaller", ["h2", "h3"], 2),
        ("## Big\n\n#### Skipped", ["h2", "h3"], 2),
        ("No headings at all.", [], 2),
    ],
)
def test_the_sources_top_level_becomes_the_heading_size(markdown, levels, headings_from):
    converted = convert_body(markdown, "markdown", "pages/faq.md")
    html = "".join(str(block["value"]) for block in converted.blocks)
    assert [tag for tag in ("h2", "h3", "h4") if f"<{tag}" in html] == levels
    assert converted.headings_from == headings_from


def test_an_export_draws_the_levels_back_as_the_source_had_them():
    html = '<h2 data-block-key="a">FAQ</h2><p>x</p><h3>Part</h3>'
    assert shift_heading_levels(html, 3) == '<h3 data-block-key="a">FAQ</h3><p>x</p><h4>Part</h4>'
    assert shift_heading_levels(html, 4) == '<h4 data-block-key="a">FAQ</h4><p>x</p><h5>Part</h5>'
    assert shift_heading_levels(html, 2) == html


@pytest.mark.django_db
def test_imported_heading_sizes_render_edit_and_round_trip(tmp_path, client, admin_client):
    pages = {"faq": "### FAQ\n\nAnswers.\n\n#### Fees\n\nNone.", "big": "## Big\n\nText."}
    site = small_site(
        tmp_path / "site",
        "Headings",
        {f"pages/{slug}.md": simple_page(slug, slug, body) for slug, body in pages.items()},
    )
    run_import(site)

    faq = StandardPage.objects.get(slug="faq")
    assert faq.headings_from == 3
    html = client.get("/faq/").content.decode()
    assert 'class="page-body__content content content--headings-h3"' in html
    assert ">FAQ</h2>" in html and ">Fees</h3>" in html  # levels in order from h2
    big = client.get("/big/").content.decode()
    assert 'class="page-body__content content"' in big and "content--headings" not in big

    # Editors see it in the page's settings and may change it.
    form = admin_client.get(f"/admin/pages/{faq.id}/edit/").content.decode()
    assert '<option value="3" selected>Medium: the top headings at heading 3 size</option>' in form

    # The export writes the Isomer levels back; re-importing it gives the same pages.
    imported = content_snapshot()
    exported = tmp_path / "exported"
    call_command("export_isomer", str(exported), stdout=io.StringIO())
    (faq_file,) = [p for p in exported.rglob("*.md") if "title: faq" in p.read_text()]
    assert ">FAQ</h3>" in faq_file.read_text() and ">Fees</h4>" in faq_file.read_text()
    wipe_content()
    run_import(exported)
    assert content_snapshot() == imported
