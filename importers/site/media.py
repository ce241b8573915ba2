"""Every image and file of a site, imported once each (matched by content hash)."""

from pathlib import Path

from ..media import resolve_media_path, title_from_filename
from ..models import ImportedFile
from ..storage import UNREADABLE, MediaStore, content_hash
from .discover import SiteInventory

RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}


class SiteMedia:
    """Imports media and answers "which Wagtail image/document is this path?"."""

    def __init__(self, inventory: SiteInventory, report):
        self.inv = inventory
        self.report = report
        self.store = MediaStore()
        self.images: dict[str, int] = {}  # site-relative path -> image id
        self.documents: dict[str, int] = {}

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
        title = title_from_filename(path)
        if path.suffix.lower() in RASTER_SUFFIXES:
            image_id, outcome = self.store.image(data, path.name, title)
            if outcome != UNREADABLE:
                self.report.count(f"images {outcome}")
                self.images[relative] = image_id
                self._record(relative, ImportedFile.IMAGE, image_id, data)
                return
            self.report.add(
                "unreadable_image", "Not a readable image; imported as a document.", relative
            )
        document_id, outcome = self.store.document(data, path.name, title)
        self.report.count(f"documents {outcome}")
        self.documents[relative] = document_id
        self._record(relative, ImportedFile.DOCUMENT, document_id, data)

    @staticmethod
    def _record(relative, kind, object_id, data):
        ImportedFile.objects.update_or_create(
            source_path=relative,
            defaults={"kind": kind, "object_id": object_id, "file_hash": content_hash(data)},
        )

    def discard_created_files(self):
        self.store.discard_created_files()

    # -- look-ups ---------------------------------------------------------------------------
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
