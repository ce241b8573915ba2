"""Text cards: up to four linked cards under a heading."""

from wagtail import blocks

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CappedListMixin,
    CappedListValue,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .guidance import at_most
from .links import ContentLinkBlock
from .previews import PreviewMixin

MAX_TEXT_CARDS = 4


class TextCardBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50, help_text="Heading of the card.")
    description = LimitedCharBlock(
        required=False, editor_limit=80, help_text="A line under the heading."
    )
    link_text = LimitedCharBlock(
        required=False, editor_limit=50, help_text='The card\'s "read more" line.'
    )
    link = ContentLinkBlock(required=False, help_text="The whole card links here.")

    class Meta:
        icon = "doc-empty"
        label = "Card"


class TextCardsBlock(PreviewMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50, help_text="Heading of the section.")
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    description = LimitedRichTextBlock(
        required=False,
        editor_limit=200,
        features=INLINE_RICH_TEXT_FEATURES,
        help_text="Text between the title and the cards.",
    )
    cards = blocks.ListBlock(
        TextCardBlock(), default=[], help_text="Side by side. " + at_most(MAX_TEXT_CARDS, "cards")
    )

    capped_list = ("cards", MAX_TEXT_CARDS, "cards")
    preview_layout = "section"

    class Meta:
        icon = "table"
        label = "Text cards"
        description = f"Up to {MAX_TEXT_CARDS} cards, each a link."
        template = "blocks/textcards.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Our Service Provision",
            "subtitle": "Services",
            "description": "<p>From process development to clinical-scale manufacturing.</p>",
            "cards": [
                {
                    "title": "Manufacturing",
                    "description": "Clinical-scale cGMP manufacturing",
                    "link_text": "Learn more",
                    "link": {"page": None, "url": "/our-service-provision/"},
                },
                {
                    "title": "Process development",
                    "description": "From the lab bench to a robust process",
                    "link_text": "Learn more",
                    "link": {"page": None, "url": "/our-service-provision/"},
                },
                {
                    "title": "Training",
                    "description": "Courses and workshops in cell therapy",
                    "link_text": "Learn more",
                    "link": {"page": None, "url": "/resources/"},
                },
            ],
        }
