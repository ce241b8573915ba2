"""Listing: a strip of partner logos, each optionally a link."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .links import LinkBlock


class ListingEntryBlock(blocks.StructBlock):
    image = ImageBlock(required=False)
    link = LinkBlock(required=False)

    class Meta:
        icon = "image"
        label = "Logo"


class ListingBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    entries = blocks.ListBlock(ListingEntryBlock(), default=[])

    class Meta:
        icon = "grip"
        label = "Logo strip"
        description = "A row of partner logos."
        template = "blocks/listing.html"
        preview_value = {"title": "Our partners", "entries": []}
