"""The homepage's "Newsroom & Events" section: the newest entries, with a "more" link."""

import datetime
from types import SimpleNamespace

from wagtail import blocks

from blocks.editor_rules import LimitedCharBlock
from blocks.previews import PreviewMixin

from .models import NewsroomIndexPage

NEWEST_ENTRIES_SHOWN = 3
DEFAULT_TITLE = "Newsroom & Events"
DEFAULT_MORE_LABEL = "More"

# Shown in the block chooser's preview while the newsroom has no entries yet: real ACTRIS
# workshop titles, as listing cards draw entries.
PREVIEW_ENTRIES = [
    SimpleNamespace(
        category_label="Workshops and Training",
        title=title,
        listing_url="/newsroom-and-events/",
        opens_in_new_tab=False,
        publication_date=datetime.date.fromisoformat(date),
        kind="article",
    )
    for title, date in [
        ("From Surface to Suspension: Adapting Adherent Cells to Microcarriers", "2025-12-15"),
        ("Scalable Rapid Manufacturing of CAR T Cells in the Cocoon Platform", "2025-10-27"),
        ("End to end Closed Systems CAR T Production", "2025-09-15"),
    ]
]


class ResourcesBlock(PreviewMixin, blocks.StructBlock):
    title = LimitedCharBlock(
        required=False,
        editor_limit=60,
        default=DEFAULT_TITLE,
        help_text=f'Heading of the section; "{DEFAULT_TITLE}" if empty.',
    )
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    more_label = LimitedCharBlock(
        required=False,
        editor_limit=30,
        label='Label of the "more" link',
        help_text=f'The link to the whole newsroom; "{DEFAULT_MORE_LABEL}" if empty.',
    )

    preview_layout = "section"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["entries"], context["index_page"] = NewsroomIndexPage.newest(NEWEST_ENTRIES_SHOWN)
        context["pictured"] = context["index_page"] is not None and context["index_page"].pictured
        if not context["entries"] and context.get("block_preview"):
            context["entries"] = PREVIEW_ENTRIES[:NEWEST_ENTRIES_SHOWN]
        return context

    class Meta:
        icon = "list-ul"
        label = "Newsroom & Events"
        description = (
            f"The {NEWEST_ENTRIES_SHOWN} newest newsroom entries, newest first, "
            "with a link to the newsroom."
        )
        template = "blocks/resources.html"
        preview_value = {"title": DEFAULT_TITLE, "subtitle": "What's on", "more_label": "More"}
