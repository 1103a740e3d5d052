"""Base settings: production-safe. Every value that differs between machines comes from the
environment; see .env.example for the full list."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "samhandling.core",
    "samhandling.organisations",
    "samhandling.news",
    "samhandling.committees",
    "samhandling.events",
    "samhandling.agreements",
    "samhandling.search",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samhandling.core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "samhandling.urls"
WSGI_APPLICATION = "samhandling.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samhandling.core.context_processors.community",
            ],
        },
    },
]

# --- Storage -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the development server and a task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samhandling",
            # Redis down: cache misses instead of errors, so pages are served from the database.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Languages and time --------------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "nn")
LANGUAGES = [
    ("nn", "Nynorsk"),
    ("nb", "Bokmål"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
FORMAT_MODULE_PATH = ["samhandling.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    # S3-compatible media storage (django-storages is installed only where this is used).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Samhandling"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "txt", "csv"]
# Uploads in the admin: refuses files over the size limit, of other types, or whose content does
# not match their name (samhandling/core/documents.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "samhandling.core.documents.DocumentForm"
# Largest document the admin accepts, in bytes (default 20 MB).
SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE = env_int(
    "SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Background tasks and e-mail -----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samhandling <ikkje-svar@samhandling.no>")
# Sender address per e-mail language (EMAIL_FROM_NN, EMAIL_FROM_NB, EMAIL_FROM_EN); where unset,
# the no-reply word of DEFAULT_FROM_EMAIL is put in the e-mail's language (ikkje-svar, ikke-svar).
EMAIL_FROM_BY_LANGUAGE = {
    code: value
    for code in ("nn", "nb", "en")
    if (value := env_str(f"EMAIL_FROM_{code.upper()}", ""))
}
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ------------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO; the audit log in the admin keeps them anyway.
    "loggers": {"wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")}},
}

# Search queries longer than this are shortened (and the page says so).
SEARCH_QUERY_MAX_LENGTH = 200

# Periodic jobs: `manage.py run_scheduler` (started by `make run`) runs each command on its cron
# schedule (times in TIME_ZONE); `run_scheduler --print-crontab` prints them for cron instead.
SAMHANDLING_PERIODIC_JOBS = [
    {
        "command": "events_send_outbox",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry e-mail that failed or was never sent",
    },
    {
        "command": "committees_send_notices",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry notices of published minutes that failed or were never sent",
    },
    {
        "command": "events_send_reminders",
        "cron": env_str("SCHEDULE_REMINDERS", "0 7 * * *"),
        "description": "Remind participants of events in EVENTS_REMINDER_DAYS days",
    },
    {
        "command": "events_purge_registrations",
        "cron": env_str("SCHEDULE_PURGE", "30 3 * * *"),
        "description": "Delete participants' personal data after the retention period",
    },
]

# Events: how many times the outbox tries to send one e-mail about a registration before giving
# up (`manage.py events_send_outbox` retries failed messages).
EVENTS_OUTBOX_MAX_ATTEMPTS = env_int("EVENTS_OUTBOX_MAX_ATTEMPTS", 10)
# Registrations of events that ended more than this many days ago are deleted by
# `manage.py events_purge_registrations` (the sign-up form promises deletion afterwards).
EVENTS_REGISTRATION_RETENTION_DAYS = env_int("EVENTS_REGISTRATION_RETENTION_DAYS", 90)
# Days before an event that `manage.py events_send_reminders` reminds confirmed participants.
EVENTS_REMINDER_DAYS = env_int("EVENTS_REMINDER_DAYS", 3)
