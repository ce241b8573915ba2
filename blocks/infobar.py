"""Infobar: a centred band of text with an optional button."""

from .editor_rules import CheckedStructBlock, LimitedCharBlock, LimitedRichTextBlock
from .links import ButtonMixin, LinkBlock

# Real Isomer sites put whole layouts into infobar descriptions; editors get a little more
# structure here than elsewhere.
INFOBAR_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]


class InfobarBlock(ButtonMixin, CheckedStructBlock):
    subtitle = LimitedCharBlock(required=False, editor_limit=30, help_text="Small eyebrow line.")
    title = LimitedCharBlock(required=False, editor_limit=60)
    description = LimitedRichTextBlock(required=False, editor_limit=160, features=INFOBAR_FEATURES)
    button = LimitedCharBlock(required=False, editor_limit=30, label="Button label")
    link = LinkBlock(required=False, label="Button link")

    class Meta:
        icon = "info-circle"
        label = "Infobar"
        description = "A centred band of text with an optional button."
        template = "blocks/infobar.html"
        preview_value = {
            "subtitle": "Get in touch",
            "title": "Work with ACTRIS",
            "description": "<p>Talk to us about process development and manufacturing.</p>",
            "button": "Contact us",
            "link": {"page": None, "url": "/contact-us/"},
        }
