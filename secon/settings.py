"""Settings for the SECON platform, read from environment variables with safe zero-config defaults.

Nothing is required for local use (`make run`): SQLite in var/, files in var/media, DEBUG off.
Production is selected with SECON_ENV=production and then refuses to start without a real secret key
or with DEBUG on. docs/operations.md lists every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def envbool(name: str, default: bool = False) -> bool:
    # A typo (DEBUG=ture, SECURE_HSTS=of) stops the start-up instead of quietly meaning False.
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: use one of 1/0, true/false, yes/no, on/off."
    )


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number.") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECON_ENV = env("SECON_ENV", "local")  # "local" or "production"
PRODUCTION = SECON_ENV == "production"
DEV_SECRET_KEY = "insecure-local-only-key-do-not-use-in-production"  # noqa: S105


def local_secret_key(var_dir: Path) -> str:
    """A random key made once for this local installation (var/secret_key, readable by its owner only).

    The development key is in the repository, so anyone could sign sessions and personal links for a
    local site that uses it; a key of its own costs nothing. Falls back to it only where var/ is read-only.
    """
    path = var_dir / "secret_key"
    if not path.exists():
        try:
            var_dir.mkdir(parents=True, exist_ok=True)
            draft = var_dir / f".secret_key.{os.getpid()}"
            draft.write_text(secrets.token_urlsafe(48))
            draft.chmod(0o600)
            try:
                os.link(draft, path)  # atomic: of processes starting together, the first one's key wins
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        except OSError:
            return DEV_SECRET_KEY
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
VAR_DIR = Path(env("SECON_VAR_DIR", str(BASE_DIR / "var")))
SECRET_KEY = env("SECRET_KEY") or ("" if PRODUCTION else local_secret_key(VAR_DIR))
if PRODUCTION:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of 32+ characters in production."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")

# No "testserver" here: the test runner adds it for tests, and a site must not answer to it.
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
# The public address, for links in e-mails and feeds; unless set, the address the server listens on (BIND,
# as gunicorn.conf.py and `make run` read it). It also says whether the site is served over HTTPS, which
# switches on the HTTPS-only settings below.
SITE_URL = env("SITE_URL", "" if PRODUCTION else f"http://{env('BIND', '127.0.0.1:8000')}").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname:
    raise ImproperlyConfigured(
        "SITE_URL must be set to the site's public address, e.g. https://secon.example.org"
        + (" (required in production)." if PRODUCTION else ".")
    )
HTTPS = _site.scheme == "https"
LOOPBACK_ONLY = _site.hostname in {"127.0.0.1", "localhost", "::1"}

INSTALLED_APPS = [
    "secon.accounts.apps.AdminConfig",  # django.contrib.admin without its own login form
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "secon.core",
    "secon.accounts",
    "secon.projects",
    "secon.countries",
    "secon.territory",
    "secon.registry",
    "secon.news",
    "secon.events",
    "secon.practices",
    "secon.public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "secon.core.headers.SecurityHeadersMiddleware",  # CSP, Permissions-Policy, no-store on the back office
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous hits on cached public pages end here, before sessions, auth, CSRF and messages.
    "secon.core.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "secon.urls"
WSGI_APPLICATION = "secon.wsgi.application"

# Django's renderer with <select> drawn in Python (secon/core/form_renderer.py says why).
FORM_RENDERER = "secon.core.form_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "secon" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "secon.core.context_processors.site",
                "secon.projects.context_processors.project",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'secon.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades that deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Cache: the database, so any number of web processes share it. Public pages have a cache of their own:
# visitors choose which pages get cached, and filling that cache must never evict anything else.
CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env("CACHE_LOCATION", "secon_cache"),
        "TIMEOUT": 300,
        # allauth counts wrong second-factor codes here. A database cache past MAX_ENTRIES drops a third
        # of its keys, and anyone can add keys (a password reset per made-up address), so the ceiling is
        # far above what live counters could reach: nothing culls a counter before it expires.
        "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 1_000_000)},
    },
    "pages": {
        "BACKEND": env("PAGE_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env("PAGE_CACHE_LOCATION", "secon_page_cache"),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", 2000)},
    },
}
PUBLIC_PAGE_CACHE_SECONDS = envint("PUBLIC_PAGE_CACHE_SECONDS", 60)
# How long a web process trusts its own copy of the public pages' version: a publish shows at once in the
# process that made it, within this many seconds in the others; 0 asks the cache on every hit.
PUBLIC_PAGE_VERSION_SECONDS = envint("PUBLIC_PAGE_VERSION_SECONDS", 1)
# Seconds one request may keep a web worker busy before the worker is ended and replaced
# (secon/core/watchdog.py; gunicorn.conf.py reads the same variable for gunicorn's own timeout).
WEB_TIMEOUT = envint("WEB_TIMEOUT", 60)
BENCH_ENDPOINTS = envbool("BENCH_ENDPOINTS", False)  # /bench/bare for `make bench`; off everywhere else

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]

# django-allauth: e-mail login, no usernames, no open sign-up (staff accounts are created by admins).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "secon.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
# Rate limits (secon/core/ratelimit.py): "<count>/<n><s|m|h|d>[/ip|/key]", comma-separated; counted in
# the database, parsed at start-up. Client addresses are read through TRUSTED_PROXIES (X-Forwarded-For).
RATE_LIMITS = {
    "login_failed": env("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),  # per IP and per account, on failures
    "join": env("JOIN_RATE_LIMIT", "5/h"),  # "join us" submissions per IP
    "news_preview": env("NEWS_PREVIEW_RATE", "60/m/key"),  # live Markdown previews per signed-in user
    "rsvp": env("RSVP_RATE_LIMIT", "60/h"),  # answers and own-page changes through personal links, per IP
}
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")
ACCOUNT_RATE_LIMITS = {
    # Password failures are counted by secon.core.ratelimit (accounts/adapter.py); allauth still counts
    # wrong second-factor codes with the same rates.
    "login_failed": RATE_LIMITS["login_failed"],
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SECON"
# allauth refuses a second factor while an address is unverified, so that someone who signs up with another
# person's address cannot lock its owner out. Sign-up is closed here: every account is created by an
# administrator, who vouches for the address, and new staff must enrol TOTP on their first sign-in.
MFA_ALLOW_UNVERIFIED_EMAIL = True
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "manage:dashboard"
# Staff must enrol TOTP before using the back office; off by default locally so the demo is clickable.
STAFF_REQUIRE_2FA = envbool("STAFF_REQUIRE_2FA", PRODUCTION)

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "secon" / "locale"]
# One way of writing dates per language, everywhere (secon/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["secon.formats"]
TIME_ZONE = env("TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "secon" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files of records not public yet (drafts): outside MEDIA_ROOT, served only by views that check access.
    "private": {"BACKEND": "secon.core.uploads.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION or envbool("SECON_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Serve uploaded media from Django when no front proxy or object storage does (local, small installs).
SERVE_MEDIA = envbool("SERVE_MEDIA", not PRODUCTION)
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
MAX_IMAGE_UPLOAD_BYTES = envint("MAX_IMAGE_UPLOAD_BYTES", 5 * 1024 * 1024)
# Logos are shown on every public page and in e-mails: a small PNG or JPEG is plenty.
MAX_LOGO_UPLOAD_BYTES = envint("MAX_LOGO_UPLOAD_BYTES", 1024 * 1024)
# Registry imports: the largest file accepted, and where uploaded files (personal data) are kept, away
# from the publicly served media folder.
REGISTRY_IMPORT_MAX_BYTES = envint("REGISTRY_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
REGISTRY_IMPORT_DIR = Path(env("REGISTRY_IMPORT_DIR", str(VAR_DIR / "private")))
# Checked while the task worker reads a file (docs/operations.md): a file past one is refused with the reason.
REGISTRY_IMPORT_MAX_ROWS = envint("REGISTRY_IMPORT_MAX_ROWS", 200_000)
REGISTRY_IMPORT_MAX_COLUMNS = envint("REGISTRY_IMPORT_MAX_COLUMNS", 200)
REGISTRY_IMPORT_MAX_CELL_CHARS = envint("REGISTRY_IMPORT_MAX_CELL_CHARS", 32_767)
REGISTRY_IMPORT_MAX_UNPACKED_BYTES = envint("REGISTRY_IMPORT_MAX_UNPACKED_BYTES", 256 * 1024 * 1024)
# A reading, check or write whose task gave no sign of life for this long is "stuck" (re-queue or cancel).
REGISTRY_IMPORT_STALE_SECONDS = envint("REGISTRY_IMPORT_STALE_SECONDS", 900)
# Uploaded import files are deleted this many days after their batch finished (purge_personal_data).
REGISTRY_IMPORT_FILE_RETENTION_DAYS = envint("REGISTRY_IMPORT_FILE_RETENTION_DAYS", 30)
MAX_ATTACHMENT_UPLOAD_BYTES = envint("MAX_ATTACHMENT_UPLOAD_BYTES", 20 * 1024 * 1024)

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SECON <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers (and secon/core/headers.py: CSP, Permissions-Policy, no-store on the back office).
# HTTPS-only settings follow SITE_URL: on for an https address (a TLS proxy in front), off for plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "secon.core.views.csrf_failure"
SILENCED_SYSTEM_CHECKS = envlist("SILENCED_SYSTEM_CHECKS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload directive only matters once the domain is submitted to the browsers' list; on by default
    # so `check --deploy` is clean. Set SECURE_HSTS_PRELOAD=0 (and silence security.W021) to opt out.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
elif LOOPBACK_ONLY:
    # Plain HTTP on this machine only (`make run`): HSTS, the HTTPS redirect and secure-only cookies cannot
    # work there, so `check --deploy` is told not to ask for them. On any other address it still does.
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]

# The public news archive: items published before this many days ago move to the archive section.
NEWS_ARCHIVE_AFTER_DAYS = envint("NEWS_ARCHIVE_AFTER_DAYS", 730)
NEWS_PAGE_SIZE = envint("NEWS_PAGE_SIZE", 10)

# "Join us" (its rate limit is RATE_LIMITS["join"]): days a confirmation link works, the version of
# the information clause shown (stored with every request), and days an opt-out link in an e-mail works.
JOIN_CONFIRM_DAYS = envint("JOIN_CONFIRM_DAYS", 7)
JOIN_CLAUSE_VERSION = env("JOIN_CLAUSE_VERSION", "join-2026-11")
OPTOUT_LINK_DAYS = envint("OPTOUT_LINK_DAYS", 365)

# The controller named in the privacy notice (RODO information clause).
PRIVACY_CONTROLLER = env(
    "PRIVACY_CONTROLLER",
    "Województwo Mazowieckie – Urząd Marszałkowski Województwa Mazowieckiego w Warszawie, "
    "ul. Jagiellońska 26, 03-719 Warszawa",
)
PRIVACY_DPO_EMAIL = env("PRIVACY_DPO_EMAIL", "iod@mazovia.pl")
ACCESSIBILITY_BODY = env("ACCESSIBILITY_BODY", "Urząd Marszałkowski Województwa Mazowieckiego w Warszawie")
ACCESSIBILITY_CONTACT_NAME = env("ACCESSIBILITY_CONTACT_NAME", "Koordynator ds. dostępności")
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", "dostepnosc@mazovia.pl")
ACCESSIBILITY_CONTACT_PHONE = env("ACCESSIBILITY_CONTACT_PHONE", "+48 22 59 79 100")
ACCESSIBILITY_PUBLISHED_ON = env("ACCESSIBILITY_PUBLISHED_ON", "2026-11-26")
ACCESSIBILITY_UPDATED_ON = env("ACCESSIBILITY_UPDATED_ON", "2026-11-26")

# Retention of personal data (`manage.py purge_personal_data`; see docs/decisions/0005-personal-data.md):
# unconfirmed and declined "join us" requests are deleted, and people whose every legal basis was
# withdrawn this long ago and who hold no active RSG membership are anonymised.
JOIN_UNCONFIRMED_RETENTION_DAYS = envint("JOIN_UNCONFIRMED_RETENTION_DAYS", 30)
JOIN_DECLINED_RETENTION_DAYS = envint("JOIN_DECLINED_RETENTION_DAYS", 180)
PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL = envint("PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL", 365)

# Structured logs: one JSON object a line on stderr, for any log collector.
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "secon.core.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
        # WeasyPrint reports every font and stylesheet it loads at INFO; only problems matter here.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
