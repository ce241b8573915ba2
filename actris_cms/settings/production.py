"""Production: every secret and host comes from the environment (docs/deploy.md lists them).

Secure by default: HTTPS redirect, HSTS, secure cookies. The reverse proxy in front terminates
TLS and says so in ``X-Forwarded-Proto``; a stack served over plain HTTP on a private network
(``make smoke``) turns these off explicitly.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, env_bool, env_list, tasks_setting

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
# The container health check calls /healthz on the loopback address.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") + ["127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer asks over plain HTTP
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Consent to the browsers' preload list (submitting the domain is still a separate, manual step).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview shows the page in a frame of the admin (same origin): not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Two-step sign-in is required in production: for every editor by default (as on Isomer's CMS),
# or at least for everyone whose changes can go live ("publishers"). Codes go out by e-mail.
TWO_STEP_REQUIRED = os.environ.get("TWO_STEP_REQUIRED", "everyone")
if TWO_STEP_REQUIRED not in ("everyone", "publishers"):
    raise ImproperlyConfigured(
        f"TWO_STEP_REQUIRED is {TWO_STEP_REQUIRED!r}: production requires two-step sign-in for "
        "'everyone' (the default) or at least for 'publishers'."
    )
# Mail (Django's MAILERS): SMTP from the environment. Backends that deliver to nobody are refused
# here, at start (Django's deploy check also refuses the file backend).
_mail_backend = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if _mail_backend.endswith(("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")):
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND is {_mail_backend}: sign-in codes would reach nobody. Use SMTP "
        "(EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) in production."
    )
_mail_options = {}
if _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}

# Renditions are made by the worker (`scripts/entrypoint.sh worker`), not by the import or the
# publish that needs them.
RENDITIONS_QUEUE = os.environ.get("RENDITIONS_QUEUE", "database")
TASKS = tasks_setting(RENDITIONS_QUEUE)

# Reconnect after a database restart instead of failing requests on a dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

if os.environ.get("REDIS_URL"):
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # A Redis restart must not turn into errors: while it is away every read is a miss,
        # served from the database, and logged.
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CACHES = {
        "default": {**redis, "KEY_PREFIX": "actris"},
        "renditions": {**redis, "KEY_PREFIX": "actris-renditions"},
    }
    # Sessions are written to the database and read through the cache: a Redis restart logs
    # nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Errors and warnings as one JSON object per line on the console; to Sentry when configured.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "actris_cms.logs.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
