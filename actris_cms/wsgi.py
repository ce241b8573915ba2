import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actris_cms.settings.production")

application = get_wsgi_application()


def warm_up() -> None:
    """Load the URL configuration and compile the page templates now, at start-up (before
    gunicorn forks its workers with --preload), not in some visitor's first request."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing every URL module is the point
    # Every template of the public site (pages, blocks, the includes they use).
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            try:
                get_template(path.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                pass


if os.environ.get("WSGI_WARM_UP", "1") == "1":
    warm_up()
