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


PROJECT_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(envstr("OPENADMIT_VAR_DIR", str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = os.environ.get("SECRET_KEY")
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
    # Before allauth, so that its templates override allauth's.
    "openadmit.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "openadmit.core",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "openadmit.core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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


DATABASE_URL = _test_database_url() or envstr(
    "DATABASE_URL", f"sqlite:///{VAR_DIR / 'openadmit.sqlite3'}"
)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web workers read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if os.environ.get("OPENADMIT_TEST_DATABASE") == "sqlite":
    # A file, as in production: SQLite's in-memory test database locks whole tables
    # between connections, so concurrency tests would test something else.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-database.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run by the database-backed worker (`openadmit worker`), or at once when asked.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

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
AXES_IPWARE_PROXY_COUNT = envint("AXES_PROXY_COUNT", 0) or None
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
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": envstr("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    # S3-compatible object storage (pip install 'openadmit[s3]'): private objects only.
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": envstr("S3_BUCKET", "openadmit"),
        "endpoint_url": envstr("S3_ENDPOINT_URL", "") or None,
        "access_key": envstr("S3_ACCESS_KEY_ID", ""),
        "secret_key": envstr("S3_SECRET_ACCESS_KEY", ""),
        "region_name": envstr("S3_REGION", "") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
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
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
