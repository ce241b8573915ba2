from django.conf import settings

from .cache import content_version


def fragment_cache(request):
    """``content_version`` and ``fragment_seconds`` for ``{% wagtailcache %}`` keys: fragments
    are cached per content version, so any publish or settings change renders them anew."""
    return {
        "content_version": content_version(),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
