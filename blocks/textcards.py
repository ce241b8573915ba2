"""Text cards: up to four linked cards under a heading."""

from wagtail import blocks

from .editor_rules import LimitedCharBlock
from .guidance import at_most
from .links import ContentLinkBlock
from .sections import CappedListSectionBlock, heading, link_label, short_rich_text

MAX_TEXT_CARDS = 4


class TextCardBlock(blocks.StructBlock):
    title = heading("Heading of the card.", required=True)
    description = LimitedCharBlock(
        required=False, editor_limit=80, help_text="A line under the heading."
    )
    link_text = link_label('The card\'s "read more" line.')
    link = ContentLinkBlock(required=False, help_text="The whole card links here.")

    class Meta:
        icon = "doc-empty"
        label = "Card"


class TextCardsBlock(CappedListSectionBlock):
    capped_list = ("cards", MAX_TEXT_CARDS, "cards")

    description = short_rich_text("Text between the title and the cards.", editor_limit=200)
    cards = blocks.ListBlock(
        TextCardBlock(), default=[], help_text="Side by side. " + at_most(MAX_TEXT_CARDS, "cards")
    )

    class Meta:
        icon = "table"
        label = "Text cards"
        description = f"Up to {MAX_TEXT_CARDS} cards, each a link."
        template = "blocks/textcards.html"
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
