"""``{% responsive_image image "kind" %}``: a picture at the sizes ``actris_cms.renditions``
lists for its kind, with width, height and srcset."""

from django import template
from django.utils.html import format_html, format_html_join

from actris_cms.renditions import PICTURES

register = template.Library()


@register.simple_tag
def responsive_image(image, kind, alt=None, **attributes):
    if not image:
        return ""
    filter_specs, sizes = PICTURES[kind]
    renditions = image.get_renditions(*filter_specs)
    ordered = [renditions[spec] for spec in filter_specs]
    largest = ordered[-1]
    if alt is None:
        alt = getattr(image, "contextual_alt_text", None) or ""
    attrs = {
        "src": largest.url,
        "width": largest.width,
        "height": largest.height,
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
