"""Embedded videos and maps as iframes, from an allow-list of providers only.

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
}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def embed_host(url: str) -> str | None:
    """The allow-listed host ``url`` belongs to, or None."""
    parts = split_url(url.strip())
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    for allowed in ALLOWED_EMBED_HOSTS:
        if host == allowed or host.endswith("." + allowed):
            return allowed
    return None


def embed_src(url: str) -> str | None:
    """The iframe address for a pasted URL, or None when it is not an accepted embed."""
    host = embed_host(url)
    if host is None:
        return None
    parts = split_url(url.strip())
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
            "Embed a YouTube or Vimeo video, a Google Map or a Google document: paste its "
            "address (https://...). Other sites cannot be embedded.",
            code="embed_not_allowed",
        )


class EmbedValue(blocks.StructValue):
    @property
    def src(self) -> str:
        return embed_src(self.get("url") or "") or ""


EMBED_TITLE_MAX_LENGTH = 200


class IframeEmbedBlock(PreviewMixin, blocks.StructBlock):
    url = blocks.URLBlock(
        label="Address",
        validators=[validate_embed_url],
        help_text="The address of a YouTube or Vimeo video, a Google Map or a Google document, "
        "as your browser shows it.",
    )
    title = LimitedCharBlock(
        max_length=EMBED_TITLE_MAX_LENGTH,
        help_text='Describes the embed for screen readers, e.g. "Video: ACTRIS webinar".',
    )

    class Meta:
        icon = "media"
        label = "Video or map"
        description = "An embedded video or map from an allowed provider."
        template = "blocks/iframe_embed.html"
        value_class = EmbedValue
        preview_value = {
            # An ACTRIS learning-portal webinar (2023), as the Isomer site embeds it.
            "url": "https://www.youtube.com/watch?v=-GDmRefycJw",
            "title": "Video: Natural killer cell therapeutics in nasopharyngeal cancer",
        }
