"""Settings, read from the environment through small strict helpers.

The embedded default needs nothing: SQLite and a local folder under ``var/``. The scale
path (PostgreSQL, Redis, object storage, several workers) is the same code with other
environment variables; see the README.
"""

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _


class SettingError(ValueError):
    pass


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envsecret(name: str, default: str = "") -> str:
    """A secret from `NAME`, or read from the file that `NAME_FILE` names (Docker and systemd
    credentials, Kubernetes secrets): never from a file in the checkout."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        if os.environ.get(name):
            raise SettingError(f"set {name} or {name}_FILE, not both")
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise SettingError(f"{name}_FILE: cannot read {path}: {error.strerror}") from None
    return os.environ.get(name, default)


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise SettingError(f"{name} must be a number, not {value!r}") from None


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = envstr(name, default) or default
    if value not in choices:
        raise SettingError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


PROJECT_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(envstr("OPENADMIT_VAR_DIR", str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = envsecret("SECRET_KEY")
    if configured:
        return configured
    # A self-hosted demo should not need a step to invent a key; keep one per installation.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    # Swagger UI from the package's own static files, not a CDN the CSP would refuse.
    "ninja",
    # Before allauth, so that its templates override allauth's.
    "openadmit.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "openadmit.core",
    "openadmit.operations",
    "openadmit.audit",
    "openadmit.catalogue",
    "openadmit.consortia",
    "openadmit.verdicts",
    "openadmit.access",
    "openadmit.office",
    "openadmit.review",
    "openadmit.decisions",
    "openadmit.applications",
    "openadmit.selfcheck",
]

MIDDLEWARE = [
    # First, so that every log line of the request, and the answer, carry its id.
    "openadmit.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "openadmit.core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "openadmit.operations.middleware.ReadOnlyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so that it turns a lockout noticed anywhere in the request into its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "openadmit.urls"
WSGI_APPLICATION = "openadmit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "openadmit.operations.context_processors.site_mode_context",
            ],
        },
    },
]


def _test_database_url() -> str | None:
    """The database the test suite runs on: SQLite, or PostgreSQL for the second pass.

    Each checkout gets its own PostgreSQL database name, so that two suites on one server
    never drop each other's test database.
    """
    kind = os.environ.get("OPENADMIT_TEST_DATABASE")
    if kind is None:
        return None
    if kind == "sqlite":
        return f"sqlite:///{VAR_DIR / 'test.sqlite3'}"
    if kind == "postgres":
        checkout = hashlib.sha256(str(PROJECT_DIR).encode()).hexdigest()[:8]
        base = os.environ.get("DATABASE_URL", "")
        if not base.startswith("postgres"):
            base = "postgres://postgres@127.0.0.1:5432/postgres"
        return base.rsplit("/", 1)[0] + f"/openadmit_{checkout}"
    raise SettingError(f"OPENADMIT_TEST_DATABASE must be sqlite or postgres, not {kind!r}")


DATABASE_URL = _test_database_url() or envsecret(
    "DATABASE_URL", f"sqlite:///{VAR_DIR / 'openadmit.sqlite3'}"
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        # A kept connection is checked before each request reuses it, so that a restart,
        # failover or pooler that dropped it costs a reconnect, not a server error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web workers read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # An unreachable server answers "try again" at once instead of holding the worker;
    # libpq waits at least 2 seconds whatever smaller value it is given.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DB_CONNECT_TIMEOUT", 2
    )
if os.environ.get("OPENADMIT_TEST_DATABASE") == "sqlite":
    # A file, as in production: SQLite's in-memory test database locks whole tables
    # between connections, so concurrency tests would test something else.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-database.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Deployment: Redis, the task queue, proxies, HTTPS, static files, logs -----------------
# The embedded default needs none of it; README "Running in production" lists each variable.

# Redis: the cache every process shares (rate limits, page cache), the session cache and
# the task queue's broker. An outage reads as a cache miss (sessions fall back to the
# database) and queued mail waits in the outbox; nothing answers an error for it.
REDIS_URL = envsecret("REDIS_URL")
REDIS_TIMEOUT = envfloat("REDIS_TIMEOUT", 0.5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "openadmit.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks (mail, retention, letters, exports) run by `openadmit worker`: on RQ with Redis as
# the broker when REDIS_URL is set, else queued in the database; `immediate` runs each
# where it is queued.
TASK_BACKEND = envchoice(
    "TASK_BACKEND", "rq" if REDIS_URL else "database", ("rq", "database", "immediate")
)
TASKS = {
    "default": {
        "BACKEND": {
            "rq": "django_tasks_rq.RQBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_BACKEND],
    }
}
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 300,
        "CONNECTION_KWARGS": {
            "socket_connect_timeout": REDIS_TIMEOUT,
            "socket_timeout": max(REDIS_TIMEOUT, 5),
        },
    }
}
# Mail is written to the outbox in the transaction of the change it reports, and delivered
# by the task worker through OUTBOX_EMAIL_BACKEND; the relay re-queues what a broker outage
# or a killed worker left behind, after OUTBOX_RETRY_SECONDS.
OUTBOX_RETRY_SECONDS = envint("OUTBOX_RETRY_SECONDS", 60)
# How long a worker has a message to itself while it sends it (longer than any SMTP wait).
OUTBOX_CLAIM_SECONDS = envint("OUTBOX_CLAIM_SECONDS", 120)
OUTBOX_RELAY_SECONDS = envfloat("OUTBOX_RELAY_SECONDS", 5)

# Reverse proxies in front of OpenAdmit (nginx of `openadmit serve --production` is one):
# the client's address is then read from X-Forwarded-For, for rate limits and lockouts.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# HTTPS=true: redirect plain HTTP, send HSTS, mark cookies secure. Behind a proxy that ends
# TLS, SECURE_PROXY_SSL_HEADER names the header it sets (X-Forwarded-Proto).
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
_proxy_ssl_header = envstr("SECURE_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.upper().replace("-", "_"),
        "https",
    )
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$", r"^healthz$"]

# A strict Content-Security-Policy: scripts, styles and images from this site only, no
# inline script or style anywhere. The one exception is a hash, not a door: allauth's
# e-mail change page hides its pending-address form with `style="display: none"`.
DISPLAY_NONE_SHA256 = "'sha256-ZdHxw9eWtnxUb3mk6tBS+gIiVUPE3pGM470keHPDFlE='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-hashes'", DISPLAY_NONE_SHA256],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Each applicant's uploads, across all their applications: a number of files and a total.
UPLOAD_QUOTA_FILES = envint("UPLOAD_QUOTA_FILES", 50)
UPLOAD_QUOTA_MB = envint("UPLOAD_QUOTA_MB", 300)

# STATIC_MANIFEST=true (set by `openadmit serve --production`, after collectstatic): file
# names carry their content's hash, served compressed and cached for a year.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", False)

# Passwords stored with older hashers still sign in, and are re-hashed with the first.
PASSWORD_HASHERS = [
    "openadmit.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Applicant accounts (django-allauth): the e-mail address is the login, and it must be
# verified before the account can sign in. django-axes sits first so that a locked-out
# address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[OpenAdmit] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = envstr("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
ACCOUNT_ADAPTER = "openadmit.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "openadmit.accounts.adapter.display_name"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed sign-ins are counted by django-axes alone; allauth's own per-IP limits on sign-up,
# sign-in and reset mails stay on, except where a load test on loopback turns them off.
_rate_limits_on = envbool("ACCOUNT_RATE_LIMITS", True)
ACCOUNT_RATE_LIMITS = {"login_failed": False} if _rate_limits_on else False

# Staff sign in with a second factor: a TOTP code (authenticator app) or a recovery code.
# A code of the previous or next 30 seconds is accepted too, for clocks that drift.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OpenAdmit"
MFA_TOTP_TOLERANCE = 1

AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
# The address and the client together: a stranger cannot lock an applicant out from afar.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "openadmit.accounts.lockout.login_of"
AXES_LOCKOUT_CALLABLE = "openadmit.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Successful sign-ins are not logged: only the failures that the lockout needs are kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_IPWARE_PROXY_COUNT = envint("AXES_PROXY_COUNT", TRUSTED_PROXY_COUNT) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("de", _("German")), ("et", _("Estonian"))]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_I18N = True
# Stored moments are UTC; every deadline carries its university's own time zone.
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serving straight from the apps' static folders spares the demo a collectstatic step.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": envstr("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}



def s3_storage_options() -> dict:
    """django-storages' options for S3-compatible object storage: private objects only,
    read through the application (pip install 'openadmit[s3]')."""
    return {
        "bucket_name": envstr("S3_BUCKET", "openadmit"),
        "endpoint_url": envstr("S3_ENDPOINT_URL", "") or None,
        "access_key": envsecret("S3_ACCESS_KEY_ID"),
        "secret_key": envsecret("S3_SECRET_ACCESS_KEY"),
        "region_name": envstr("S3_REGION", "") or None,
        # "path" for most S3-compatible servers (MinIO, Ceph), "virtual" for AWS.
        "addressing_style": envchoice("S3_ADDRESSING_STYLE", "path", ("path", "virtual", "auto")),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }


if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    STORAGES["default"]["OPTIONS"] = s3_storage_options()

# Every message goes through the outbox; EMAIL_BACKEND names how the worker delivers it.
EMAIL_BACKEND = "openadmit.core.outbox.OutboxEmailBackend"
OUTBOX_EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server counts as failed (the message is tried again later).
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "admissions@openadmit.localhost")

# Review: reviewers "disagree strongly" on a file when their highest and lowest weighted
# scores are at least this share of the rubric's maximum points apart (20: 20 of 100
# points). Such files are flagged in the queue and offered a third reviewer.
REVIEW_DISAGREEMENT_PERCENT = envint("REVIEW_DISAGREEMENT_PERCENT", 20)
if not 1 <= REVIEW_DISAGREEMENT_PERCENT <= 100:
    raise SettingError(
        f"REVIEW_DISAGREEMENT_PERCENT must be from 1 to 100, not {REVIEW_DISAGREEMENT_PERCENT}"
    )

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# One JSON object a line (LOG_FORMAT=json, the default), each with the request's id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "openadmit.core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "openadmit.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": envchoice("LOG_FORMAT", "json", ("json", "text")),
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request, from RequestIdMiddleware.
        "openadmit.requests": {"level": envstr("REQUEST_LOG_LEVEL", "INFO")},
    },
}
