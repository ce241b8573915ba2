"""Images and documents for an import: each file once (by content hash), files created by a
rolled-back import deleted again, and every reference to a file answered or reported."""

import hashlib
import io
from pathlib import Path

import PIL.Image
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from ..mapping.refs import ImageRef
from ..media import resolve_media_path, title_from_filename
from ..models import ImportedFile

IMPORT_COLLECTION_NAME = "Imported from Isomer"
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}
IMAGE, DOCUMENT = ImportedFile.IMAGE, ImportedFile.DOCUMENT


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()  # Wagtail's own file_hash is SHA-1


class MediaStore:
    """Wagtail images and documents made from bytes, once per content hash."""

    def __init__(self):
        self.created_files: list[tuple[type, str]] = []
        self._collection: Collection | None = None

    def collection(self) -> Collection:
        if self._collection is None:
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=IMPORT_COLLECTION_NAME).first()
            self._collection = existing or root.add_child(name=IMPORT_COLLECTION_NAME)
        return self._collection

    def image(self, data: bytes, name: str, title: str, description="") -> tuple[int | None, str]:
        """(image id, "reused" | "imported"), or (None, "unreadable") when Pillow cannot read it."""
        Image = get_image_model()
        digest = content_hash(data)
        if (
            existing := Image.objects.filter(file_hash=digest).values_list("id", flat=True).first()
        ) is not None:
            return existing, "reused"
        try:
            with PIL.Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                probe.verify()
        except Exception:  # Pillow raises many types for corrupt or unknown files
            return None, "unreadable"
        image = Image(
            title=title[:255],
            description=description[:255],
            collection=self.collection(),
            file_hash=digest,
            file_size=len(data),
        )
        image.file.save(name.strip() or "image", ContentFile(data), save=False)
        self.created_files.append((Image, image.file.name))
        image.width, image.height = width, height  # saving the file reset them
        image.save()
        return image.id, "imported"

    def document(self, data: bytes, name: str, title: str) -> tuple[int, str]:
        Document = get_document_model()
        digest = content_hash(data)
        if (
            existing := Document.objects.filter(file_hash=digest)
            .values_list("id", flat=True)
            .first()
        ) is not None:
            return existing, "reused"
        document = Document(
            title=title[:255], collection=self.collection(), file_hash=digest, file_size=len(data)
        )
        document.file.save(name.strip() or "file", ContentFile(data), save=False)
        self.created_files.append((Document, document.file.name))
        document.save()
        return document.id, "imported"

    def discard_created_files(self) -> None:
        for model, name in self.created_files:
            model._meta.get_field("file").storage.delete(name)
        self.created_files = []


class MediaLibrary:
    """The site's media as Wagtail objects: "which image or document is this path?"."""

    def __init__(self, root: Path, report):
        self.root = root
        self.report = report
        self.store = MediaStore()
        self.objects: dict[str, tuple[str, int]] = {}  # site-relative path -> (kind, id)
        self.unreadable: set[str] = set()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def import_all(self, paths, progress=None):
        paths = list(paths)
        for number, path in enumerate(paths, 1):
            self.import_path(path)
            if progress:
                progress(number, len(paths), "media")

    def import_path(self, path: Path, as_document=True, description="") -> tuple[str, int] | None:
        """The file at ``path`` as an image (raster files Pillow reads) or else a document."""
        relative = self.relative(path)
        is_raster = path.suffix.lower() in RASTER_SUFFIXES
        if (
            relative in self.objects
            or not as_document
            and (relative in self.unreadable or not is_raster)
        ):
            return self.objects.get(relative)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.report.add("unreadable_media", f"Cannot read the file ({exc.strerror}).", relative)
            return None
        if is_raster:
            title = title_from_filename(path)
            image_id, outcome = self.store.image(data, path.name, title, description)
            if image_id is not None:
                return self._record(relative, IMAGE, image_id, outcome, data)
            self.unreadable.add(relative)
            if not as_document:
                return None
            self.report.add(
                "unreadable_image", "Not a readable image; imported as a document.", relative
            )
        document_id, outcome = self.store.document(data, path.name, title_from_filename(path))
        return self._record(relative, DOCUMENT, document_id, outcome, data)

    def _record(self, relative, kind, object_id, outcome, data) -> tuple[str, int]:
        label = "images" if kind == IMAGE else "documents"
        self.report.count(f"{label} {outcome}")
        if kind == IMAGE:
            self.report.image(outcome, relative)
        ImportedFile.objects.update_or_create(
            source_path=relative,
            defaults={"kind": kind, "object_id": object_id, "file_hash": content_hash(data)},
        )
        self.objects[relative] = (kind, object_id)
        return kind, object_id

    # -- look-ups ------------------------------------------------------------------------------
    def lookup(self, reference: str) -> tuple[str | None, int | None, str | None]:
        """(kind, id, problem) for a site path such as /images/a b.png (imported if needed)."""
        found = resolve_media_path(self.root, reference)
        if found.path is None:
            return None, None, found.problem
        target = self.import_path(found.path)
        if target is None:
            return None, None, f"{reference} could not be imported"
        return target[0], target[1], None

    def image(self, ref: ImageRef, file: str) -> int | None:
        """The Wagtail image for an image reference, or None (reported, with the reason)."""
        found = resolve_media_path(self.root, ref.path)
        problem, code = found.problem, "refused_path" if found.refused else "missing_image"
        if found.path is not None:
            target = self.import_path(found.path, as_document=False, description=ref.alt)
            if target is not None and target[0] == IMAGE:
                return target[1]
            problem, code = f"{ref.path} is not a readable image", "unreadable_image"
        self.report.image("missing", ref.path)
        self.report.add(
            code, f"{ref.where}: {problem}; imported without the image.", file, ref.line
        )
        return None

    def discard_created_files(self):
        self.store.discard_created_files()
