"""The import's to-do list: report items that need a person, kept until the content is fixed.

Every import replaces the open items of the files it read with its new report, then checks them
against the pages as they are. Saving a page (draft or published) checks its items again: an
item is done when its subject (a broken link's address, an image's stand-in alt text) is gone
from the page or, for items a machine cannot re-check (simplified HTML, Liquid), when an editor
has saved the page since the item was raised.
"""

import json
import re

from django.db import transaction
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .models import ReviewItem

KINDS = {
    "missing_alt": "Image without alt text",
    "placeholder": "Image with placeholder alt text",
    "broken_link": "Broken link",
    "broken_menu_link": "Broken menu link",
    "missing_image": "Missing image",
    "missing_document": "Missing file",
    "external_image": "Image on another site",
    "simplified_html": "Simplified HTML",
    "rich_text_loss": "Formatting the field cannot hold",
    "liquid": "Liquid template code",
    "liquid_rendered": "Generated from Liquid",
    "table": "Table used for layout",
    "unknown_iframe": "Embedded frame left out",
    "data_image": "Embedded (data:) image",
    "refused_link": "Unsafe link left out",
    "empty_dropdown": "Hero dropdown without options",
    "skipped_document": "Document not imported",
    "duplicate_permalink": "Permalink used twice",
    "dataset_search": "data.gov.sg dataset search",
    "post_outside_newsroom": "Post outside the newsroom",
}
# Informational report items: nothing for an editor to do in a page.
NOT_FOR_EDITORS = {
    "edited_in_wagtail", "type_changed", "title_shortened", "no_layout", "media_case",
    "excluded", "embed_imported",
}  # fmt: skip
SUBJECTS = {
    "broken_link": re.compile(r"Link to (.+?) points at"),
    "missing_alt": re.compile(r"its file name (['\"])(.+)\1 was used"),
    "placeholder": re.compile(r"placeholder alt text (['\"])(.+)\1"),
}


def kind_label(code: str) -> str:
    return KINDS.get(code, code.replace("_", " ").capitalize())


def subject_of(code: str, message: str) -> str:
    match = SUBJECTS.get(code) and SUBJECTS[code].search(message)
    return match.group(match.lastindex) if match else ""


def page_content(page: Page) -> str:
    """The text of the page as an editor last saved it (draft or published), as stored."""
    specific = page.specific
    latest = specific.get_latest_revision_as_object() if specific.latest_revision_id else specific
    parts = []
    for field in type(latest)._meta.get_fields():
        if isinstance(field, StreamField):
            parts.append(json.dumps(list(getattr(latest, field.name).raw_data), ensure_ascii=False))
        elif isinstance(field, RichTextField):
            parts.append(getattr(latest, field.name) or "")
    return "\n".join(parts)


def stored_forms(subject: str) -> list[str]:
    """How a subject may appear in stored content (rich text escapes &, quotes...)."""
    from django.utils.html import escape

    return list({subject, escape(subject), json.dumps(subject)[1:-1]})


def link_works(href: str) -> bool:
    path = href.split("#")[0].split("?")[0]
    if not path.startswith("/"):
        return False
    url_path_suffix = path if path.endswith("/") else path + "/"
    return Page.objects.live().filter(url_path__endswith=url_path_suffix).exists()


def still_open(item: ReviewItem, content: str, saved_by_editor_since) -> bool:
    if item.subject:
        present = any(form in content for form in stored_forms(item.subject))
        if item.code == "broken_link" and present:
            return not link_works(item.subject)
        return present
    return saved_by_editor_since is None or saved_by_editor_since <= item.raised_at


def recheck(page: Page) -> int:
    """Check the open items of ``page`` against its content; returns how many are now done."""
    items = list(ReviewItem.objects.filter(page=page, resolved_at__isnull=True))
    if not items:
        return 0
    content = page_content(page)
    last_edit = (
        page.revisions.filter(user__isnull=False).order_by("-created_at").values_list(
            "created_at", flat=True
        ).first()
    )  # fmt: skip
    done = [item.pk for item in items if not still_open(item, content, last_edit)]
    ReviewItem.objects.filter(pk__in=done).update(resolved_at=timezone.now())
    return len(done)


def sync(report, pages_by_file: dict) -> None:
    """Replace the open items of the files this import read with its report's, then check them
    against the pages as they are now (what editors fixed in Wagtail stays fixed)."""
    files = set(pages_by_file) | {item.file for item in report.items}
    ReviewItem.objects.filter(resolved_at__isnull=True, source_path__in=files).delete()
    ReviewItem.objects.bulk_create(
        ReviewItem(
            code=item.code,
            message=item.message[:2000],
            source_path=item.file[:1024],
            line=item.line,
            subject=subject_of(item.code, item.message),
            page=pages_by_file.get(item.file),
        )
        for item in report.items
        if item.code not in NOT_FOR_EDITORS
    )
    for page in {page.pk: page for page in pages_by_file.values()}.values():
        recheck(page)


def revision_saved(sender, instance, created, **kwargs):
    """After any page revision is saved (draft, submit, publish): re-check that page."""
    if (
        created
        and instance.content_type.model_class()
        and issubclass(instance.content_type.model_class(), Page)
    ):
        page_id = int(instance.object_id)
        transaction.on_commit(lambda: recheck(Page.objects.get(pk=page_id)))
