""" "Compare with previous version" in "Awaiting your review" compares something that changed.

Wagtail links the submitted revision to the revision just before it. When autosave (or a
"Save draft" without edits) stored the same content moments before the editor pressed Submit,
that neighbour is identical and the moderator reads "There are no differences". Here the link
goes to the latest earlier revision whose content differs, so the moderator always sees the
submitted change (or no link, when no earlier revision differs).
"""

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Revision

# Fields Wagtail itself rewrites on every save: not what the editor changed.
BOOKKEEPING = {
    "pk", "latest_revision", "latest_revision_created_at", "live_revision", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "locked",
    "locked_at", "locked_by", "path", "depth", "numchild", "url_path",
}  # fmt: skip
LOOK_BACK = 50  # revisions; beyond that, Wagtail's own neighbour is kept


def editorial(content: dict) -> dict:
    return {key: value for key, value in content.items() if key not in BOOKKEEPING}


def last_different(revision) -> int | None:
    """The id of the latest revision before ``revision`` whose content differs from it."""
    mine = editorial(revision.content)
    earlier = (
        Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
        )
        .filter(created_at__lte=revision.created_at)
        .exclude(pk__gte=revision.pk)
        .order_by("-created_at", "-pk")
        .only("pk", "content")[:LOOK_BACK]
    )
    for candidate in earlier:
        if editorial(candidate.content) != mine:
            return candidate.pk
    return None


class ReviewPanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            if state["previous_revision_id"]:
                state["previous_revision_id"] = last_different(state["revision"])
        return context


def use_review_panel(request, panels):
    panels[:] = [
        ReviewPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
