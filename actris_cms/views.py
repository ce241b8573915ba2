from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .cache import cache_headers, content_version


@never_cache
@require_safe
def healthz(request):
    """Liveness and readiness for load balancers and the container health check."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not ready"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def sitemap(request):
    """Wagtail's sitemap, built once per content version (any publish makes a new one) and
    cached by the proxy like a page."""
    # The day is in the key: an entry dated in the future joins it on its date.
    key = f"sitemap:{request.get_host()}:{content_version()}:{timezone.localdate()}"
    body = cache.get(key)
    if body is None:
        response = wagtail_sitemap(request)
        response.render()
        body = response.content
        cache.set(key, body, settings.FRAGMENT_CACHE_SECONDS)
    return cache_headers(request, HttpResponse(body, content_type="application/xml"))
