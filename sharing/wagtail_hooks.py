from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views


@hooks.register("register_admin_urls")
def sharing_urls():
    return [
        path("sharing/page/<int:page_id>/", admin_views.page_links, name="sharing_page_links"),
        path("sharing/<int:link_id>/revoke/", admin_views.revoke, name="sharing_revoke"),
    ]


@hooks.register("register_page_header_buttons")
def share_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            "Share draft preview",
            url=reverse("sharing_page_links", args=[page.pk]),
            icon_name="link",
            priority=66,
        )


@hooks.register("register_log_actions")
def sharing_log_actions(actions):
    actions.register_action("sharing.create", "Share draft", "Shared a preview link to a draft")
    actions.register_action("sharing.revoke", "Withdraw shared draft", "Withdrew a preview link")
