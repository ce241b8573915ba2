"""Every picture the site shows, by where it is shown: the one list of rendition specs.

Templates draw pictures with ``{% responsive_image image "infopic" %}`` and publishing or
importing a page makes the same renditions beforehand (``warm_page``), so no visitor waits for
an image to be resized. Two widths in WebP per picture (every current browser shows WebP);
single sizes for the logo, favicon and share image.
"""

import json
import re

from django.tasks import task

PICTURES = {
    # kind: (filter specs, the sizes attribute)
    "hero": (["fill-800x400-c50|format-webp", "fill-1600x700-c50|format-webp"], "100vw"),
    "infopic": (
        ["width-600|format-webp", "width-1200|format-webp"],
        "(min-width: 1024px) 50vw, 100vw",
    ),
    "figure": (
        ["width-800|format-webp", "width-1600|format-webp"],
        "(min-width: 1024px) 800px, 100vw",
    ),
    "card": (
        ["width-400|format-webp", "width-800|format-webp"],
        "(min-width: 769px) 400px, 100vw",
    ),
    "carousel": (
        ["width-800|format-webp", "width-1600|format-webp"],
        "(min-width: 1024px) 60vw, 100vw",
    ),
    "logo_strip": (["height-80|format-webp", "height-160|format-webp"], "160px"),
    "logo": (
        ["max-400x150|format-png"],
        "",
    ),  # drawn at most 200 x 75 (Isomer), sharp on 2x screens
    "favicon": (["fill-32x32|format-png"], ""),
    "share": (["fill-1200x630|format-jpeg"], ""),
}
# Where pictures sit in the page bodies: block type -> (path to the image, kind).
BLOCK_PICTURES = {
    "hero": [(("background",), "hero")],
    "infopic": [(("image",), "infopic")],
    "image": [(("image",), "figure")],
    "cards": [(("cards", "*", "image"), "card")],
    "carousel": [(("slides", "*", "image"), "carousel")],
    "listing": [(("entries", "*", "image"), "logo_strip")],
}


def specs(kind: str) -> list[str]:
    """Filter specs of a kind of picture; ``format:<name>`` is an image inside rich text,
    drawn in the editor's chosen format (Wagtail's image formats)."""
    if kind.startswith("format:"):
        from wagtail.images.formats import get_image_format

        return [get_image_format(kind.removeprefix("format:")).filter_spec]
    return PICTURES[kind][0]


EMBEDDED_IMAGE = re.compile(r"<embed\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)=\\?"([^"\\]*)\\?"')


def rich_text_pictures(page) -> list[tuple[object, str]]:
    """(image, format kind) for the images editors placed inside the page's rich text."""
    from wagtail.fields import RichTextField, StreamField
    from wagtail.images import get_image_model

    text = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            text.append(json.dumps(list(getattr(page, field.name).raw_data)))
        elif isinstance(field, RichTextField):
            text.append(getattr(page, field.name) or "")
    wanted = {}
    for tag in EMBEDDED_IMAGE.findall("".join(text)):
        attributes = dict(ATTRIBUTE.findall(tag))
        if attributes.get("embedtype") == "image" and attributes.get("id", "").isdigit():
            wanted[int(attributes["id"])] = attributes.get("format") or "fullwidth"
    images = get_image_model().objects.in_bulk(wanted)
    return [(images[pk], f"format:{name}") for pk, name in wanted.items() if pk in images]


def _at(value, path):
    """The values at ``path`` in a block value ("*" steps into every item of a list)."""
    if not path:
        yield value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in value or []:
            yield from _at(item, rest)
    elif value is not None:
        yield from _at(value.get(head), rest)


def page_pictures(page) -> list[tuple[object, str]]:
    """(image, kind) for every picture ``page`` shows in its own fields."""
    found = []
    for field in ("body",):
        for block in getattr(page, field, None) or []:
            for path, kind in BLOCK_PICTURES.get(block.block_type, []):
                found += [(image, kind) for image in _at(block.value, path) if image]
    share = getattr(page, "share_image", None) or getattr(page, "listing_image", None)
    if share is not None:
        found.append((share, "share"))
    listing = getattr(page, "listing_image", None)
    if listing is not None:  # an entry's card, where the newsroom shows pictures
        found.append((listing, "card"))
    return found + rich_text_pictures(page)


def site_pictures(identity) -> list[tuple[object, str]]:
    pairs = [
        (identity.logo, "logo"),
        (identity.favicon, "favicon"),
        (identity.share_image, "share"),
    ]
    return [(image, kind) for image, kind in pairs if image is not None]


def warm(pictures) -> int:
    """Make the renditions of ``pictures`` ((image, kind) pairs) that do not exist yet."""
    made = 0
    for image, kind in pictures:
        before = image.renditions.count()
        image.get_renditions(*specs(kind))
        made += image.renditions.count() - before
    return made


@task(backend="renditions")
def warm_page(page_id: int) -> int:
    """The renditions one page needs (a task: inline by default, on a worker where one runs)."""
    from wagtail.models import Page

    page = Page.objects.filter(id=page_id).first()
    return warm(page_pictures(page.specific)) if page else 0


def warm_all(pages, identities) -> int:
    made = sum(warm(page_pictures(page)) for page in pages)
    return made + sum(warm(site_pictures(identity)) for identity in identities)


@task(backend="renditions")
def warm_site_pictures() -> int:
    """The logo, favicon and share image of every site."""
    from siteconfig.models import SiteIdentity

    identities = SiteIdentity.objects.select_related("logo", "favicon", "share_image")
    return sum(warm(site_pictures(identity)) for identity in identities)


def warm_later(page_ids) -> None:
    """Queue the renditions of these pages and of the site's own pictures."""
    for page_id in page_ids:
        warm_page.enqueue(page_id)
    warm_site_pictures.enqueue()
