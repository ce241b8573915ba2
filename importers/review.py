"""The import's to-do list: report items that need a person, kept until the content is fixed.

Every import replaces the open items of the files it read with its new report, then checks them
against the pages as they are. Publishing a page, or saving a setting, checks its items again:
an item is done when visitors no longer meet the problem, so a draft that fixes it leaves it
open until it is published (a page never published is checked in its latest draft). Each kind
has a check a machine can run; none is closed by a save that changes nothing:

- its subject is gone: a broken link's address (or the page it names now exists), an image's
  stand-in alt text;
- media: a picture or file the import could not bring in is done when the page holds more
  pictures (files) than the import could give it;
- judgement (simplified HTML, a layout table, Liquid...): done once an editor has changed the
  page's content fields (or the setting) from what the import wrote. A machine cannot tell
  whether the change was the right one, so any change to the page counts, not only near the
  reported spot.
"""

import hashlib
import json
import re
from contextlib import contextmanager
from urllib.parse import unquote

from asgiref.local import Local
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .models import ImportedFile, ImportedPage, ReviewItem

KINDS = {
    "missing_alt": "Image without alt text",
    "placeholder": "Image with placeholder alt text",
    "broken_link": "Broken link",
    "broken_menu_link": "Broken menu link",
    "missing_image": "Missing image",
    "missing_document": "Missing file",
    "external_image": "Image on another site",
    "refused_path": "File outside the content refused",
    "simplified_html": "Simplified HTML",
    "sanitised_html": "HTML removed for safety",
    "rich_text_loss": "Formatting the field cannot hold",
    "liquid": "Liquid template code",
    "liquid_rendered": "Generated from Liquid",
    "layout_table": "Table used for layout",
    "unknown_iframe": "Embedded frame left out",
    "data_image": "Embedded (data:) image",
    "refused_link": "Unsafe link left out",
    "empty_dropdown": "Hero dropdown without options",
    "skipped_document": "Document not imported",
    "duplicate_permalink": "Permalink used twice",
    "dataset_search": "data.gov.sg dataset search",
    "post_outside_newsroom": "Post outside the newsroom",
    "text_shortened": "Text shortened to fit",
}
# Informational report items: nothing for an editor to do in Wagtail.
NOT_FOR_EDITORS = {
    "edited_in_wagtail", "type_changed", "title_shortened", "no_layout", "media_case",
    "excluded", "embed_imported", "skipped_layout",
}  # fmt: skip
SUBJECTS = {
    "broken_link": re.compile(r"Link to (.+?) points at"),
    "missing_alt": re.compile(r"its file name (['\"])(.+)\1 was used"),
    "placeholder": re.compile(r"placeholder alt text (['\"])(.+)\1"),
}
IMAGE_OF = re.compile(r"^Image (\S.*?) has (?:no alt text|placeholder alt text)")
# Pictures and files the import could not bring in: done when the page has more of them.
MEDIA_KINDS = {
    "missing_image": "image", "external_image": "image", "refused_path": "image",
    "data_image": "image", "missing_document": "document",
}  # fmt: skip
# Settings a site-wide item is about, by the Isomer file it came from.
SETTINGS_OF = {
    "_config.yml": "siteidentity",
    "_data/navigation.yml": "mainmenu",
    "_data/footer.yml": "footer",
}


def kind_label(code: str) -> str:
    return KINDS.get(code, code.replace("_", " ").capitalize())


def subject_of(code: str, message: str) -> str:
    match = SUBJECTS.get(code) and SUBJECTS[code].search(message)
    return match.group(match.lastindex) if match else ""


def image_of(code: str, message: str):
    """The Wagtail image an alt-text item is about (its edit view is where it is described)."""
    match = code in ("missing_alt", "placeholder") and IMAGE_OF.search(message)
    if not match:
        return None
    path = unquote(match.group(1)).lstrip("/")
    found = ImportedFile.objects.filter(kind=ImportedFile.IMAGE, source_path__iexact=path)
    object_id = found.values_list("object_id", flat=True).first()
    return get_image_model().objects.filter(pk=object_id).first() if object_id else None


def editable_object(page: Page):
    """The page as an editor last saved it (draft or published)."""
    specific = page.specific
    return specific.get_latest_revision_as_object() if specific.latest_revision_id else specific


def visible_object(page: Page):
    """The page as visitors see it: its live content, or its latest draft if it was never
    published (an item is done once the fix is live)."""
    stored = page.specific_class._default_manager.filter(pk=page.pk).first()  # not a copy held
    if stored is None:  # in memory (the import's pages): the stored row is what visitors get
        return None
    return stored if stored.live else editable_object(stored)


def own_fields(obj) -> list:
    """The content fields of a page type or setting (not Wagtail's own bookkeeping)."""
    skip = {field.name for field in Page._meta.get_fields()} | {"id", "site"}
    return [
        field
        for field in type(obj)._meta.concrete_fields
        if field.name not in skip and not field.name.endswith("_ptr")
    ]


def stored_text(obj) -> str:
    """The rich text and stream data of ``obj`` as stored (where subjects are looked for)."""
    parts = []
    for field in own_fields(obj):
        if isinstance(field, StreamField):
            parts.append(json.dumps(list(getattr(obj, field.name).raw_data), ensure_ascii=False))
        elif isinstance(field, RichTextField):
            parts.append(getattr(obj, field.name) or "")
    return "\n".join(parts)


def fingerprint(obj) -> str:
    """A hash of every content field of ``obj``: it changes when an editor changes anything."""
    values = {}
    for field in own_fields(obj):
        value = field.value_from_object(obj)
        if isinstance(field, StreamField):
            value = list(getattr(obj, field.name).raw_data)
        values[field.name] = value
    encoded = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(encoded.encode()).hexdigest()


def media_counts(obj) -> dict[str, int]:
    """How many pictures and files ``obj`` holds: chosen in fields, blocks and rich text."""
    models_by_kind = {get_image_model(): "image", get_document_model(): "document"}
    counts = {"image": 0, "document": 0}
    for field in own_fields(obj):
        if isinstance(field, models.ForeignKey):
            kind = models_by_kind.get(field.related_model)
            counts[kind] = counts.get(kind, 0) + (field.value_from_object(obj) is not None)
        elif hasattr(field, "extract_references"):
            for model, *_ in field.extract_references(field.value_from_object(obj)):
                kind = models_by_kind.get(model)
                counts[kind] = counts.get(kind, 0) + 1
    counts.pop(None, None)
    return counts


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


def still_open(item: ReviewItem, obj) -> bool:
    if item.subject:
        text = stored_text(obj)
        present = any(form in text for form in stored_forms(item.subject))
        if item.code == "broken_link" and present:
            return not link_works(item.subject)
        return present
    if item.needs_media is not None:
        return media_counts(obj)[MEDIA_KINDS[item.code]] < item.needs_media
    if not item.content_hash:
        return True  # raised before checks were recorded: the next import gives it one
    return fingerprint(obj) == item.content_hash


def settings_object(name: str):
    from django.apps import apps
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return apps.get_model("siteconfig", name).for_site(site) if site else None


def subject_object(item: ReviewItem):
    if item.page_id:
        return visible_object(item.page)
    name = SETTINGS_OF.get(item.source_path)
    return settings_object(name) if name else None


def subject_key(item: ReviewItem) -> tuple:
    """Items with the same key are about the same page or setting (loaded once for all)."""
    return (item.page_id, "" if item.page_id else item.source_path)


def close_fixed(items) -> int:
    objects, done = {}, []
    for item in items:
        if (key := subject_key(item)) not in objects:
            objects[key] = subject_object(item)
        if objects[key] is not None and not still_open(item, objects[key]):
            done.append(item.pk)
    ReviewItem.objects.filter(pk__in=done).update(resolved_at=timezone.now())
    return len(done)


def recheck(page: Page) -> int:
    """Check the open items of ``page`` against its content; returns how many are now done."""
    return close_fixed(ReviewItem.objects.filter(page=page, resolved_at__isnull=True))


def recheck_settings(name: str) -> int:
    sources = [path for path, setting in SETTINGS_OF.items() if setting == name]
    items = ReviewItem.objects.filter(page=None, source_path__in=sources, resolved_at__isnull=True)
    return close_fixed(items)


def as_imported(item: ReviewItem):
    """The page (or setting) as the import last wrote it: what the item's check compares with.
    An editor's later changes, and a re-import that skipped an edited page, leave it as it was."""
    if item.page_id is None:
        return subject_object(item)
    record = ImportedPage.objects.filter(page_id=item.page_id).first()
    revision = record and Revision.objects.filter(pk=record.revision_id).first()
    return revision.as_object() if revision else editable_object(item.page)


def new_items(report, pages_by_file: dict) -> list[ReviewItem]:
    """The report's to-do items, each with what its check compares against (as imported)."""
    items, media_seen, imported = [], {}, {}
    for entry in report.items:
        if entry.code in NOT_FOR_EDITORS:
            continue
        page = pages_by_file.get(entry.file)
        item = ReviewItem(
            code=entry.code,
            message=entry.message[:2000],
            source_path=entry.file[:1024],
            line=entry.line,
            subject=subject_of(entry.code, entry.message),
            page=page,
            image=image_of(entry.code, entry.message),
        )
        key = subject_key(item)
        if not item.subject and key not in imported:
            imported[key] = as_imported(item)
        obj = None if item.subject else imported[key]
        if obj is not None and entry.code in MEDIA_KINDS:
            kind = MEDIA_KINDS[entry.code]  # the n-th missing picture needs the n-th new one
            media_seen[key, kind] = media_seen.get((key, kind), 0) + 1
            item.needs_media = media_counts(obj)[kind] + media_seen[key, kind]
        elif obj is not None:
            item.content_hash = fingerprint(obj)
        items.append(item)
    return items


def same_item(item: ReviewItem) -> tuple:
    return (item.code, item.source_path, item.line, item.message)


def sync(report, pages_by_file: dict) -> None:
    """Replace the open items of the files this import read with its report's, then check them
    against the pages as they are now. Each item compares with the content as the import last
    wrote it, so what editors changed in Wagtail stays done; an item done before is not listed
    again while it stays done."""
    files = set(pages_by_file) | {item.file for item in report.items}
    done_before = set()
    for item in ReviewItem.objects.filter(source_path__in=files, resolved_at__isnull=False):
        done_before.add(same_item(item))
    ReviewItem.objects.filter(resolved_at__isnull=True, source_path__in=files).delete()
    current, items = {}, []
    for item in new_items(report, pages_by_file):
        if same_item(item) in done_before:
            if (key := subject_key(item)) not in current:
                current[key] = subject_object(item)
            if current[key] is not None and not still_open(item, current[key]):
                continue  # done in Wagtail before this import: stays done, listed once
        items.append(item)
    ReviewItem.objects.bulk_create(items)
    pages = {page.pk for page in pages_by_file.values()}
    close_fixed(ReviewItem.objects.filter(page__in=pages, resolved_at__isnull=True))
    for name in set(SETTINGS_OF.values()):
        recheck_settings(name)


_synced = Local()  # set while an import writes: ``sync`` checks its pages and settings at its end


@contextmanager
def checked_by_sync():
    """While an import writes, the pages and settings it saves are not re-checked one by one
    after its commit (two queries per page): ``sync``, at the end of the same transaction,
    checks all of them."""
    before = getattr(_synced, "value", False)
    _synced.value = True
    try:
        yield
    finally:
        _synced.value = before


def recheck_after_commit(page_id: int) -> None:
    def check():
        if page := Page.objects.filter(pk=page_id).first():  # deleted meanwhile: nothing
            recheck(page)

    transaction.on_commit(check)


def page_published(sender, instance, **kwargs):
    """After a page is published (by an editor, an approval or the scheduler): re-check it."""
    if not getattr(_synced, "value", False):
        recheck_after_commit(instance.pk)


def revision_saved(sender, instance, created, **kwargs):
    """A draft of a page never published is what its items are checked in: re-check it (also
    when autosave or Save draft overwrites the editor's last revision in place)."""
    if getattr(_synced, "value", False):
        return
    model = instance.content_type.model_class()
    if model and issubclass(model, Page):
        page_id = int(instance.object_id)
        if not Page.objects.filter(pk=page_id, live=True).exists():
            recheck_after_commit(page_id)


def setting_saved(sender, instance, **kwargs):
    """After identity, menu or footer is saved in Settings: re-check the site-wide items."""
    if getattr(_synced, "value", False):
        return
    name = sender._meta.model_name
    transaction.on_commit(lambda: recheck_settings(name))
