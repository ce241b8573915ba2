"""The admin side: make, list and withdraw a page's shared preview links."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Page

from .models import DEFAULT_LIFETIME, LIFETIMES, SharedPreview


class ShareForm(forms.Form):
    days = forms.TypedChoiceField(
        label="The link works for",
        choices=[(days, f"{days} day{'s' if days > 1 else ''}") for days in LIFETIMES],
        coerce=int,
        initial=DEFAULT_LIFETIME,
    )


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific_deferred
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def page_links(request, page_id):
    page = _editable_page(request, page_id)
    form = ShareForm(request.POST or None)
    latest = page.get_latest_revision()
    if request.method == "POST" and latest is None:
        messages.error(request, "This page has no saved version yet: save a draft first.")
        return redirect("sharing_page_links", page.pk)
    if request.method == "POST" and form.is_valid():
        link = SharedPreview.share(page, latest, request.user, form.cleaned_data["days"])
        log(
            instance=page,
            action="sharing.create",
            user=request.user,
            revision=link.revision,
            data={"link": link.pk, "expires": link.expires_at.isoformat()},
        )
        messages.success(
            request,
            f"Preview link made. It shows this draft as it is now, until "
            f"{date_format(localtime(link.expires_at), 'j F Y, H:i')}: copy it from the list.",
        )
        return redirect("sharing_page_links", page.pk)
    links = SharedPreview.objects.filter(page=page).select_related("revision", "created_by")
    return TemplateResponse(
        request,
        "sharing/page_links.html",
        {
            "page": page,
            "form": form,
            "links": links,
            "base_url": request.build_absolute_uri("/").rstrip("/"),
            "latest": latest,
            "private": bool(page.get_view_restrictions()),
            "header_title": f"Share a draft: {page.get_admin_display_title()}",
        },
    )


@require_POST
def revoke(request, link_id):
    link = get_object_or_404(SharedPreview, pk=link_id)
    page = _editable_page(request, link.page_id)
    if link.active:
        link.revoke(request.user)
        log(instance=page, action="sharing.revoke", user=request.user, data={"link": link.pk})
        messages.success(request, "Preview link withdrawn: it no longer shows the draft.")
    else:
        messages.info(request, f"That link no longer worked ({link.status.lower()}).")
    return redirect(reverse("sharing_page_links", args=[page.pk]))
