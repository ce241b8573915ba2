"""Local development: SQLite by default, debug on, only loopback hosts."""

import os

from ..served import dev_server_url
from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "dev-only-not-secret-7a1c9e2f"
)  # never used in production
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Plain storage in development so `runserver` works without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Links to the admin (in moderation emails, printed to the console here) point at the server
# `make run` starts, on the HOST and PORT it was given.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or dev_server_url().rstrip("/")
