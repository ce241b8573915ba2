"""Infopic: text beside a picture; consecutive infopics alternate sides when rendered."""

from wagtail.images.blocks import ImageBlock

from .editor_rules import CheckedStructBlock
from .guidance import picture_size
from .links import ButtonMixin
from .previews import PreviewMixin, PreviewPicture
from .sections import button_label, button_link, eyebrow, heading, short_rich_text


class InfopicBlock(PreviewMixin, ButtonMixin, CheckedStructBlock):
    subtitle = eyebrow()
    title = heading(editor_limit=60, required=True)
    description = short_rich_text("Text beside the picture.", editor_limit=160)
    button = button_label("The link under the text; it needs a button link.")
    link = button_link()
    image = ImageBlock(
        required=False,
        help_text="Without an image the text fills the width. " + picture_size("infopic"),
    )

    preview_layout = "section"

    class Meta:
        icon = "doc-full-inverse"
        label = "Infopic"
        description = "Text with a button beside a picture. Consecutive infopics alternate sides."
        template = "blocks/infopic.html"
        preview_value = {
            "subtitle": "We are ACTRIS",
            "title": "About Us",
            "description": "<p>ACTRIS was established on 20 April 2020 to meet the increasing "
            "demand of cellular therapy.</p>",
            "button": "Learn more",
            "link": {"page": None, "url": "/about-us/about-actris/"},
            "image": PreviewPicture("photo", "A cell beside a pipette and a well plate"),
        }
