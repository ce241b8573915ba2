"""Links: "a page in this site or a URL", with the URL schemes the site accepts.

Accepted: http(s), mailto, tel and site-relative paths. Isomer's editor does not validate hero
URLs, so real data has relative paths without the leading slash (``about-us/about-actris/``);
those are kept as written. Everything else (``javascript:``, ``data:``, ``ftp:``, ...) is refused.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# A scheme is letters followed by ":"; browsers ignore ASCII whitespace and control characters
# inside it, so "java\tscript:" must be caught as well.
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def link_url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable link, or None when it is."""
    if url is None:
        return "The link is empty."
    compact = _CONTROL.sub("", url)
    if not compact:
        return "The link is empty."
    if compact.startswith("//") or compact.startswith("\\\\"):
        return "Protocol-relative links (//host/...) are not accepted; write https://host/..."
    match = _SCHEME.match(compact)
    if match:
        scheme = match.group(1).lower()
        if scheme not in ALLOWED_SCHEMES:
            return (
                f"Links starting with '{scheme}:' are not allowed; use an http(s), mailto or "
                "tel link, or a path on this site such as /about-us/."
            )
        if scheme in {"http", "https"} and not urlsplit(compact).netloc:
            return f"'{url}' has no host name; write it as {scheme}://host/path."
    if url != url.strip():
        return "Remove the spaces around the link."
    if any(ch in url for ch in "\n\r\t"):
        return "Links cannot contain line breaks or tabs."
    return None


def validate_link_url(url: str) -> None:
    problem = link_url_problem(url)
    if problem:
        raise ValidationError(problem, code="invalid_link")


class LinkValue(blocks.StructValue):
    """Gives templates ``value.href`` whichever of page/URL the editor chose."""

    @property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            # specific_deferred avoids a query for the specific page just to build its URL.
            return page.url or ""
        url = self.get("url") or ""
        if url and not _SCHEME.match(url) and not url.startswith(("/", "#", "?")):
            # Isomer resolves "about-us/x/" against the site root, not the current page.
            return "/" + url
        return url

    @property
    def is_external(self) -> bool:
        url = self.get("url") or ""
        return self.get("page") is None and url.lower().startswith(("http://", "https://"))

    def __bool__(self) -> bool:
        return bool(self.get("page") or self.get("url"))


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, label="Page on this site")
    url = blocks.CharBlock(
        required=False,
        label="or URL",
        max_length=2048,
        validators=[validate_link_url],
        help_text="https://..., mailto:, tel: or a path on this site such as /about-us/",
    )

    def __init__(self, *args, required=False, **kwargs):
        self.link_required = required
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter a URL, not both.")}
            )
        if self.link_required and not value:
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a URL.")}
            )
        return value

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkValue
        form_classname = "struct-block link-block"


def button_errors(value, label_field="button", link_field="link") -> dict:
    """A button needs both a label and a link (Isomer shows it only when both are set)."""
    if value.get(label_field) and not value.get(link_field):
        return {link_field: ValidationError("A button needs a link: choose a page or enter a URL.")}
    if value.get(link_field) and not value.get(label_field):
        return {label_field: ValidationError("Give the button a label, or remove its link.")}
    return {}
