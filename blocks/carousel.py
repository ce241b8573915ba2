"""Carousel: slides of picture and text (Isomer: hand-written sites only)."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .editor_rules import INLINE_RICH_TEXT_FEATURES, LimitedRichTextBlock


class CarouselSlideBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=255)
    subtitle = blocks.CharBlock(required=False, max_length=255)
    description = LimitedRichTextBlock(required=False, features=INLINE_RICH_TEXT_FEATURES)
    image = ImageBlock(required=False)

    class Meta:
        icon = "image"
        label = "Slide"


class CarouselBlock(blocks.StructBlock):
    slides = blocks.ListBlock(CarouselSlideBlock(), min_num=1)

    class Meta:
        icon = "media"
        label = "Carousel"
        description = "Slides of picture and text that visitors step through."
        template = "blocks/carousel.html"
        preview_value = {
            "slides": [
                {"title": "Cell therapy", "subtitle": "Manufacturing", "description": ""},
                {"title": "Training", "subtitle": "Education", "description": ""},
            ]
        }
