"""Template filters that apply the site's output policy to stored values, as a last guard."""

import re

from django import template

from blocks.links import safe_url as _safe_url

register = template.Library()

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")


@register.filter
def safe_url(url) -> str:
    """The URL when the link policy accepts it, else "" (templates then leave the link out)."""
    return _safe_url(str(url or ""))


@register.filter
def css_colour(value) -> str:
    """A hex colour, or "" for anything else (nothing can break out of a CSS rule)."""
    value = str(value or "")
    return value if HEX_COLOUR.match(value) else ""
