"""Images and documents for an import: each file once (by content hash), files created by a
rolled-back import deleted again, and every reference to a file answered or reported."""

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from ..mapping.refs import ImageRef
from ..media import (
    RASTER_SUFFIXES,
    content_problem,
    resolve_media_path,
    suffix,
    title_from_filename,
)
from ..media_check import FileFacts, Limits, inspect_file, inspect_files
from ..models import ImportedFile

IMPORT_COLLECTION_NAME = "Imported from Isomer"
IMAGE, DOCUMENT = ImportedFile.IMAGE, ImportedFile.DOCUMENT


def limits() -> Limits:
    """The admin's own limits on pictures, which imported ones meet too."""
    return Limits(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS)


def short_name(name: str, limit: int = 80) -> str:
    """A file name that fits Wagtail's file fields (100 characters with the folder)."""
    name = name.strip()
    if len(name) <= limit:
        return name
    path = Path(name)
    return path.stem[: limit - len(path.suffix)] + path.suffix


class MediaStore:
    """Wagtail images and documents made from bytes, once per content hash."""

    def __init__(self):
        self.created_files: list[tuple[type, str]] = []
        self._collection: Collection | None = None
        self._stored: dict[type, dict[str, int]] = {}  # model -> file hash -> first id

    def by_hash(self, model) -> dict[str, int]:
        """File hash -> id of the stored images or documents (read in one query per model,
        then kept up to date here); the first (lowest id) of equal files wins."""
        if model not in self._stored:
            rows = model.objects.exclude(file_hash="").order_by("-id")
            self._stored[model] = dict(rows.values_list("file_hash", "id"))
        return self._stored[model]

    def stored(self, model, digest: str) -> int | None:
        """The id of the stored image or document with this content, if any."""
        return self.by_hash(model).get(digest)

    def collection(self) -> Collection:
        if self._collection is None:
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=IMPORT_COLLECTION_NAME).first()
            self._collection = existing or root.add_child(name=IMPORT_COLLECTION_NAME)
        return self._collection

    def image(
        self, path: Path, facts: FileFacts, title: str, description=""
    ) -> tuple[int | None, str]:
        """(image id, "reused" | "imported"), or (None, why it is refused): the admin's size
        and pixel limits, and a picture Pillow must decode in full (a truncated file would
        break every page that shows it). The file is read again only when it is new."""
        Image = get_image_model()
        if (found := self.stored(Image, facts.digest)) is not None:
            return found, "reused"
        if facts.size is None:
            return None, facts.problem
        data = path.read_bytes()
        image = Image(
            title=title[:255],
            description=description[:255],
            collection=self.collection(),
            file_hash=facts.digest,
            file_size=len(data),
        )
        image.file.save(path.name.strip() or "image", ContentFile(data), save=False)
        self.created_files.append((Image, image.file.name))
        image.width, image.height = facts.size  # saving the file reset them
        image.save()
        self._stored[Image][facts.digest] = image.id
        return image.id, "imported"

    def document(self, path: Path, facts: FileFacts, title: str) -> tuple[int, str]:
        Document = get_document_model()
        if (found := self.stored(Document, facts.digest)) is not None:
            return found, "reused"
        data = path.read_bytes()
        document = Document(
            title=title[:255],
            collection=self.collection(),
            file_hash=facts.digest,
            file_size=len(data),
        )
        document.file.save(short_name(path.name) or "file", ContentFile(data), save=False)
        self.created_files.append((Document, document.file.name))
        document.save()
        self._stored[Document][facts.digest] = document.id
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
        self.refused: set[str] = set()  # site files that did not become images or documents
        self.facts: dict[Path, FileFacts] = {}  # checked by import_all, used once
        self.records: dict[str, tuple] = {}  # ImportedFile rows: path -> (kind, id, hash)
        self.unsaved: dict[str, tuple] = {}  # rows new or changed since the last ``save``

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def import_all(self, paths, progress=None):
        """Every file of the site's media folders: read, hashed and checked by a pool of
        processes (``IMPORT_WORKERS``), then written here, in path order."""
        paths = list(paths)
        wanted = [p for p in paths if not content_problem(self.relative(p))]
        self.records = {
            r.source_path: (r.kind, r.object_id, r.file_hash) for r in ImportedFile.objects.all()
        }
        stored = self.store.by_hash(get_image_model())  # not decoded again: reused
        self.facts.update(
            inspect_files(
                [(path, suffix(path) in RASTER_SUFFIXES) for path in wanted],
                limits(),
                settings.IMPORT_WORKERS,
                known=frozenset(stored),
            )
        )
        for number, path in enumerate(paths, 1):
            self.import_path(path)
            if progress:
                progress(number, len(paths), "media")

    def import_path(self, path: Path, description="") -> tuple[str, int] | None:
        """The file at ``path`` as an image (pictures) or a document; None when it cannot be
        (reported once)."""
        relative = self.relative(path)
        if relative in self.objects or relative in self.refused:
            return self.objects.get(relative)
        if problem := content_problem(relative):
            return self.refuse(relative, "not_content", f"Not imported: {problem}.")
        is_picture = suffix(path) in RASTER_SUFFIXES
        facts = self.facts.pop(path, None) or inspect_file(path, is_picture, limits())
        if facts.error:
            return self.refuse(
                relative, "unreadable_media", f"Cannot read the file ({facts.error})."
            )
        title = title_from_filename(path)
        try:
            if is_picture:
                image_id, outcome = self.store.image(path, facts, title, description)
                if image_id is None:
                    return self.refuse(
                        relative, "refused_image", f"The picture {outcome}; not imported."
                    )
                return self._record(relative, IMAGE, image_id, outcome, facts.digest)
            document_id, outcome = self.store.document(path, facts, title)
        except OSError as exc:  # gone or unreadable since it was checked
            return self.refuse(
                relative, "unreadable_media", f"Cannot read the file ({exc.strerror})."
            )
        return self._record(relative, DOCUMENT, document_id, outcome, facts.digest)

    def save(self) -> int:
        """Write the ImportedFile rows of the files recorded since the last call, in a few
        statements (insert, or update the row of the same source path); how many."""
        rows = [
            ImportedFile(source_path=path, kind=kind, object_id=object_id, file_hash=digest)
            for path, (kind, object_id, digest) in self.unsaved.items()
        ]
        ImportedFile.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["source_path"],
            update_fields=["kind", "object_id", "file_hash"],
        )
        self.unsaved.clear()
        return len(rows)

    def refuse(self, relative: str, code: str, message: str) -> None:
        self.refused.add(relative)
        self.report.add(code, message, relative)
        return None

    def _record(self, relative, kind, object_id, outcome, digest: str) -> tuple[str, int]:
        label = "images" if kind == IMAGE else "documents"
        self.report.count(f"{label} {outcome}")
        if kind == IMAGE:
            self.report.image(outcome, relative)
        if self.records.get(relative) != (kind, object_id, digest):
            self.records[relative] = self.unsaved[relative] = (kind, object_id, digest)
        self.objects[relative] = (kind, object_id)
        return kind, object_id

    # -- look-ups ------------------------------------------------------------------------------
    def lookup(self, reference: str) -> tuple[str | None, int | None, str | None]:
        """(kind, id, problem) for a site path such as /images/a b.png (imported if needed)."""
        found = resolve_media_path(self.root, reference)
        if found.path is None:
            return None, None, found.problem
        self.note_case(found)
        target = self.import_path(found.path)
        if target is None:
            return None, None, f"{reference} could not be imported"
        return target[0], target[1], None

    def image(self, ref: ImageRef, file: str) -> int | None:
        """The Wagtail image for an image reference, or None (reported, with the reason)."""
        found = resolve_media_path(self.root, ref.path)
        problem, code = found.problem, "refused_path" if found.refused else "missing_image"
        code = "external_image" if found.external else code
        if found.path is not None:
            self.note_case(found, file)
            is_picture = suffix(found.path) in RASTER_SUFFIXES
            target = self.import_path(found.path, description=ref.alt) if is_picture else None
            if target is not None and target[0] == IMAGE:
                return target[1]
            problem, code = f"{ref.path} is not a picture the site can show", "unreadable_image"
        self.report.image("missing", ref.path)
        self.report.add(
            code, f"{ref.where}: {problem}; imported without the image.", file, ref.line
        )
        return None

    def note_case(self, found, file=None) -> None:
        if found.note:
            self.report.add("media_case", f"{found.note}; used that file.", file)

    def discard_created_files(self):
        self.store.discard_created_files()
