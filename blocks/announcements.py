"""Announcements: a short list of dated notices."""

from wagtail import blocks

from .editor_rules import CheckedStructBlock, LimitedCharBlock
from .guidance import at_most
from .links import ButtonMixin, ContentLinkBlock
from .sections import CappedListSectionBlock, heading, link_label, short_rich_text

MAX_ANNOUNCEMENTS = 5


class AnnouncementItemBlock(ButtonMixin, CheckedStructBlock):
    title = LimitedCharBlock(editor_limit=100, help_text="What is announced.")
    date = LimitedCharBlock(
        required=False, max_length=50, help_text="Written as shown, e.g. 12 March 2026."
    )
    text = short_rich_text("The details.", editor_limit=300)
    link_text = link_label("Label of the link; it needs a link.")
    link = ContentLinkBlock(required=False, help_text="Where the link leads.")

    button_fields = ("link_text", "link")

    class Meta:
        icon = "pick"
        label = "Announcement"


class AnnouncementsBlock(CappedListSectionBlock):
    capped_list = ("items", MAX_ANNOUNCEMENTS, "announcements")

    title = heading("Heading of the list.")
    items = blocks.ListBlock(
        AnnouncementItemBlock(),
        default=[],
        help_text="Shown in this order. " + at_most(MAX_ANNOUNCEMENTS, "announcements"),
    )

    class Meta:
        icon = "warning"
        label = "Announcements"
        description = f"Up to {MAX_ANNOUNCEMENTS} dated announcements."
        template = "blocks/announcements.html"
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
