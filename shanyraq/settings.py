"""One settings module, driven by environment variables.

Development defaults work out of the box (SQLite under var/). Production sets
SHANYRAQ_DEBUG=0, SITE_URL, DATABASE_URL and the e-mail settings (SECRET_KEY too when several
machines serve the site; one machine generates its own into var/secret_key);
`manage.py check --deploy` is clean with them (tested in core/tests/test_deploy_check.py).
`make run` adds SHANYRAQ_LOCAL_HTTP=1: the production stack on plain HTTP at 127.0.0.1
(no HTTPS redirect, no secure-only cookies), which `check --deploy` rightly warns about.
See docs/deploy.md.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SHANYRAQ_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_file(path: Path) -> str:
    """Read the key generated on this machine, or generate it once (atomically: the web, worker
    and scheduler processes may start at the same moment)."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(secrets.token_urlsafe(50))
    temporary.chmod(0o600)
    try:
        os.link(temporary, path)  # fails if another process won the race; its key is the key
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_text().strip()


DEBUG = env_bool("SHANYRAQ_DEBUG", True)
# Plain HTTP on this machine (`make run`): production settings otherwise, without HTTPS-only bits.
LOCAL_HTTP = env_bool("SHANYRAQ_LOCAL_HTTP", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-change-me"
    if DEBUG
    else secret_key_from_file(Path(os.environ.get("SECRET_KEY_FILE", VAR_DIR / "secret_key")))
)
# Every absolute link (e-mails, QR labels, MARC 856, Dublin Core, ICS, permalinks) starts here;
# unless set, it follows the port the server runs on.
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ",".join(
        dict.fromkeys(
            [urlsplit(SITE_URL).hostname or "127.0.0.1", "127.0.0.1", "localhost"]
            + (["testserver"] if DEBUG else [])
        )
    ),
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Our apps come before django.contrib so our catalogs win for shared msgids ("Page not found").
INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "shanyraq.core",
    "shanyraq.search",
    "shanyraq.people",
    "shanyraq.authorities",
    "shanyraq.mail",
    "shanyraq.accounts",
    "shanyraq.spaces",
    "shanyraq.collection",
    "shanyraq.library",
    "shanyraq.programs",
    "shanyraq.newsletter",
    "shanyraq.exchange",
    "shanyraq.site",
    "shanyraq.api",
    "shanyraq.backups",
    "shanyraq.ops",
    "shanyraq.core.admin_apps.BackOfficeConfig",  # django.contrib.admin, superusers only (decision 028)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",  # its sitemap.xml templates (site.views.sitemap_section)
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shanyraq.core.limits.QueryNulMiddleware",
    "shanyraq.api.middleware.ApiGuardMiddleware",  # size and CSRF first: nothing oversized is stored
    "django_otp.middleware.OTPMiddleware",
    "shanyraq.accounts.middleware.TwoFactorMiddleware",
    "shanyraq.api.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shanyraq.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the sign-in page with its message
]

ROOT_URLCONF = "shanyraq.urls"
WSGI_APPLICATION = "shanyraq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shanyraq.core.context_processors.languages",
                "shanyraq.site.sections.navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'shanyraq.sqlite3'}"),
        # Persistent connections, checked before reuse: a request does not pay for a new
        # PostgreSQL connection (and its authentication) each time. 0 closes after each request.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so a select-then-write inside
    # transaction.atomic() cannot interleave with another writer (docs/decisions/002).
    # Our subclass queues writers on a lock file instead of SQLite's busy sleeps (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "shanyraq.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation (docs/decisions/029-postgresql-no-jit.md): our queries are short index
    # lookups, but at a million search entries the planner's cost estimates pass JIT's thresholds
    # and LLVM then spends 50-200 ms compiling a query that runs in 1 ms.
    # DB_PG_OPTIONS replaces these libpq options ("" keeps the server's own settings).
    pg_options = os.environ.get("DB_PG_OPTIONS", "-c jit=off")
    if pg_options:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = pg_options
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
# Axes first: a locked-out sign-in is refused before any password is hashed. Then one backend
# that finds the login by username, e-mail or library card number (docs/decisions/017-signin.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "shanyraq.accounts.backends.SignInBackend",
]
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(2 * 60 * 60)))  # seconds
# Lockout: N failures for one login from one address lock that pair for the cool-off period.
# Attempts live in the database, so every worker process sees the same count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refusing a locked pair writes nothing
AXES_USERNAME_CALLABLE = "shanyraq.accounts.throttle.attempt_key"
# Behind a reverse proxy the client is the trusted X-Forwarded-For hop (TRUSTED_PROXIES), not the
# proxy: otherwise every visitor would share one lockout.
AXES_CLIENT_IP_CALLABLE = "shanyraq.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "shanyraq.accounts.throttle.lockout_response"
AXES_CLIENT_STR_CALLABLE = "shanyraq.accounts.throttle.client_str"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "email", "otp_token", "code", "token"]
AXES_DISABLE_ACCESS_LOG = True  # no table of every sign-in with address and browser
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # lockouts: manage.py axes_reset
# Two-factor: TOTP (django-otp). Required for directors and superusers unless turned off
# (tests turn it off globally and on where they test it).
ACCOUNTS_TWO_FACTOR_REQUIRED = env_bool("SHANYRAQ_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Shanyraq"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Languages ------------------------------------------------------------------------------
# English is the source language of UI strings; visitors' content is stored in all four.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("kk", "Қазақша"),
    ("ru", "Русский"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
# Named formats where Django disagrees with CLDR (Kazakh, English); pages use core/when.py (Babel).
FORMAT_MODULE_PATH = ["shanyraq.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The tabbed admin would load jQuery UI from a CDN; our own small tabs script replaces it.
JQUERY_UI_URL = "site/admin-tabs.js"
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
# Fallback order when a visitor's language is missing: Kazakh readers usually read Russian.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "zh-hans", "ru", "kk"),
    "kk": ("ru", "en", "zh-hans"),
    "ru": ("en", "kk", "zh-hans"),
    "zh-hans": ("en", "ru", "kk"),
}
CONTENT_FALLBACKS = MODELTRANSLATION_FALLBACK_LANGUAGES

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files: Django serves them in development and on `make run`'s single machine; behind a
# reverse proxy in production the proxy serves MEDIA_ROOT at MEDIA_URL (docs/deploy.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG or LOCAL_HTTP)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Backups (manage.py backup / restore; docs/backups.md): keep them off the media disk if you can.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    # The local stack of `make run` is a demo: its e-mails stay on the machine (the demo mailbox).
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or LOCAL_HTTP
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Shanyraq <noreply@shanyraq.localhost>")
# Demo mail: e-mails stay here and staff read them at /staff/mail/viewer/. Unset: on with the
# console or locmem backend (shanyraq/mail/conf.py, docs/decisions/010-mail-outbox.md).
SHANYRAQ_DEMO_MAIL = env_bool("SHANYRAQ_DEMO_MAIL", None)  # type: ignore[arg-type]

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Cache (rate limits, shared by every worker and machine) --------------------------------
# The database cache by default (`manage.py createcachetable`, run by `make migrate`); Redis
# through django-redis when REDIS_URL is set. Never a per-process cache: a rate limit kept in
# each worker's memory lets N workers take N times the limit (docs/decisions/016).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "shanyraq",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": os.environ.get("CACHE_TABLE", "shanyraq_cache"),
        }
    }

# Reverse proxies whose X-Forwarded-For is believed (CIDRs, comma-separated), e.g.
# TRUSTED_PROXIES=127.0.0.1/32,10.0.0.0/8. Empty: the header is ignored (core/clientip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Bytes a public form or API request may send (core/limits.py); staff uploads are not affected.
PUBLIC_MAX_BODY_BYTES = int(os.environ.get("PUBLIC_MAX_BODY_BYTES", str(64 * 1024)))

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not LOCAL_HTTP:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The proxy's and the monitor's health probe may come over plain HTTP on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: no personal data (see core/logging.py) ---------------------------------------
# LOG_FORMAT=json writes one JSON object per line (for a log collector); the same redaction applies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "shanyraq.core.logging.RedactPersonalData"}},
    "formatters": {
        "json": {"()": "shanyraq.ops.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact"],
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Shanyraq ------------------------------------------------------------------------------
SHANYRAQ = {
    # Translated through the core catalog (the same msgid is marked in core/context_processors.py).
    "CENTER_NAME": gettext_lazy("Cultural Center of Kazakhstan in Beijing"),
    "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND", ""),  # "" = follow the database engine
    # Shown on booking pages and tickets: the street address, and a link to a map of it.
    "CENTER_ADDRESS": os.environ.get("CENTER_ADDRESS", ""),
    "CENTER_MAP_URL": os.environ.get("CENTER_MAP_URL", ""),
}
