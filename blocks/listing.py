"""Listing: a strip of partner logos, each optionally a link."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .editor_rules import LINE_MAX_LENGTH, LimitedCharBlock
from .guidance import picture_size
from .links import ContentLinkBlock
from .previews import PreviewMixin, PreviewPicture


class ListingEntryBlock(blocks.StructBlock):
    image = ImageBlock(
        required=False,
        help_text="The logo; a transparent PNG works best. " + picture_size("logo_strip"),
    )
    link = ContentLinkBlock(required=False, help_text="The partner's website (optional).")

    class Meta:
        icon = "image"
        label = "Logo"


class ListingBlock(PreviewMixin, blocks.StructBlock):
    title = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="Heading above the logos."
    )
    entries = blocks.ListBlock(
        ListingEntryBlock(),
        default=[],
        help_text="Shown in a row in this order; logos without a picture are left out.",
    )

    preview_layout = "section"

    class Meta:
        icon = "grip"
        label = "Logo strip"
        description = "A row of partner logos."
        template = "blocks/listing.html"
        preview_value = {
            "title": "Our partners",
            "entries": [
                {
                    "image": PreviewPicture("logo", "ACTRIS"),
                    "link": {"page": None, "url": "https://www.actris.sg/"},
                },
                {
                    "image": PreviewPicture(
                        "logo", "Advanced Cell Therapy and Research Institute", 1
                    ),
                    "link": {"page": None, "url": "/about-us/"},
                },
            ],
        }
