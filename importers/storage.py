"""Wagtail images and documents made from file bytes, once per content hash.

Shared by the homepage and the whole-site importers. Files written to storage are remembered
so that a rolled-back import (an error, or --dry-run) can delete them again.
"""

import hashlib
import io

import PIL.Image
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

IMPORT_COLLECTION_NAME = "Imported from Isomer"
REUSED, IMPORTED, UNREADABLE = "reused", "imported", "unreadable"


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()  # Wagtail's own file_hash is SHA-1


class MediaStore:
    def __init__(self):
        self.created_files: list[tuple[type, str]] = []
        self._collection: Collection | None = None

    def collection(self) -> Collection:
        if self._collection is None:
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=IMPORT_COLLECTION_NAME).first()
            self._collection = existing or root.add_child(name=IMPORT_COLLECTION_NAME)
        return self._collection

    def image(
        self, data: bytes, name: str, title: str, description: str = ""
    ) -> tuple[int | None, str]:
        """(image id, REUSED | IMPORTED), or (None, UNREADABLE) when Pillow cannot read it."""
        Image = get_image_model()
        digest = content_hash(data)
        existing = Image.objects.filter(file_hash=digest).values_list("id", flat=True).first()
        if existing is not None:
            return existing, REUSED
        try:
            with PIL.Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                probe.verify()
        except Exception:  # Pillow raises many types for corrupt or unknown files
            return None, UNREADABLE
        image = Image(
            title=title[:255],
            description=description[:255],
            collection=self.collection(),
            file_hash=digest,
            file_size=len(data),
        )
        image.file.save(name.strip() or "image", ContentFile(data), save=False)
        self.created_files.append((Image, image.file.name))
        # Set after the file: saving the file resets the dimension fields.
        image.width, image.height = width, height
        image.save()
        return image.id, IMPORTED

    def document(self, data: bytes, name: str, title: str) -> tuple[int, str]:
        Document = get_document_model()
        digest = content_hash(data)
        existing = Document.objects.filter(file_hash=digest).values_list("id", flat=True).first()
        if existing is not None:
            return existing, REUSED
        document = Document(
            title=title[:255], collection=self.collection(), file_hash=digest, file_size=len(data)
        )
        document.file.save(name.strip() or "file", ContentFile(data), save=False)
        self.created_files.append((Document, document.file.name))
        document.save()
        return document.id, IMPORTED

    def discard_created_files(self) -> None:
        for model, name in self.created_files:
            model._meta.get_field("file").storage.delete(name)
        self.created_files = []
