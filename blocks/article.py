"""The body of a content page: rich text, headings, images, embeds, tables, accordions, cards."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import BlockGroup
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageBlock

from .editor_rules import LINE_MAX_LENGTH, CheckedStructBlock, LimitedCharBlock
from .embeds import IframeEmbedBlock
from .guidance import characters, picture_size
from .links import ButtonMixin, ContentLinkBlock
from .previews import PREVIEW_TEMPLATE, PreviewMixin, PreviewPicture

BODY_RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
    "image",
]
CELL_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
BUTTON_LABEL_MAX_LENGTH = 100


def one_or_more(item: blocks.Block, shown: str) -> blocks.ListBlock:
    """The list of items of an accordion or a card grid: at least one; ``shown`` says how."""
    return blocks.ListBlock(item, min_num=1, help_text=f"At least one; {shown}")


class HeadingBlock(PreviewMixin, blocks.StructBlock):
    text = LimitedCharBlock(max_length=LINE_MAX_LENGTH, help_text="The heading's words.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
        help_text="Heading 2 starts a section; 3 and 4 are its subsections.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        description = "A section heading."
        template = "blocks/heading.html"
        preview_value = {"text": "Clinical-scale cell therapy manufacturing", "level": "h2"}


# Where a picture sits in the text, as Isomer pages place them: centred in its own row (the
# editor's image wrapper), against the left or right edge, or floated with the text beside it.
FIGURE_POSITIONS = [
    ("centre", "Centred"),
    ("left", "Left"),
    ("right", "Right"),
    ("float-left", "Left, text beside it"),
    ("float-right", "Right, text beside it"),
]
FIGURE_WIDTH = re.compile(r"^(?:(?P<px>[1-9]\d{0,3})px|(?P<percent>[1-9]\d?|100)%)$")
PERCENT_STEP = 5  # widths in % are drawn to the nearest 5% (one CSS class per step)


def validate_figure_width(value: str) -> None:
    if value and not FIGURE_WIDTH.match(value):
        raise ValidationError("Use a width such as 300px or 50%, or leave it empty.")


class FigureValue(blocks.StructValue):
    """The picture's width as the template draws it: pixels on the <img>, or a width class."""

    def _width(self, unit: str) -> int | None:
        match = FIGURE_WIDTH.match(self.get("width") or "")
        return int(match.group(unit)) if match and match.group(unit) else None

    @property
    def pixels(self) -> int | None:
        return self._width("px")

    @property
    def percent_class(self) -> str:
        percent = self._width("percent")
        if percent is None:
            return ""
        step = max(PERCENT_STEP, round(percent / PERCENT_STEP) * PERCENT_STEP)
        return f"figure--w{step}"


class FigureBlock(PreviewMixin, blocks.StructBlock):
    image = ImageBlock(help_text=picture_size("figure"))
    caption = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="Shown under the picture."
    )
    width = blocks.CharBlock(
        required=False,
        max_length=6,
        validators=[validate_figure_width],
        help_text=(
            "Empty: the picture's own size, never wider than the text. Or a width such as "
            f"300px, or 50% of the text's width (drawn to the nearest {PERCENT_STEP}%). "
            + characters(6)
        ),
    )
    position = blocks.ChoiceBlock(
        choices=FIGURE_POSITIONS, default="centre", help_text="Where the picture sits."
    )
    link = ContentLinkBlock(
        required=False, help_text="Where the picture leads when clicked (optional)."
    )

    class Meta:
        icon = "image"
        label = "Image"
        description = "A picture with an optional caption, link, size and position."
        template = "blocks/figure.html"
        value_class = FigureValue
        form_layout = BlockGroup(["image", "caption", "link"], settings=["width", "position"])
        preview_value = {
            "image": PreviewPicture("photo", "A cell beside a pipette and a well plate"),
            "caption": "Cell therapy research at ACTRIS.",
        }


class TableValue(blocks.StructValue):
    @property
    def has_headings(self) -> bool:
        table = self.get("table")
        return bool(table) and any(column["heading"] for column in table.columns)


class TableBlock(PreviewMixin, blocks.StructBlock):
    caption = LimitedCharBlock(
        required=False,
        max_length=LINE_MAX_LENGTH,
        help_text="Says what the table shows; read out first by screen readers.",
    )
    table = TypedTableBlock(
        [
            (
                "text",
                blocks.CharBlock(
                    required=False,
                    help_text="Plain text.",
                    description="A column of plain text.",
                    preview_value="Grade B cleanroom",
                    preview_template=PREVIEW_TEMPLATE,
                ),
            ),
            (
                "rich_text",
                blocks.RichTextBlock(
                    required=False,
                    features=CELL_FEATURES,
                    help_text="Text with bold, italic, links and lists.",
                    description="A column of text with links and lists.",
                    preview_value="<p>Cell processing, <b>fill and finish</b></p>",
                    preview_template=PREVIEW_TEMPLATE,
                ),
            ),
        ],
        help_text="Add columns and rows; give columns headings to make a header row.",
    )

    class Meta:
        icon = "table"
        label = "Table"
        description = "A table of text; column headings become its header row."
        value_class = TableValue
        template = "blocks/table.html"
        preview_value = {
            "caption": "Cleanroom suites",
            "table": {
                "columns": [
                    {"type": "text", "heading": "Suite"},
                    {"type": "text", "heading": "Grade"},
                    {"type": "rich_text", "heading": "Used for"},
                ],
                "rows": [
                    {"values": ["Suite 1", "B", "<p>Cell expansion</p>"]},
                    {"values": ["Suite 2", "B", "<p>Gene-modified cell products</p>"]},
                    {"values": ["Quality control lab", "C", "<p>Release testing</p>"]},
                ],
            },
        }


# Questions and answers for the accordion's preview in the block chooser.
SAMPLE_FAQ = (
    (
        "What is ACTRIS?",
        "The Advanced Cell Therapy and Research Institute, Singapore: "
        "a national facility for cell therapy manufacturing.",
    ),
    (
        "Who can use the facility?",
        "Researchers, hospitals and companies developing cell therapies.",
    ),
    ("How do I start a project?", "Contact our business development team."),
)


class AccordionItemBlock(blocks.StructBlock):
    title = LimitedCharBlock(
        max_length=LINE_MAX_LENGTH, help_text="The question or topic visitors click."
    )
    body = blocks.RichTextBlock(
        required=False,
        features=BODY_RICH_TEXT_FEATURES,
        help_text="Shown when the item is opened.",
    )

    class Meta:
        icon = "collapse-down"
        label = "Accordion item"


class AccordionBlock(PreviewMixin, blocks.StructBlock):
    items = one_or_more(AccordionItemBlock(), "each opens on its own.")

    class Meta:
        icon = "list-ul"
        label = "Accordion"
        description = "Questions or topics that open to show their text."
        template = "blocks/accordion.html"
        preview_value = {
            "items": [{"title": title, "body": f"<p>{body}</p>"} for title, body in SAMPLE_FAQ]
        }


class CardBlock(blocks.StructBlock):
    image = ImageBlock(
        required=False, help_text="Shown at the top of the card. " + picture_size("card")
    )
    title = LimitedCharBlock(max_length=LINE_MAX_LENGTH, help_text="Heading of the card.")
    description = blocks.TextBlock(required=False, help_text="A sentence under the heading.")
    link = ContentLinkBlock(required=False, help_text="The whole card links here.")
    link_text = LimitedCharBlock(
        required=False,
        max_length=LINE_MAX_LENGTH,
        help_text='Words at the foot of the card that say where it leads, such as "Bio".',
    )

    class Meta:
        icon = "doc-empty"
        label = "Card"


class CardGridBlock(PreviewMixin, blocks.StructBlock):
    cards = one_or_more(CardBlock(), "three fit side by side.")

    class Meta:
        icon = "grip"
        label = "Cards"
        description = "A grid of cards, each with an optional picture and link."
        template = "blocks/card_grid.html"
        preview_value = {
            "cards": [
                {
                    "image": PreviewPicture("photo", "Cell therapy research"),
                    "title": "Our facilities",
                    "description": "Grade B cleanrooms and quality control labs.",
                    "link": {"page": None, "url": "/our-facilities/"},
                },
                {
                    "image": PreviewPicture("photo", "Cell therapy research", 1),
                    "title": "Training",
                    "description": "Courses and workshops in cell therapy.",
                    "link": {"page": None, "url": "/resources/"},
                },
                {
                    "image": PreviewPicture("photo", "Cell therapy research", 2),
                    "title": "Newsroom & Events",
                    "description": "News from ACTRIS and its partners.",
                    "link": {"page": None, "url": "/newsroom-and-events/"},
                },
            ]
        }


class ButtonBlock(PreviewMixin, ButtonMixin, CheckedStructBlock):
    label = LimitedCharBlock(
        max_length=BUTTON_LABEL_MAX_LENGTH, help_text="The words on the button; say where it leads."
    )
    link = ContentLinkBlock(required=True, help_text="Where the button leads.")

    button_fields = ("label", "link")

    class Meta:
        icon = "link-external"
        label = "Button"
        description = "A call-to-action link styled as a button."
        template = "blocks/button.html"
        preview_value = {"label": "Contact us", "link": {"page": None, "url": "/contact-us/"}}


class ArticleStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=BODY_RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        description="Paragraphs, lists and links.",
        help_text="Paragraphs with headings, lists, links, documents and pictures.",
        template="blocks/paragraph.html",
        preview_template=PREVIEW_TEMPLATE,
        preview_value="<p>ACTRIS supports the cell therapy ecosystem in Singapore: it "
        "manufactures cell therapies for clinical trials, develops processes with researchers "
        "and trains the people who make them.</p><ul><li>cGMP manufacturing</li>"
        "<li>Process development</li><li>Training and education</li></ul>",
    )
    heading = HeadingBlock()
    image = FigureBlock()
    embed = IframeEmbedBlock()
    table = TableBlock()
    accordion = AccordionBlock()
    cards = CardGridBlock()
    button = ButtonBlock()
