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
from .guidance import at_most
from .links import ButtonMixin, ContentLinkBlock
from .previews import PreviewMixin

MAX_ANNOUNCEMENTS = 5


class AnnouncementItemBlock(ButtonMixin, CheckedStructBlock):
    title = LimitedCharBlock(editor_limit=100, help_text="What is announced.")
    date = LimitedCharBlock(
        required=False, max_length=50, help_text="Written as shown, e.g. 12 March 2026."
    )
    text = LimitedRichTextBlock(
        required=False,
        editor_limit=300,
        features=INLINE_RICH_TEXT_FEATURES,
        help_text="The details.",
    )
    link_text = LimitedCharBlock(
        required=False, editor_limit=50, help_text="Label of the link; it needs a link."
    )
    link = ContentLinkBlock(required=False, help_text="Where the link leads.")

    button_fields = ("link_text", "link")

    class Meta:
        icon = "pick"
        label = "Announcement"


class AnnouncementsBlock(PreviewMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50, help_text="Heading of the list.")
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    items = blocks.ListBlock(
        AnnouncementItemBlock(),
        default=[],
        help_text="Shown in this order. " + at_most(MAX_ANNOUNCEMENTS, "announcements"),
    )

    capped_list = ("items", MAX_ANNOUNCEMENTS, "announcements")
    preview_layout = "section"

    class Meta:
        icon = "warning"
        label = "Announcements"
        description = f"Up to {MAX_ANNOUNCEMENTS} dated announcements."
        template = "blocks/announcements.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Announcements",
            "subtitle": "What's new",
            "items": [
                {
                    "title": "Facility tours resume",
                    "date": "12 March 2026",
                    "text": "<p>Guided tours of the cGMP facility are available again.</p>",
                },
                {
                    "title": "Cell therapy workshop: registration open",
                    "date": "2 April 2026",
                    "text": "<p>A two-day hands-on workshop on closed-system processing.</p>",
                    "link_text": "Register",
                    "link": {"page": None, "url": "/newsroom-and-events/"},
                },
            ],
        }
