"""Info columns: one to four boxes of text (four render as two by two)."""

from wagtail import blocks

from .guidance import at_most
from .links import ButtonMixin, ContentLinkBlock
from .sections import CappedListSectionBlock, heading, link_label, short_rich_text

MAX_INFO_BOXES = 4


class InfoBoxBlock(blocks.StructBlock):
    title = heading("Heading of the box.", required=True)
    description = short_rich_text("Text of the box.", editor_limit=120)

    class Meta:
        icon = "doc-empty"
        label = "Info box"


class InfoColsBlock(ButtonMixin, CappedListSectionBlock):
    capped_list = ("boxes", MAX_INFO_BOXES, "info boxes")
    at_least_one = "Add at least one info box."
    button_fields = ("link_text", "link")

    link_text = link_label("Label of the link under the boxes.")
    link = ContentLinkBlock(required=False, help_text="Where the link under the boxes leads.")
    boxes = blocks.ListBlock(
        InfoBoxBlock(),
        default=[],
        help_text="At least one; four are shown two by two. "
        + at_most(MAX_INFO_BOXES, "info boxes"),
    )

    class Meta:
        icon = "grip"
        label = "Info columns"
        description = f"One to {MAX_INFO_BOXES} boxes of text side by side."
        template = "blocks/infocols.html"
        preview_value = {
            "title": "Why ACTRIS",
            "subtitle": "Our strengths",
            "boxes": [
                {
                    "title": "cGMP facility",
                    "description": "<p>Grade B cleanrooms licensed for clinical manufacturing.</p>",
                },
                {
                    "title": "Expertise",
                    "description": "<p>Process development and quality teams.</p>",
                },
                {
                    "title": "Partnerships",
                    "description": "<p>Hospitals, universities and industry.</p>",
                },
            ],
            "link_text": "About our facilities",
            "link": {"page": None, "url": "/our-facilities/"},
        }
