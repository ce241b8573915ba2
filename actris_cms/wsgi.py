import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.production")

application = get_wsgi_application()


def warm_up() -> None:
    """Load the URL configuration and compile the page templates now, at start-up (before
    gunicorn forks its workers with --preload), not in some visitor's first request."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import get_resolver
    from wagtail.models import get_page_models

    get_resolver().url_patterns  # noqa: B018 - importing every URL module is the point
    for model in get_page_models():
        for name in filter(None, [getattr(model, "template", None), "base.html"]):
            try:
                get_template(name)
            except TemplateDoesNotExist:
                pass


if os.environ.get("WSGI_WARM_UP", "1") == "1":
    warm_up()
