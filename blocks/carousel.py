"""Carousel: slides of picture and text (Isomer: hand-written sites only)."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    LINE_MAX_LENGTH,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .guidance import picture_size
from .previews import PreviewMixin, PreviewPicture


class CarouselSlideBlock(blocks.StructBlock):
    title = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="Heading of the slide."
    )
    subtitle = LimitedCharBlock(
        required=False,
        max_length=LINE_MAX_LENGTH,
        help_text="Small upper-case line under the heading.",
    )
    description = LimitedRichTextBlock(
        required=False,
        features=INLINE_RICH_TEXT_FEATURES,
        help_text="Text of the slide; keep it to a sentence or two.",
    )
    image = ImageBlock(
        required=False, help_text="The picture of the slide. " + picture_size("carousel")
    )

    class Meta:
        icon = "image"
        label = "Slide"


class CarouselBlock(PreviewMixin, blocks.StructBlock):
    slides = blocks.ListBlock(
        CarouselSlideBlock(),
        min_num=1,
        help_text="At least one; visitors step through them in this order.",
    )

    preview_layout = "section"

    class Meta:
        icon = "media"
        label = "Carousel"
        description = "Slides of picture and text that visitors step through."
        template = "blocks/carousel.html"
        preview_value = {
            "slides": [
                {
                    "title": "Cell therapy manufacturing",
                    "subtitle": "cGMP facility",
                    "description": "<p>Clinical-scale production in Grade B cleanrooms.</p>",
                    "image": PreviewPicture("photo", "A cell beside a pipette and a well plate"),
                },
                {
                    "title": "Training and education",
                    "subtitle": "Learning portal",
                    "description": "<p>Webinars, courses and workshops.</p>",
                    "image": PreviewPicture("photo", "Cell therapy research", 1),
                },
            ]
        }
