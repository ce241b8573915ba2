"""The import's to-do list in the admin: Reports menu, dashboard panel, re-check on save."""

from django.db.models.signals import post_save
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.signals import page_published

from siteconfig.models import Footer, MainMenu, SiteIdentity

from .review import page_published as recheck_published
from .review import revision_saved, setting_saved
from .views import ImportTodoView, open_items_for

post_save.connect(revision_saved, sender=Revision, dispatch_uid="importers-review-recheck")
page_published.connect(recheck_published, dispatch_uid="importers-review-recheck-published")
for setting in (SiteIdentity, MainMenu, Footer):
    post_save.connect(setting_saved, sender=setting, dispatch_uid=f"importers-review-{setting}")


def can_edit_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["change"])


@hooks.register("register_admin_urls")
def todo_urls():
    return [
        path("reports/import-todo/", ImportTodoView.as_view(), name="import_todo"),
        path(
            "reports/import-todo/results/",
            ImportTodoView.as_view(results_only=True),
            name="import_todo_results",
        ),
    ]


class TodoMenuItem(MenuItem):
    def is_shown(self, request):
        return can_edit_pages(request.user)


@hooks.register("register_reports_menu_item")
def todo_menu_item():
    return TodoMenuItem("Import to-do list", reverse("import_todo"), icon_name="tasks", order=50)


class TodoPanel(Component):
    name = "import_todo"
    order = 90
    template_name = "importers/todo_panel.html"

    def __init__(self, left: int):
        self.left = left

    def get_context_data(self, parent_context=None):
        return {"left": self.left, "url": reverse("import_todo")}


@hooks.register("construct_homepage_panels")
def todo_panel(request, panels):
    if can_edit_pages(request.user):
        left = open_items_for(request.user).count()  # the same items as the list shows them
        if left:
            panels.append(TodoPanel(left))
