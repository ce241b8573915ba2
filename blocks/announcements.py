"""Announcements: a short list of dated notices."""

from wagtail import blocks

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CappedListMixin,
    CappedListValue,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .links import ButtonMixin, LinkBlock

MAX_ANNOUNCEMENTS = 5


class AnnouncementItemBlock(ButtonMixin, CheckedStructBlock):
    title = LimitedCharBlock(editor_limit=100)
    date = LimitedCharBlock(
        required=False, max_length=50, help_text="Written as shown, e.g. 12 March 2026."
    )
    text = LimitedRichTextBlock(
        required=False, editor_limit=300, features=INLINE_RICH_TEXT_FEATURES
    )
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False)

    button_fields = ("link_text", "link")

    class Meta:
        icon = "pick"
        label = "Announcement"


class AnnouncementsBlock(CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    items = blocks.ListBlock(AnnouncementItemBlock(), default=[])

    capped_list = ("items", MAX_ANNOUNCEMENTS, "announcements")

    class Meta:
        icon = "warning"
        label = "Announcements"
        description = f"Up to {MAX_ANNOUNCEMENTS} dated announcements."
        template = "blocks/announcements.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Announcements",
            "items": [
                {
                    "title": "Facility tours resume",
                    "date": "12 March 2026",
                    "text": "<p>Guided tours of the cGMP facility are available again.</p>",
                }
            ],
        }
