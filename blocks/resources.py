"""Resources: the newest newsroom entries, with a "more" link to the newsroom."""

from wagtail import blocks

from .editor_rules import LimitedCharBlock

NEWEST_ENTRIES_SHOWN = 3


def newest_entries(count=NEWEST_ENTRIES_SHOWN):
    """The newsroom's newest entries and index page; empty until a newsroom exists."""
    from newsroom.queries import newest_entries_for_homepage  # newsroom pages use these blocks

    return newest_entries_for_homepage(count)


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
        context["entries"], context["index_page"] = newest_entries()
        return context

    class Meta:
        icon = "list-ul"
        label = "Newsroom & Events"
        description = f"The {NEWEST_ENTRIES_SHOWN} newest newsroom entries, newest first."
        template = "blocks/resources.html"
        preview_value = {"title": "Newsroom & Events", "subtitle": "", "more_label": "More"}
