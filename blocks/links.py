r"""The site's one link policy, and links that are "a page in this site or a URL".

Accepted: http(s) with a host name, mailto, tel, and paths on this site. Isomer's editor does
not validate hero URLs, so real data has relative paths without the leading slash
(``about-us/about-actris/``); those are kept as written and rendered site-absolute.

Refused, because a browser would take them somewhere else or run them: every other scheme
(``javascript:``, ``data:``, ``vbscript:``, ``ftp:``...), however it is spelt (``JaVaScRiPt:``,
``java\tscript:``, ``&#106;avascript:``, ``javascript%3A``); protocol-relative links
(``//host``) and their backslash spellings (``/\host``, ``\\host``), which browsers follow off
the site; control characters anywhere.

The importer, the admin forms (blocks and model fields) and the templates (``safe_url``) all
use ``link_url_problem``.
"""

import html
import re
from urllib.parse import SplitResult, unquote, urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks

from .guidance import characters

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Browsers drop ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def split_url(url: str) -> SplitResult | None:
    """``urlsplit`` that answers None for what it cannot read ("http://[::1", say)."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - parses the host, which may raise as well
        return parts
    except ValueError:
        return None


def _spellings(url: str) -> list[str]:
    """``url`` as written and as a browser might read it after decoding entities and %-escapes."""
    found = [url]
    for _ in range(3):
        decoded = unquote(html.unescape(found[-1]))
        if decoded == found[-1]:
            break
        found.append(decoded)
    return found


def link_url_problem(url: str, *, schemes=ALLOWED_SCHEMES, site_paths: bool = True) -> str | None:
    """Why ``url`` is not an acceptable link, or None when it is.

    ``schemes`` narrows the accepted schemes (``WEB_SCHEMES`` for addresses on other sites);
    ``site_paths=False`` refuses paths on this site.
    """
    if url is None or not url.strip():
        return "The link is empty."
    for spelling in _spellings(url):
        compact = _IGNORED_IN_SCHEME.sub("", spelling)
        if "\\" in compact:
            return "Use / in links, not \\ (browsers read /\\host as another site)."
        if compact.startswith("//"):
            return "Protocol-relative links (//host/...) are not accepted; write https://host/..."
        match = _SCHEME.match(compact)
        if match and match.group(1).lower() not in schemes:
            kinds = (
                "an http(s) address" if schemes == WEB_SCHEMES else "an http(s), mailto or tel link"
            )
            return (
                f"Links starting with '{match.group(1).lower()}:' are not allowed; use {kinds}"
                + (", or a path on this site such as /about-us/." if site_paths else ".")
            )
    if url != url.strip():
        return "Remove the spaces around the link."
    if _CONTROL.search(url):
        return "Links cannot contain line breaks, tabs or other control characters."
    match = _SCHEME.match(url)
    if match is None:
        if not site_paths:
            return "Give the full address, starting with https://"
        return None
    scheme = match.group(1).lower()
    if scheme in WEB_SCHEMES:
        parts = split_url(url)
        if parts is None:
            return f"'{url}' is not a valid address; check the host name."
        if not parts.hostname:
            return f"'{url}' has no host name; write it as {scheme}://host/path."
    return None


def validate_link_url(url: str) -> None:
    """Model and block field validator: a link anywhere on the site."""
    problem = link_url_problem(url)
    if problem:
        raise ValidationError(problem, code="invalid_link")


def validate_web_url(url: str) -> None:
    """Model and block field validator: an http(s) address on another site."""
    problem = link_url_problem(url, schemes=WEB_SCHEMES, site_paths=False)
    if problem:
        raise ValidationError(problem, code="invalid_link")


def safe_url(url: str) -> str:
    """``url`` if the policy accepts it, else "" (the last guard, in templates)."""
    return url if url and link_url_problem(url) is None else ""


class LinkValue(blocks.StructValue):
    """Gives templates ``value.href`` whichever of page/URL the editor chose."""

    @property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            # specific_deferred avoids a query for the specific page just to build its URL.
            return page.url or ""
        url = safe_url(self.get("url") or "")
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


URL_MAX_LENGTH = 2048


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, label="Page on this site")
    url = blocks.CharBlock(
        required=False,
        label="or URL",
        max_length=URL_MAX_LENGTH,
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


class ContentLinkBlock(LinkBlock):
    """The link of the page blocks: a LinkBlock whose two fields say what to enter and the limit.

    A subclass, so that the site settings' menus and footer (which use LinkBlock) keep their
    frozen StreamField definitions.
    """

    page = blocks.PageChooserBlock(
        required=False,
        label="Page on this site",
        help_text="Choose a page here, or enter a URL below; not both.",
    )
    url = blocks.CharBlock(
        required=False,
        label="or URL",
        max_length=URL_MAX_LENGTH,
        validators=[validate_link_url],
        help_text="https://..., mailto:, tel: or a path on this site such as /about-us/. "
        + characters(URL_MAX_LENGTH),
    )


def button_errors(value, label_field="button", link_field="link") -> dict:
    """A button needs both a label and a link (Isomer shows it only when both are set)."""
    if value.get(label_field) and not value.get(link_field):
        return {link_field: ValidationError("A button needs a link: choose a page or enter a URL.")}
    if value.get(link_field) and not value.get(label_field):
        return {label_field: ValidationError("Give the button a label, or remove its link.")}
    return {}


class ButtonMixin:
    """For a CheckedStructBlock with a button: its label and link fields, both or neither.

    A structural rule, never relaxed: Isomer shows a button only when both are set, and the
    importer drops (and reports) a button it cannot give both.
    """

    button_fields = ("button", "link")

    def errors_for(self, value) -> dict:
        return {**super().errors_for(value), **button_errors(value, *self.button_fields)}
