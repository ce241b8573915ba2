"""Every page imported from every shared Isomer site opens in the editor and saves unchanged.

For each site: import it; open the edit view of every page and of the site settings (200);
put every rich text through the editor's load-and-save round trip (it must come back the same,
so visible text, links and pictures are kept); then publish a few pages of each type through
the real admin edit form, unchanged, and find the public page rendered exactly as before.
"""

import difflib
import json
from collections import defaultdict

import pytest
from django.core.management import CommandError
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from importers.richtext import editor_round_trip

from .admin_forms import edit_form_post_data
from .conftest import ISOMER_SITES_DIR, _or_skip
from .site_helpers import run_import

pytestmark = pytest.mark.django_db

PUBLISHED_PER_TYPE = 3
SETTINGS = ("siteidentity", "mainmenu", "footer")


def shared_sites() -> list:
    if not ISOMER_SITES_DIR.is_dir():
        return _or_skip([])
    return sorted(path for path in ISOMER_SITES_DIR.iterdir() if (path / "_config.yml").is_file())


def rich_texts(block, raw, path):
    """(path, features, stored value) of every rich text inside raw stream data."""
    if isinstance(block, blocks.RichTextBlock):
        if raw:
            yield path, block.features, raw
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(raw or []):
            yield from rich_texts(
                block.child_blocks[child["type"]], child["value"], f"{path}[{index}]"
            )
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw or []):
            value = item["value"] if isinstance(item, dict) and "id" in item else item
            yield from rich_texts(block.child_block, value, f"{path}[{index}]")
    elif isinstance(block, TypedTableBlock):
        for row_index, row in enumerate((raw or {}).get("rows", [])):
            for column, value in zip(raw["columns"], row["values"], strict=True):
                yield from rich_texts(
                    block.child_blocks[column["type"]], value, f"{path}.rows[{row_index}]"
                )
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from rich_texts(child, (raw or {}).get(name), f"{path}.{name}")


def page_rich_texts(page):
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            raw = list(getattr(page, field.name).raw_data)
            yield from rich_texts(field.stream_block, raw, f"{page.url_path} {field.name}")
        elif isinstance(field, RichTextField) and getattr(page, field.name):
            yield f"{page.url_path} {field.name}", field.features, getattr(page, field.name)


def public_view(client, page):
    response = client.get(page.url)
    return response.status_code, response.get("Location"), response.content


def html_diff(before: bytes, after: bytes) -> str:
    lines = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return "\n".join(list(lines)[:20])


def body_size(page) -> int:
    return sum(
        len(json.dumps(list(getattr(page, f.name).raw_data)))
        for f in page._meta.get_fields()
        if isinstance(f, StreamField)
    )


def assert_every_edit_view_opens(admin, pages, site):
    """Checks that the edit view of every page and of every site setting answers 200."""
    broken_views = [
        (page.url_path, response.status_code)
        for page in pages
        if (response := admin.get(f"/admin/pages/{page.id}/edit/")).status_code != 200
    ]
    site_id = Site.objects.get(is_default_site=True).id
    broken_views += [
        (name, response.status_code)
        for name in SETTINGS
        if (response := admin.get(f"/admin/settings/siteconfig/{name}/{site_id}/")).status_code
        != 200
    ]
    assert broken_views == [], f"edit views that do not open on {site.name}"


def assert_rich_texts_survive_the_editor(pages, site):
    """Checks that the editor keeps every rich text as is; returns (checked, changed)."""
    checked, changed = 0, []
    for page in pages:
        for path, features, value in page_rich_texts(page):
            checked += 1
            if editor_round_trip(value, features) != value:
                changed.append(path)
    assert changed == [], f"rich texts the editor would change on {site.name}"
    return checked, changed


def assert_publishes_unchanged(client, admin, editor, pages):
    """Checks that a few pages of each type publish unchanged; returns (by_type, published)."""
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page).__name__].append(page)
    published = 0
    for same_type in by_type.values():
        for page in sorted(same_type, key=body_size, reverse=True)[:PUBLISHED_PER_TYPE]:
            before = public_view(client, page)
            revision = page.latest_revision_id
            response = admin.post(
                f"/admin/pages/{page.id}/edit/", edit_form_post_data(page, editor)
            )
            assert response.status_code == 302, (page.url_path, response.content[:3000])
            page.refresh_from_db()
            assert page.latest_revision_id != revision and not page.has_unpublished_changes
            after = public_view(client, page)
            assert after == before, (page.url_path, html_diff(before[2], after[2]))
            published += 1
    return by_type, published


@pytest.mark.isomer_sites
@pytest.mark.parametrize("site", shared_sites(), ids=lambda p: p.name if p else "absent")
def test_every_imported_page_opens_and_saves_unchanged(
    site, client, django_user_model, artifacts, corpus_wide
):
    summary = artifacts / "editor-fidelity.jsonl"
    pages_before = Page.objects.count()
    try:
        run_import(site)
    except CommandError as error:  # only a site in the older v1 format may be refused
        assert "older Isomer v1 format" in str(error), error
        assert Page.objects.count() == pages_before
        with summary.open("a") as out:
            out.write(json.dumps({"site": site.name, "refused": str(error)[:200]}) + "\n")
        return
    editor = django_user_model.objects.create_superuser("fidelity", "", "pw")
    admin = type(client)()
    admin.force_login(editor)
    pages = list(Page.objects.filter(depth__gt=1).specific().order_by("path"))

    assert_every_edit_view_opens(admin, pages, site)
    checked, changed = assert_rich_texts_survive_the_editor(pages, site)
    by_type, published = assert_publishes_unchanged(client, admin, editor, pages)

    with summary.open("a") as out:
        out.write(
            json.dumps(
                {
                    "site": site.name,
                    "pages": len(pages),
                    "edit_views_ok": len(pages) + len(SETTINGS),
                    "rich_texts": checked,
                    "changed_on_save": len(changed),
                    "published_through_form": published,
                    "page_types": sorted(by_type),
                }
            )
            + "\n"
        )
