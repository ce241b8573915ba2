"""The public side of a shared preview: one draft revision, as the live page will look."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

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


@require_safe
def shared_preview(request, token):
    link = SharedPreview.from_token(token)
    if link is None:
        raise Http404("No such preview link")
    if not link.active:
        return _private(render(request, "sharing/gone.html", {"link": link}, status=410))
    page = link.revision.as_object()
    response = page.make_preview_request(
        request, page.default_preview_mode, extra_request_attrs={"shared_preview": link}
    )
    return _private(response)
