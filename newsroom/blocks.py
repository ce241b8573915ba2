"""The homepage's "Newsroom & Events" section: the newest entries, with a "more" link."""

from wagtail import blocks

from blocks.editor_rules import LimitedCharBlock

from .models import NewsroomIndexPage

NEWEST_ENTRIES_SHOWN = 3


class ResourcesBlock(blocks.StructBlock):
    title = LimitedCharBlock(required=False, editor_limit=60, default="Newsroom & Events")
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    more_label = LimitedCharBlock(
        required=False,
        editor_limit=30,
        label='Label of the "more" link',
        help_text='Default "MORE"',
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["entries"], context["index_page"] = NewsroomIndexPage.newest(NEWEST_ENTRIES_SHOWN)
        return context

    class Meta:
        icon = "list-ul"
        label = "Newsroom & Events"
        description = f"The {NEWEST_ENTRIES_SHOWN} newest newsroom entries, newest first."
        template = "blocks/resources.html"
        preview_value = {"title": "Newsroom & Events", "subtitle": "", "more_label": "More"}
