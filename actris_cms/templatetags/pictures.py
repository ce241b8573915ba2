"""``{% responsive_image image "kind" %}``: a picture at the sizes ``actris_cms.renditions``
lists for its kind, with width, height and srcset."""

from django import template
from django.utils.html import format_html, format_html_join

from actris_cms.renditions import PICTURES

register = template.Library()


@register.simple_tag
def responsive_image(image, kind, alt=None, display_width=None, **attributes):
    """``display_width``: draw the picture that many CSS pixels wide (an editor's choice),
    with the height that keeps its shape."""
    if not image:
        return ""
    filter_specs, sizes = PICTURES[kind]
    renditions = image.get_renditions(*filter_specs)
    ordered = [renditions[spec] for spec in filter_specs]
    largest = ordered[-1]
    if alt is None:
        alt = getattr(image, "contextual_alt_text", None) or ""
    width, height = largest.width, largest.height
    if display_width:
        width, height = display_width, max(1, round(display_width * height / width))
        sizes = f"{display_width}px"
    attrs = {
        "src": largest.url,
        "width": width,
        "height": height,
        "alt": alt,
        **(
            {"srcset": ", ".join(f"{r.url} {r.width}w" for r in ordered), "sizes": sizes}
            if sizes
            else {}
        ),
        **{name.replace("_", "-"): value for name, value in attributes.items()},
    }
    return format_html("<img{}>", format_html_join("", ' {}="{}"', attrs.items()))


@register.simple_tag
def rendition_url(image, kind) -> str:
    """The URL of the single rendition of a one-size kind (logo, favicon, share)."""
    if not image:
        return ""
    (spec,) = PICTURES[kind][0]
    return image.get_rendition(spec).url
