"""Every image and file of a site, imported once each (matched by content hash)."""

import hashlib
import io
from pathlib import Path

import PIL.Image
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ..media import resolve_media_path, title_from_filename
from ..models import ImportedFile
from ..write import IMPORT_COLLECTION_NAME
from .discover import SiteInventory

RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}


class SiteMedia:
    """Imports media and answers "which Wagtail image/document is this path?"."""

    def __init__(self, inventory: SiteInventory, report, dry_run: bool):
        self.inv = inventory
        self.report = report
        self.dry_run = dry_run
        self.images: dict[str, int] = {}  # site-relative path -> image id
        self.documents: dict[str, int] = {}
        self.created_files: list[tuple] = []
        self._collection = None

    def collection(self):
        if self._collection is None:
            from wagtail.models import Collection

            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(
                name=IMPORT_COLLECTION_NAME
            ).first() or root.add_child(name=IMPORT_COLLECTION_NAME)
        return self._collection

    def import_all(self, progress=None):
        paths = list(self.inv.images) + list(self.inv.files)
        for number, path in enumerate(paths, 1):
            self.import_path(path)
            if progress:
                progress(number, len(paths), "media")

    def import_path(self, path: Path):
        relative = self.inv.relative(path)
        if relative in self.images or relative in self.documents:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.report.add("unreadable_media", f"Cannot read the file ({exc.strerror}).", relative)
            return
        digest = hashlib.sha1(data).hexdigest()
        if path.suffix.lower() in RASTER_SUFFIXES:
            image_id = self._image(path, relative, data, digest)
            if image_id is not None:
                self.images[relative] = image_id
                return
        self.documents[relative] = self._document(path, relative, data, digest)

    def _record(self, relative, kind, object_id, digest):
        ImportedFile.objects.update_or_create(
            source_path=relative,
            defaults={"kind": kind, "object_id": object_id, "file_hash": digest},
        )

    def _image(self, path, relative, data, digest):
        Image = get_image_model()
        existing = Image.objects.filter(file_hash=digest).values_list("id", flat=True).first()
        if existing is not None:
            self.report.count("images reused")
            self._record(relative, ImportedFile.IMAGE, existing, digest)
            return existing
        try:
            with PIL.Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                probe.verify()
        except Exception:  # not an image Pillow can read: keep it as a document
            self.report.add(
                "unreadable_image", "Not a readable image; imported as a document.", relative
            )
            return None
        image = Image(
            title=title_from_filename(path),
            collection=self.collection(),
            file_hash=digest,
            file_size=len(data),
        )
        image.file.save(path.name.strip() or "image", ContentFile(data), save=False)
        self.created_files.append((Image, image.file.name))
        image.width, image.height = width, height
        image.save()
        self.report.count("images imported")
        self._record(relative, ImportedFile.IMAGE, image.id, digest)
        return image.id

    def _document(self, path, relative, data, digest):
        Document = get_document_model()
        existing = Document.objects.filter(file_hash=digest).values_list("id", flat=True).first()
        if existing is not None:
            self.report.count("documents reused")
            self._record(relative, ImportedFile.DOCUMENT, existing, digest)
            return existing
        document = Document(
            title=title_from_filename(path),
            collection=self.collection(),
            file_hash=digest,
            file_size=len(data),
        )
        document.file.save(path.name.strip() or "file", ContentFile(data), save=False)
        self.created_files.append((Document, document.file.name))
        document.save()
        self.report.count("documents imported")
        self._record(relative, ImportedFile.DOCUMENT, document.id, digest)
        return document.id

    def discard_created_files(self):
        for model, name in self.created_files:
            model._meta.get_field("file").storage.delete(name)
        self.created_files = []

    # -- look-ups ---------------------------------------------------------------------------
    def _relative_for(self, reference: str) -> str | None:
        lookup = resolve_media_path(self.inv.root, reference)
        if lookup.path is None:
            return None
        return self.inv.relative(lookup.path)

    def lookup(self, reference: str):
        """('image' | 'document', id, problem) for a site path such as /images/a b.png."""
        lookup = resolve_media_path(self.inv.root, reference)
        if lookup.path is None:
            return None, None, lookup.problem
        relative = self.inv.relative(lookup.path)
        if relative not in self.images and relative not in self.documents:
            self.import_path(lookup.path)  # referenced media outside images/ and files/
        if relative in self.images:
            return "image", self.images[relative], None
        if relative in self.documents:
            return "document", self.documents[relative], None
        return None, None, f"{reference} could not be imported"
