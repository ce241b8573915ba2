"""The site's colours as a stylesheet: no inline style, as the CSP forbids them all."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from .models import SiteIdentity
from .theme import Theme


@require_safe
@cache_control(public=True, max_age=300)
def brand_css(request):
    identity = SiteIdentity.for_request(request) if Site.find_for_request(request) else None
    return HttpResponse(Theme.for_identity(identity).css(), content_type="text/css; charset=utf-8")
