"""Infobar: a centred band of text with an optional button."""

from .editor_rules import CheckedStructBlock
from .links import ButtonMixin
from .previews import PreviewMixin
from .sections import button_label, button_link, eyebrow, heading, short_rich_text

# Real Isomer sites put whole layouts into infobar descriptions; editors get a little more
# structure here than elsewhere.
INFOBAR_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "hr"]


class InfobarBlock(PreviewMixin, ButtonMixin, CheckedStructBlock):
    subtitle = eyebrow()
    title = heading("Heading of the band.", editor_limit=60)
    description = short_rich_text(
        "Centred text under the title.", editor_limit=160, features=INFOBAR_FEATURES
    )
    button = button_label("The button under the text; it needs a button link.")
    link = button_link()

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
