"""Images and documents -> files under ``images/`` and ``files/``, at the paths they came from."""

import shutil
from pathlib import Path

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from importers.models import ImportedFile


def copy_file(obj, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with obj.file.open("rb") as source, open(target, "wb") as destination:
        shutil.copyfileobj(source, destination)


def copy_media(out: Path, image_paths: dict, document_paths: dict, counts) -> None:
    """Every image and document once at its own path, then again at every other path the
    import reused it for (Isomer sites hold the same file under several names)."""
    for model, paths, label, kind, folder in (
        (get_image_model(), image_paths, "images", ImportedFile.IMAGE, "images"),
        (get_document_model(), document_paths, "documents", ImportedFile.DOCUMENT, "files"),
    ):
        objects = {obj.id: obj for obj in model.objects.all()}
        for obj in objects.values():
            relative = paths.get(obj.id) or f"{folder}/uploads/{Path(obj.file.name).name}"
            copy_file(obj, out / relative)
            counts[label] += 1
        for record in ImportedFile.objects.filter(kind=kind):
            target = out / record.source_path
            if not target.exists() and record.object_id in objects:
                copy_file(objects[record.object_id], target)
