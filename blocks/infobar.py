"""Infobar: a centred band of text with an optional button."""

from .editor_rules import CheckedStructBlock, LimitedCharBlock, LimitedRichTextBlock
from .links import ButtonMixin, ContentLinkBlock
from .previews import PreviewMixin

# Real Isomer sites put whole layouts into infobar descriptions; editors get a little more
# structure here than elsewhere.
INFOBAR_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]


class InfobarBlock(PreviewMixin, ButtonMixin, CheckedStructBlock):
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    title = LimitedCharBlock(required=False, editor_limit=60, help_text="Heading of the band.")
    description = LimitedRichTextBlock(
        required=False,
        editor_limit=160,
        features=INFOBAR_FEATURES,
        help_text="Centred text under the title.",
    )
    button = LimitedCharBlock(
        required=False,
        editor_limit=30,
        label="Button label",
        help_text="The button under the text; it needs a button link.",
    )
    link = ContentLinkBlock(
        required=False, label="Button link", help_text="Where the button leads."
    )

    preview_layout = "section"

    class Meta:
        icon = "info-circle"
        label = "Infobar"
        description = "A centred band of text with an optional button."
        template = "blocks/infobar.html"
        preview_value = {
            "subtitle": "Get in touch",
            "title": "Work with ACTRIS",
            "description": "<p>Talk to us about process development, technology transfer and "
            "clinical-scale manufacturing of cell therapies.</p>",
            "button": "Contact us",
            "link": {"page": None, "url": "/contact-us/"},
        }
