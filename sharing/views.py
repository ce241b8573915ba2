"""The public side of a shared preview: one draft revision, as the live page will look."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction

from .models import SharedPreview

# Never indexed, never kept by the proxy or the browser, and the link (it is the key) is not
# sent on to the sites the draft links to.
PRIVATE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def restriction_response(page, request):
    """A page in a private section stays private through its link: the visitor gives the
    section's password or signs in, as on the live page (Wagtail's own forms and rules)."""
    for restriction in page.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
            )
            return page.serve_password_required_response(request, form, action)
        login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login"))
        return redirect_to_login(request.get_full_path(), login_url)
    return None


@require_safe
def shared_preview(request, token):
    link = SharedPreview.from_token(token)
    if link is None:
        raise Http404("No such preview link")
    if not link.works:
        return _private(render(request, "sharing/gone.html", {"link": link}, status=410))
    if refused := restriction_response(link.page.specific, request):
        return _private(refused)
    page = link.revision.as_object()
    response = page.make_preview_request(
        request, page.default_preview_mode, extra_request_attrs={"shared_preview": link}
    )
    return _private(response)
