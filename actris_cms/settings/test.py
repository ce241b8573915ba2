"""Tests: fast hashing, local-memory cache, media in a throw-away folder.

The database is SQLite unless DATABASE_URL points elsewhere (the CI runs the suite twice,
the second time against PostgreSQL).
"""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="actris-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_actris")}  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="actris-test-static-")
WHITENOISE_USE_FINDERS = True

# Making renditions at import and publish is tested where it matters (tests/test_performance.py);
# elsewhere the suite skips the image work to stay fast.
WARM_RENDITIONS = False

# SQLite: the live test server's request threads share one connection; answer them one at a
# time (tests/serial_requests.py says why).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    MIDDLEWARE = ["tests.serial_requests.SerialRequests", *MIDDLEWARE]  # noqa: F405
