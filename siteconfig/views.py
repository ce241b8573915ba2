"""The site's brand colour as a stylesheet: no inline style, so the CSP forbids them all."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from blocks.templatetags.link_policy import css_colour

from .models import SiteIdentity


@require_safe
@cache_control(public=True, max_age=300)
def brand_css(request):
    site = Site.find_for_request(request)
    colour = css_colour(SiteIdentity.for_request(request).primary_colour) if site else ""
    body = f":root {{ --brand: {colour}; }}\n" if colour else ""
    return HttpResponse(body, content_type="text/css; charset=utf-8")
