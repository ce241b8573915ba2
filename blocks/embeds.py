"""Embedded videos, maps, documents and FormSG forms as iframes, from an allow-list only.

No oEmbed look-up happens at render time (no network dependency): the embed URL is built from
the address the editor pastes, and only hosts on the allow-list are accepted.
"""

import re
from urllib.parse import parse_qs

from django.core.exceptions import ValidationError
from wagtail import blocks

from .editor_rules import LimitedCharBlock
from .links import split_url
from .previews import PreviewMixin

# host -> kind; subdomains of these hosts are accepted too.
ALLOWED_EMBED_HOSTS = {
    "youtube.com": "video",
    "youtu.be": "video",
    "youtube-nocookie.com": "video",
    "vimeo.com": "video",
    "player.vimeo.com": "video",
    "google.com": "map",  # /maps/embed and docs forms/slides
    "docs.google.com": "document",
    "facebook.com": "video",
    "form.gov.sg": "form",  # FormSG, Isomer's own form service: this host only, https only
}
EXACT_HOSTS = {"form.gov.sg"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
EMBED_TITLE_MAX_LENGTH = 200
_FORMSG_PATH = re.compile(r"^/(embed/)?([0-9a-fA-F]{24})/?$")
# The title an imported frame gets when its source has none (reported: it needs a real one).
FALLBACK_TITLES = {
    "video": "Embedded video",
    "map": "Embedded map",
    "document": "Embedded document",
    "form": "Embedded form",
}


def embed_host(url: str) -> str | None:
    """The allow-listed host ``url`` belongs to, or None."""
    parts = split_url(url.strip())
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None or _port(parts) is not None:
        return None
    host = parts.hostname.lower()
    for allowed in sorted(ALLOWED_EMBED_HOSTS, key=len, reverse=True):  # most specific first
        if host == allowed or (host.endswith("." + allowed) and allowed not in EXACT_HOSTS):
            return allowed
    return None


def _port(parts) -> int | str | None:
    """The explicit port of ``parts`` (None when there is none); "bad" when unreadable."""
    try:
        return parts.port
    except ValueError:
        return "bad"


def embed_kind(url: str) -> str:
    """video, map, document or form for an accepted embed address; "" otherwise."""
    return ALLOWED_EMBED_HOSTS[embed_host(url)] if embed_src(url) else ""


def _formsg_src(parts) -> str | None:
    """FormSG: https://form.gov.sg/<24-hex form id> or .../embed/<id>, nothing else."""
    match = _FORMSG_PATH.match(parts.path)
    if parts.scheme != "https" or match is None:
        return None
    return f"https://form.gov.sg/{match.group(1) or ''}{match.group(2).lower()}"


def embed_src(url: str) -> str | None:
    """The iframe address for a pasted URL, or None when it is not an accepted embed."""
    host = embed_host(url)
    if host is None:
        return None
    parts = split_url(url.strip())
    if host == "form.gov.sg":
        return _formsg_src(parts)
    if host in ("youtube.com", "youtu.be", "youtube-nocookie.com"):
        video = None
        if host == "youtu.be":
            video = parts.path.strip("/").split("/")[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video = parts.path.split("/")[2]
        else:
            video = (parse_qs(parts.query).get("v") or [None])[0]
        if not video or not _YOUTUBE_ID.match(video):
            return None
        return f"https://www.youtube-nocookie.com/embed/{video}"
    if host in ("vimeo.com", "player.vimeo.com"):
        digits = re.findall(r"/(\d+)", parts.path)
        return f"https://player.vimeo.com/video/{digits[0]}" if digits else None
    return "https://" + parts.netloc + parts.path + (f"?{parts.query}" if parts.query else "")


def validate_embed_url(url: str) -> None:
    if embed_src(url) is None:
        raise ValidationError(
            "Embed a YouTube or Vimeo video, a Google Map, a Google document or a FormSG form: "
            "paste its address (https://...). Other sites cannot be embedded.",
            code="embed_not_allowed",
        )


def iframe_embed(src: str, title: str) -> dict | None:
    """An ``<iframe>``'s address and title as an ``IframeEmbedBlock`` value, or None when the
    frame is not on the allow-list. A frame without a title gets its kind's fallback title."""
    src = (src or "").strip()
    src = "https:" + src if src.startswith("//") else src
    if not embed_src(src):
        return None
    title = " ".join((title or "").split()) or FALLBACK_TITLES[embed_kind(src)]
    return {"url": src, "title": title[:EMBED_TITLE_MAX_LENGTH]}


class EmbedValue(blocks.StructValue):
    @property
    def src(self) -> str:
        return embed_src(self.get("url") or "") or ""

    @property
    def kind(self) -> str:
        return embed_kind(self.get("url") or "")


class IframeEmbedBlock(PreviewMixin, blocks.StructBlock):
    url = blocks.URLBlock(
        label="Address",
        validators=[validate_embed_url],
        help_text="The address of a YouTube or Vimeo video, a Google Map, a Google document or "
        "a FormSG form (https://form.gov.sg/...), as your browser shows it.",
    )
    title = LimitedCharBlock(
        max_length=EMBED_TITLE_MAX_LENGTH,
        help_text='Describes the embed for screen readers, e.g. "Video: ACTRIS webinar" or '
        '"Form: register for the workshop".',
    )

    class Meta:
        icon = "media"
        label = "Video, map or form"
        description = "An embedded video, map, document or FormSG form from an allowed provider."
        template = "blocks/iframe_embed.html"
        value_class = EmbedValue
        preview_value = {
            # An ACTRIS learning-portal webinar (2023), as the Isomer site embeds it.
            "url": "https://www.youtube.com/watch?v=-GDmRefycJw",
            "title": "Video: Natural killer cell therapeutics in nasopharyngeal cancer",
        }
