"""The body of a content page: rich text, headings, images, embeds, tables, accordions, cards."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageBlock

from .editor_rules import CheckedStructBlock
from .embeds import IframeEmbedBlock
from .links import ButtonMixin, LinkBlock

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


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "Heading"
        description = "A section heading."
        template = "blocks/heading.html"
        preview_value = {"text": "Cell therapy manufacturing", "level": "h2"}


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Image"
        description = "A picture with an optional caption."
        template = "blocks/figure.html"


class TableValue(blocks.StructValue):
    @property
    def has_headings(self) -> bool:
        table = self.get("table")
        return bool(table) and any(column["heading"] for column in table.columns)


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(required=False, max_length=255)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(required=False)),
            ("rich_text", blocks.RichTextBlock(required=False, features=CELL_FEATURES)),
        ]
    )

    class Meta:
        icon = "table"
        label = "Table"
        description = "A table of text; column headings become its header row."
        value_class = TableValue
        template = "blocks/table.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    body = blocks.RichTextBlock(required=False, features=BODY_RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        label = "Accordion item"


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Accordion"
        description = "Questions or topics that open to show their text."
        template = "blocks/accordion.html"
        preview_value = {
            "items": [
                {"title": "What is ACTRIS?", "body": "<p>A national cell therapy facility.</p>"},
                {"title": "Who can use it?", "body": "<p>Researchers and companies.</p>"},
            ]
        }


class CardBlock(blocks.StructBlock):
    image = ImageBlock(required=False)
    title = blocks.CharBlock(max_length=255)
    description = blocks.TextBlock(required=False)
    link = LinkBlock(required=False)

    class Meta:
        icon = "doc-empty"
        label = "Card"


class CardGridBlock(blocks.StructBlock):
    cards = blocks.ListBlock(CardBlock(), min_num=1)

    class Meta:
        icon = "grip"
        label = "Cards"
        description = "A grid of cards, each with an optional picture and link."
        template = "blocks/card_grid.html"
        preview_value = {
            "cards": [
                {"title": "Facilities", "description": "Our cleanrooms", "link": {"url": "/"}},
                {"title": "Training", "description": "Courses", "link": {"url": "/"}},
            ]
        }


class ButtonBlock(ButtonMixin, CheckedStructBlock):
    label = blocks.CharBlock(max_length=100)
    link = LinkBlock(required=True)

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
        template="blocks/paragraph.html",
        preview_value="<p>ACTRIS supports the cell therapy ecosystem in Singapore.</p>",
    )
    heading = HeadingBlock()
    image = FigureBlock()
    embed = IframeEmbedBlock()
    table = TableBlock()
    accordion = AccordionBlock()
    cards = CardGridBlock()
    button = ButtonBlock()
