"""A confirmation after every review action taken from the dashboard or a page listing.

Wagtail's workflow action view (Approve, Request changes... in "Awaiting your review") acts and
redirects without a word, so a moderator cannot tell whether the approval went through. This
middleware, placed after Django's MessageMiddleware, adds one message once the task has really
left "in progress": what happened, to which page, and what comes next.
"""

from django.contrib import messages
from django.urls import Resolver404, resolve
from wagtail.models import Page, TaskState

DONE = {
    TaskState.STATUS_APPROVED: "Approved",
    TaskState.STATUS_REJECTED: "Changes requested",
    TaskState.STATUS_CANCELLED: "Cancelled",
}


def confirmation(task_state, page_id) -> str | None:
    label = DONE.get(task_state.status)
    if label is None:
        return None
    page = Page.objects.filter(pk=page_id).first()
    title = page.get_admin_display_title() if page else "the page"
    workflow = task_state.workflow_state
    if task_state.status == TaskState.STATUS_APPROVED:
        if workflow.status == workflow.STATUS_APPROVED:
            live = page is not None and page.live
            scheduled = (
                page is not None
                and page.get_latest_revision()
                and (page.get_latest_revision().approved_go_live_at is not None)
            )
            after = (
                "it goes live at its scheduled time."
                if scheduled
                else "it is now live."
                if live
                else "the review is complete."
            )
        else:
            after = "it moves on to the next review step."
        return f"{label}: '{title}'; {after}"
    if task_state.status == TaskState.STATUS_REJECTED:
        return f"{label}: '{title}' goes back to its author with your comment."
    return f"{label}: the review of '{title}'."


def task_state_in(request):
    """The task state a workflow action POST is about, if ``request`` is one."""
    if request.method != "POST" or not request.path_info.startswith("/admin/"):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "workflow_action":
        return None
    state = (
        TaskState.objects.select_related("workflow_state")
        .filter(pk=match.kwargs.get("task_state_id"))
        .first()
    )
    return (state, match.kwargs.get("page_id")) if state else None


class WorkflowConfirmationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = task_state_in(request)
        # Only an action that moves a task on is confirmed: one repeated (a double click, a
        # second moderator) is refused by Wagtail with its own message.
        waiting = found is not None and found[0].status == TaskState.STATUS_IN_PROGRESS
        response = self.get_response(request)
        if waiting and response.status_code in (200, 302):
            state, page_id = found
            state = TaskState.objects.select_related("workflow_state").get(pk=state.pk)
            if text := confirmation(state, page_id):
                messages.success(request, text)
        return response
