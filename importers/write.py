"""Step 5: write mapped homepage data to Wagtail, in one transaction.

The only step that touches the database or media storage. Images are imported once each
(matched by content hash, so re-runs reuse them); the page gets a new revision only when its
content differs from the latest revision, so running the same import twice changes nothing.
"""

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page, Site

from blocks.editor_rules import relaxed_editor_rules

from .mapping import ImageRef, MappedHomepage
from .media import resolve_media_path, title_from_filename
from .problems import ImportReport, IsomerImportError, Problem
from .storage import REUSED, UNREADABLE, MediaStore


@dataclass
class ImageImporter:
    """Resolves the homepage document's image paths to Wagtail images."""

    site_root: Path
    report: ImportReport
    store: MediaStore = field(default_factory=MediaStore)
    _by_path: dict = field(default_factory=dict)

    def _missing(self, ref: ImageRef, reason: str, code: str = "missing_image") -> None:
        if ref.path not in self.report.images_missing:
            self.report.images_missing.append(ref.path)
        self.report.add(code, f"{ref.where}: {reason}; imported without the image.", line=ref.line)

    def resolve(self, ref: ImageRef) -> int | None:
        lookup = resolve_media_path(self.site_root, ref.path)
        if lookup.path is None:
            self._missing(
                ref, lookup.problem, "refused_path" if lookup.refused else "missing_image"
            )
            return None
        if lookup.path not in self._by_path:
            self._by_path[lookup.path] = self._import(ref, lookup.path)
        return self._by_path[lookup.path]

    def _import(self, ref: ImageRef, path: Path) -> int | None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._missing(ref, f"{ref.path} cannot be read ({exc.strerror})", "unreadable_image")
            return None
        image_id, outcome = self.store.image(data, path.name, title_from_filename(path), ref.alt)
        relative = str(path.relative_to(self.site_root.resolve()))
        if outcome == UNREADABLE:
            self._missing(ref, f"{ref.path} is not a readable image", "unreadable_image")
        elif outcome == REUSED:
            self.report.images_reused.append(relative)
        else:
            self.report.images_imported.append(relative)
        return image_id

    def discard_created_files(self) -> None:
        self.store.discard_created_files()


def replace_image_refs(data, resolve):
    """A copy of ``data`` with every ImageRef replaced by ``resolve(ref)``."""
    if isinstance(data, ImageRef):
        return resolve(data)
    if isinstance(data, dict):
        return {key: replace_image_refs(value, resolve) for key, value in data.items()}
    if isinstance(data, list):
        return [replace_image_refs(value, resolve) for value in data]
    return copy.copy(data)


def _messages(error, where: str) -> list[str]:
    """Flatten nested block validation errors into 'path: message' lines."""
    non_block = getattr(error, "non_block_errors", None)
    block_errors = getattr(error, "block_errors", None)
    if non_block is None and block_errors is None:
        return [f"{where}: {message}" for message in error.messages]
    lines = [
        f"{where}: {m}" for e in (non_block.as_data() if non_block else []) for m in e.messages
    ]
    for key, child in (block_errors or {}).items():
        lines += _messages(child, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}")
    return lines


def _state(page, stream_block) -> dict:
    return {
        "title": page.title,
        "search_description": page.search_description,
        "notification": page.notification,
        "share_image_id": page.share_image_id,
        "body": json.dumps(stream_block.get_prep_value(page.body), sort_keys=True),
    }


def _homepage_model():
    from home.models import HomePage

    return HomePage


def _get_or_create_homepage():
    HomePage = _homepage_model()
    page = HomePage.objects.first()
    if page is not None:
        return page, False
    root = Page.get_first_root_node()
    page = root.add_child(instance=HomePage(title="Home", slug="home", live=False))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=page, is_default_site=True)
    else:
        site.root_page = page
        site.save(update_fields=["root_page"])
    return page, True


def resolve_links(data, resolve):
    """A copy of stream data whose {"page", "url"} links point at pages where ``resolve`` can."""
    if isinstance(data, dict):
        if set(data) == {"page", "url"} and data["url"] and not data["page"]:
            return resolve(data["url"]) or data
        return {key: resolve_links(value, resolve) for key, value in data.items()}
    if isinstance(data, list):
        return [resolve_links(value, resolve) for value in data]
    return data


def write_homepage(
    mapped: MappedHomepage,
    *,
    site_root: Path,
    report: ImportReport,
    publish: bool = True,
    dry_run: bool = False,
    images=None,
    link_resolver=None,
) -> ImportReport:
    HomePage = _homepage_model()
    stream_block = HomePage._meta.get_field("body").stream_block
    images = images or ImageImporter(site_root, report)
    try:
        with transaction.atomic():
            body = replace_image_refs(mapped.body, images.resolve)
            if link_resolver is not None:
                body = resolve_links(body, link_resolver)
            share_image_id = images.resolve(mapped.share_image) if mapped.share_image else None
            try:
                with relaxed_editor_rules():
                    value = stream_block.clean(stream_block.to_python(body))
            except ValidationError as error:
                problems = []
                for index, child in (getattr(error, "block_errors", None) or {}).items():
                    label, line = mapped.section_sources[index]
                    problems += [
                        Problem(mapped.file, message, line) for message in _messages(child, label)
                    ]
                if not problems:
                    problems = [Problem(mapped.file, m) for m in error.messages]
                raise IsomerImportError(problems) from error

            page, created = _get_or_create_homepage()
            report.page_id = page.id
            had_revision = page.latest_revision_id is not None
            latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
            before = _state(latest, stream_block)
            latest.title = mapped.title
            latest.search_description = mapped.search_description
            latest.notification = mapped.notification
            latest.share_image_id = share_image_id
            latest.body = value
            after = _state(latest, stream_block)
            content_same = before == after and had_revision
            live_same = page.live and not page.has_unpublished_changes
            unchanged = content_same and (live_same if publish else True)

            if dry_run:
                report.outcome = "would-stay-unchanged" if unchanged else "would-change"
                transaction.set_rollback(True)
                images.discard_created_files()
                return report
            if unchanged:
                report.outcome = "unchanged"
                report.revision_id = page.latest_revision_id
                report.published = page.live and not page.has_unpublished_changes
                return report
            if content_same:
                revision = page.latest_revision
            else:
                revision = latest.save_revision(log_action=True, clean=False)
            if publish:
                revision.publish(log_action=True)
            report.outcome = "created" if created or not had_revision else "updated"
            report.revision_id = revision.id
            report.published = publish
            return report
    except BaseException:
        images.discard_created_files()
        raise
