"""Infobar: a centred band of text with an optional button."""

from wagtail import blocks

from .editor_rules import LimitedCharBlock, LimitedRichTextBlock, editor_rules_apply
from .links import LinkBlock, button_errors

# Real Isomer sites put whole layouts into infobar descriptions; editors get a little more
# structure here than elsewhere.
INFOBAR_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]


class InfobarBlock(blocks.StructBlock):
    subtitle = LimitedCharBlock(required=False, editor_limit=30, help_text="Small eyebrow line.")
    title = LimitedCharBlock(required=False, editor_limit=60)
    description = LimitedRichTextBlock(required=False, editor_limit=160, features=INFOBAR_FEATURES)
    button = LimitedCharBlock(required=False, editor_limit=30, label="Button label")
    link = LinkBlock(required=False, label="Button link")

    def clean(self, value):
        value = super().clean(value)
        if editor_rules_apply() and (errors := button_errors(value)):
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

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
