"""What an editor sees of a block in the block chooser: a realistic value in the site's own look.

Each insertable block declares ``Meta.preview_value`` as ordinary block data in which pictures
are ``PreviewPicture`` markers. ``PreviewMixin`` turns the markers into real images when the
chooser asks for a preview: a suitable picture from the image library if there is one, otherwise
a picture bundled with this app (``static/blocks/preview/``), added to the library once. The
preview is drawn by ``blocks/preview.html``, which loads the public site's stylesheet.
"""

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import F
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

PREVIEW_TEMPLATE = "blocks/preview.html"
BUNDLED_DIR = Path(__file__).resolve().parent / "static" / "blocks" / "preview"
# A library photo is used for previews when it is landscape and at least this wide.
PHOTO_MIN_WIDTH = 600
# How many library candidates are checked for a file on disk before the bundled picture is used.
CANDIDATES_CHECKED = 5


@dataclass(frozen=True)
class Bundled:
    filename: str
    title: str


BUNDLED = {
    "photo": Bundled(
        "cell-therapy-research.jpg",
        "Cell therapy research: a cell beside a pipette and a well plate (block previews)",
    ),
    "logo": Bundled("actris-logo.png", "ACTRIS logo (block previews)"),
}


@dataclass(frozen=True)
class PreviewPicture:
    """A picture in a preview value: ``kind`` is "photo" or "logo", ``alt`` its alt text;
    ``nth`` picks another picture of the library (when it has several) for the next slide."""

    kind: str
    alt: str
    nth: int = 0


def file_exists(image) -> bool:
    return bool(image.file) and image.file.storage.exists(image.file.name)


def library_pictures(kind: str) -> list:
    """Pictures of ``kind`` from the image library, or the bundled one (added once)."""
    Image = get_image_model()
    if kind == "logo":
        candidates = Image.objects.filter(title__icontains="logo")
    else:
        candidates = Image.objects.exclude(title__icontains="logo").filter(
            width__gte=PHOTO_MIN_WIDTH, width__gt=F("height")
        )
    found = [
        image for image in candidates.order_by("id")[:CANDIDATES_CHECKED] if file_exists(image)
    ]
    return found or [bundled_picture(kind)]


def bundled_picture(kind: str):
    """The bundled picture of ``kind`` as a library image, added the first time it is needed
    (found again by its content hash, as the importer finds pictures it already has)."""
    Image = get_image_model()
    bundled = BUNDLED[kind]
    data = (BUNDLED_DIR / bundled.filename).read_bytes()
    digest = hashlib.sha1(data).hexdigest()  # Wagtail's own file_hash is SHA-1
    for image in Image.objects.filter(file_hash=digest).order_by("id"):
        if file_exists(image):
            return image
    with PILImage.open(BUNDLED_DIR / bundled.filename) as picture:
        size = picture.size
    image = Image(
        title=bundled.title,
        collection=Collection.get_first_root_node(),
        file_hash=digest,
        file_size=len(data),
    )
    image.file.save(bundled.filename, ContentFile(data), save=False)
    image.width, image.height = size
    image.save()
    return image


def with_pictures(value, found=None):
    """``value`` with every ``PreviewPicture`` replaced by an image carrying its alt text."""
    found = {} if found is None else found
    if isinstance(value, PreviewPicture):
        if value.kind not in found:
            found[value.kind] = library_pictures(value.kind)
        pictures = found[value.kind]
        image = copy.copy(pictures[value.nth % len(pictures)])
        image.contextual_alt_text = value.alt
        image.decorative = False
        return image
    if isinstance(value, dict):
        return {key: with_pictures(item, found) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [with_pictures(item, found) for item in value]
    return value


class PreviewMixin:
    """For blocks an editor inserts: previewed with real pictures, in the site's look.

    ``preview_layout`` is "section" for homepage sections (full width, as on the homepage) and
    "article" for blocks of a page body (in the page's text column).
    """

    preview_layout = "article"

    def get_preview_value(self):
        return self.normalize(with_pictures(self.meta.preview_value))

    def get_preview_template(self, value, context=None):
        return PREVIEW_TEMPLATE

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context=parent_context)
        # What the homepage passes to its sections (the first section, on white, image right).
        return {
            **context,
            "block_preview": True,
            "preview_layout": self.preview_layout,
            "background": "white",
            "image_side": "right",
            "is_first": True,
        }
