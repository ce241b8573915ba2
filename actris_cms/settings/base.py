"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "actris_cms",
    "axes",
    "home",
    "newsroom",
    "content",
    "siteconfig",
    "search",
    "sharing",
    "accounts",
    "blocks",
    "importers",
    "exporters",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "django_tasks_db",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersConfig",  # Wagtail's Users area, work addresses only (accounts/)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_email",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "actris_cms.workflow_messages.WorkflowConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "actris_cms.security.SiteCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "actris_cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "actris_cms.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "actris_cms.wsgi.application"

# SQLite file by default; PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full text search (postgres.E005 without it).
    INSTALLED_APPS.append("django.contrib.postgres")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (save, autosave, preview, the scheduler).
    # SQLite's defaults answer the second writer with "database is locked" at once: a deferred
    # transaction that reads first cannot wait for the lock it needs to write. Immediate
    # transactions take the write lock at BEGIN and wait up to `timeout` seconds for it; the
    # write-ahead log lets readers go on while someone writes (tests/browser/test_sqlite_admin.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

# Failed sign-ins are throttled per account and per address (django-axes): after
# AXES_FAILURE_LIMIT failures either is locked for AXES_COOLOFF_TIME hours. To unlock at once:
#   python manage.py axes_reset_username USERNAME   /   python manage.py axes_reset_ip ADDRESS
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "actris_cms.security.client_ip"
AXES_LOCKOUT_CALLABLE = "actris_cms.security.lockout"
# Addresses of the reverse proxies whose X-Real-IP header names the visitor.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1/32,::1/128")

# Content-Security-Policy (Django's own): the public site loads nothing but its own files and
# the allowed embeds (video and map players, Google documents, FormSG forms); no inline script
# or style. The admin is report-only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.google.com",
        "https://docs.google.com",
        "https://www.facebook.com",
        "https://form.gov.sg",  # FormSG forms (blocks/embeds.py)
    ],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
CSP_REPORT_ONLY_PREFIXES = ("/admin/",)
ADMIN_CSP_REPORT_ONLY = {**SECURE_CSP, "script-src": [CSP.SELF], "style-src": [CSP.SELF]}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-step sign-in (accounts/, django-otp): who is asked for a code after the password
# ("everyone", "publishers" or "optional"; production refuses "optional"), and the work domains
# editors' addresses, where codes are sent, must use (empty: any).
TWO_STEP_REQUIRED = os.environ.get("TWO_STEP_REQUIRED", "optional")
EDITOR_EMAIL_DOMAINS = env_list("EDITOR_EMAIL_DOMAINS", "")
OTP_EMAIL_SUBJECT = "Your sign-in code for the ACTRIS admin"
OTP_EMAIL_BODY_TEMPLATE_PATH = "accounts/email_code.txt"
OTP_EMAIL_TOKEN_VALIDITY = 600  # seconds
OTP_EMAIL_COOLDOWN_DURATION = 30  # between two codes sent to the same person
OTP_EMAIL_THROTTLE_FACTOR = 1  # wrong codes make the next try wait 1, 2, 4, 8 ... seconds
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_TOTP_ISSUER = "ACTRIS"
# The address codes go to is the second factor: only site administrators change it (Users).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Outside production, mail (sign-in codes, moderation notices) is printed to the console.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ACTRIS CMS <no-reply@localhost>")

# Avatars: Wagtail's default asks gravatar.com for every editor's picture (an e-mail hash sent
# to an outside service, and broken offline). Editors upload one in their account, or see the
# initials placeholder.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The dashboard's "new Wagtail release" check calls releases.wagtail.org from each editor's
# browser; upgrades come through requirements.lock, not from editors.
WAGTAIL_ENABLE_UPDATE_CHECK = False

LANGUAGE_CODE = "en-sg"
TIME_ZONE = "Asia/Singapore"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "ACTRIS"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Renditions are served in modern formats; AVIF and WebP are produced by Pillow.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # Isomer's 5 MB cap was a common complaint.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64 * 1000 * 1000  # 8000 x 8000; the importer keeps to it too
# Office formats old and new, and pictures offered as downloads (served as attachments).
WAGTAILDOCS_EXTENSIONS = [
    "csv", "doc", "docx", "ico", "key", "odp", "ods", "odt", "pdf", "ppt", "pptx", "rtf", "svg",
    "txt", "xls", "xlsx", "zip",
]  # fmt: skip

# Rich text stored from imports may only use these features (see importers.sanitise).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}

# Per process unless production points them at Redis; Wagtail keeps rendition look-ups in
# "renditions" so a page's pictures cost no query once seen.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"},
}

# How long the proxy (or a CDN) may keep an anonymous page, and browsers; publishing purges.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))
STALE_SECONDS = int(os.environ.get("STALE_SECONDS", "60"))
# Rendered fragments (menu, footer, page bodies) kept under the current content version.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))
# Publishing and importing make the renditions pages show, as django.tasks tasks on the
# "renditions" backend: inline by default (make run), queued in the database for the worker
# (`scripts/entrypoint.sh worker`, django-tasks-db) with RENDITIONS_QUEUE=database, as in
# production, so an import or a publish does not wait for pictures.
WARM_RENDITIONS = os.environ.get("WARM_RENDITIONS", "true").lower() in {"1", "true", "yes"}


def tasks_setting(renditions_queue: str) -> dict:
    """TASKS for RENDITIONS_QUEUE ("inline" or "database"); everything else runs inline."""
    if renditions_queue not in ("inline", "database"):
        raise ImproperlyConfigured("RENDITIONS_QUEUE is 'inline' or 'database'.")
    immediate = "django.tasks.backends.immediate.ImmediateBackend"
    database = "django_tasks_db.DatabaseBackend"
    return {
        "default": {"BACKEND": immediate},
        "renditions": {"BACKEND": database if renditions_queue == "database" else immediate},
    }


RENDITIONS_QUEUE = os.environ.get("RENDITIONS_QUEUE", "inline")
TASKS = tasks_setting(RENDITIONS_QUEUE)
# Pictures and documents are read, hashed and checked by this many processes during an import
# (the database writes stay in the importing process, in one transaction).
IMPORT_WORKERS = int(os.environ.get("IMPORT_WORKERS", "0")) or min(8, os.cpu_count() or 1)
if os.environ.get("FRONTEND_CACHE_URL"):
    # The proxy's purge address (nginx with ngx_cache_purge; see deploy/nginx.conf.template).
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "actris_cms.cache.ProxyPurgeBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
LOGGING["loggers"] = {"django.tasks": {"level": "WARNING"}}
