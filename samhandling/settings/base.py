"""Base settings: production-safe. Every value that differs between machines comes from the
environment; see .env.example for the full list."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# `manage.py load_demo` (made-up content, a superuser with a published password) runs only where
# this is on: the dev, demo and test settings. Elsewhere it needs --i-know-this-is-production.
SAMHANDLING_DEMO_ALLOWED = env_bool("SAMHANDLING_DEMO_ALLOWED", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "samhandling.core",
    "samhandling.organisations",
    "samhandling.news",
    "samhandling.committees",
    "samhandling.events",
    "samhandling.agreements",
    "samhandling.hearings",
    "samhandling.inputs",
    "samhandling.newsletters",
    "samhandling.search",
    "samhandling.privacy",
    "samhandling.audit",
    "samhandling.proposals",
    "samhandling.contacts",
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
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samhandling.core.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samhandling.core.middleware.SiteLanguageMiddleware",
    "samhandling.core.uploads.PublicUploadLimitMiddleware",
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
                "csp.context_processors.nonce",
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
# Request bodies: form fields (not files) up to this many bytes anywhere (the admin's page editor
# posts large forms); uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2621440)
# Public forms (every POST outside the paths below) take no files and at most this many bytes;
# more is refused before it is read (samhandling/core/uploads.py).
PUBLIC_FORM_MAX_BODY_SIZE = env_int("PUBLIC_FORM_MAX_BODY_SIZE", 1024 * 1024)
# Paths below which POSTs may carry files and large bodies (the admin's document and image
# uploads). A later public form that takes files adds its path here (a prefix, or a regular
# expression starting with "^" for one form's exact address).
SAMHANDLING_UPLOAD_PATHS = [
    "/admin/",
    # Hearing responses take attachments: the form, and the form to change a response.
    r"^/hoyring/[0-9]+/svar/$",
    r"^/hoyring/svar/[A-Za-z0-9_-]+/endre/$",
]
# Hearing responses: attachments (PDF, DOCX, ODT) up to this size each and all together, and the
# hours a confirmation link works.
HEARINGS_ATTACHMENT_MAX_SIZE = env_int("HEARINGS_ATTACHMENT_MAX_SIZE", 10 * 1024 * 1024)
HEARINGS_ATTACHMENTS_MAX_TOTAL = env_int("HEARINGS_ATTACHMENTS_MAX_TOTAL", 30 * 1024 * 1024)
HEARINGS_CONFIRM_LINK_HOURS = env_int("HEARINGS_CONFIRM_LINK_HOURS", 72)
# A public form that takes files (not the admin) refuses a body larger than this before reading it:
# the attachments together and room for the text.
PUBLIC_UPLOAD_MAX_BODY_SIZE = env_int(
    "PUBLIC_UPLOAD_MAX_BODY_SIZE", HEARINGS_ATTACHMENTS_MAX_TOTAL + 4 * 1024 * 1024
)
# Where `manage.py backup` (make backup) writes its folders and `restore` looks for the newest.
SAMHANDLING_BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Samhandling"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents always go through Wagtail's serve view, which runs the before_serve_document hooks
# (committees: papers of unpublished meetings answer 404) and privacy rules. Wagtail's default for
# a storage without local paths (S3) is "redirect" to the storage's own URL, which then works for
# anyone who has it. The web server must not serve MEDIA_ROOT/documents itself (README).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "txt", "csv"]
# Uploads in the admin: refuses files over the size limit, of other types, or whose content does
# not match their name (samhandling/core/documents.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "samhandling.core.documents.DocumentForm"
# Largest document the admin accepts, in bytes (default 20 MB).
SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE = env_int(
    "SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would send a hash of each editor's e-mail address to a
# third party, and the Content-Security-Policy allows images from our own origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Background tasks and e-mail -----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds each step of the SMTP dialogue may take: a server that accepts and never answers fails
# the e-mail (recorded, retried by the next outbox run) instead of stalling the worker for good.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Seconds a worker's claim on an e-mail it is sending holds (samhandling/core/outbox.py; at
# least 10 x EMAIL_TIMEOUT): after that a worker that died mid-send is taken over.
EMAIL_OUTBOX_LEASE_SECONDS = env_int("EMAIL_OUTBOX_LEASE_SECONDS", 900)
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

# Content-Security-Policy (django-csp; samhandling/core/security_headers.py) and Permissions-Policy
# (django-permissions-policy), sent by every settings layer. Public pages: no inline script or
# style, nothing from another origin; a script that must be inline carries {{ CSP_NONCE }}.
# data: images are Designsystemet's and Swagger UI's icons (SVG in their CSS). CSP_MEDIA_ORIGINS
# adds the origin of S3 media. Violations are reported to CSP_REPORT_URI (our own endpoint logs
# them; empty: no reports).
SAMHANDLING_CSP_REPORT_URI = env_str("CSP_REPORT_URI", "/csp-report/")
SAMHANDLING_CSP_REPORTS_PER_MINUTE = env_int("CSP_REPORTS_PER_MINUTE", 30)
_CSP_MEDIA = env_list("CSP_MEDIA_ORIGINS")
_CSP_REPORTING = (
    {"report-uri": [SAMHANDLING_CSP_REPORT_URI], "report-to": "csp-endpoint"}
    if SAMHANDLING_CSP_REPORT_URI
    else {}
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *_CSP_MEDIA],
        "media-src": [SELF, *_CSP_MEDIA],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **_CSP_REPORTING,
    }
}
# The Wagtail admin (under these prefixes) cannot run under the strict policy: its panels and
# date pickers start from inline <script>s (no nonce), it sets style attributes in its templates
# and the mail viewer's e-mails bring their own, and its page preview frames the admin itself.
# There this looser policy is enforced and the strict one sent as report-only (README).
SAMHANDLING_CSP_ADMIN_PREFIXES = ["/admin/"]
SAMHANDLING_CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_CSP_MEDIA],
    "frame-ancestors": [SELF],
}
# Powerful browser features no page uses: off everywhere, for us and anything we might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# --- Public forms: rate limits and bot checks (samhandling/core/ratelimits.py, form_guard.py) ----
# django-ratelimit counts POSTs in the default cache (Redis with REDIS_URL, so the counts hold
# across app processes). Rates are "count/period" (s, m, h, d), several separated by commas; each
# form's group limits per client address, per e-mail address (the form's `email` field) and per
# page (the form's own address: a private manage link). A group without an entry uses "default".
SAMHANDLING_RATE_LIMITS = {
    "default": {
        "client": env_str("RATE_LIMIT_FORM_PER_CLIENT", "10/m,60/h"),
        "email": env_str("RATE_LIMIT_FORM_PER_EMAIL", "10/h"),
    },
    "signup": {
        "client": env_str("RATE_LIMIT_SIGNUP_PER_CLIENT", "10/m,60/h"),
        "email": env_str("RATE_LIMIT_SIGNUP_PER_EMAIL", "10/h"),
    },
    "manage": {
        "client": env_str("RATE_LIMIT_MANAGE_PER_CLIENT", "30/m"),
        "page": env_str("RATE_LIMIT_MANAGE_PER_LINK", "20/m"),
    },
    "hearing": {
        "client": env_str("RATE_LIMIT_HEARING_PER_CLIENT", "10/m,60/h"),
        "email": env_str("RATE_LIMIT_HEARING_PER_EMAIL", "10/h"),
    },
    "language": {"client": env_str("RATE_LIMIT_LANGUAGE_PER_CLIENT", "30/m")},
    "comment": {
        "client": env_str("RATE_LIMIT_COMMENT_PER_CLIENT", "5/m,30/h"),
        "email": env_str("RATE_LIMIT_COMMENT_PER_EMAIL", "10/h"),
    },
}
# Input (innspel) from events: participants may send it until this many days after the event;
# the secretariat registers group input under these labels.
INPUTS_OPEN_DAYS_AFTER_EVENT = env_int("INPUTS_OPEN_DAYS_AFTER_EVENT", 14)
INPUTS_GROUPS = env_list("INPUTS_GROUPS") or [f"Gruppe {n}" for n in range(1, 6)]
RATELIMIT_ENABLE = env_bool("RATE_LIMIT_ENABLE", True)
RATELIMIT_IP_META_KEY = "samhandling.core.ratelimits.client_ip"
RATELIMIT_CACHE_PREFIX = "ratelimit:"
# Redis out of reach: let visitors through rather than refuse every form (the database's limits
# still hold).
RATELIMIT_FAIL_OPEN = env_bool("RATE_LIMIT_FAIL_OPEN", True)
# Proxies in front of the app that append the client's address to X-Forwarded-For (nginx with
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`: 1). 0 uses REMOTE_ADDR.
SAMHANDLING_TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
# Bot checks on public forms: a form sent sooner than this many seconds after it was shown, or
# with a form older than the maximum age, or with the hidden honeypot field filled, is refused.
FORM_GUARD_MIN_SECONDS = env_int("FORM_GUARD_MIN_SECONDS", 3)
FORM_GUARD_MAX_AGE = env_int("FORM_GUARD_MAX_AGE", 2 * 24 * 60 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Staff login: lockout (django-axes) and a second factor (django-otp) -------------------------
# Failed admin logins are counted in the database (every app process sees them) per username and
# client address; past the limit the login is refused for the cool-off, with a page of ours (429).
# Every admin user then needs a TOTP code or a recovery code (samhandling/accounts/, README).
INSTALLED_APPS += [
    "samhandling.accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "samhandling.accounts.middleware.StaffSecondFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STAFF_LOGIN_COOLOFF_MINUTES", 15))
# "username+ip_address" counts per account and client; add ",ip_address" to count per client too.
AXES_LOCKOUT_PARAMETERS = [
    part.split("+") if "+" in part else part
    for part in env_list("STAFF_LOGIN_LOCKOUT_PARAMETERS", "username+ip_address")
]
# Proxies in front of the app that append to X-Forwarded-For (nginx: 1); 0 counts REMOTE_ADDR.
# The client behind TRUSTED_PROXIES proxies, as the public forms' rate limits count it.
AXES_CLIENT_IP_CALLABLE = "samhandling.core.ratelimits.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner in the output of every management command
AXES_LOCKOUT_CALLABLE = "samhandling.accounts.views.locked_out"
OTP_TOTP_ISSUER = env_str("STAFF_LOGIN_TOTP_ISSUER", "Samhandling")

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
        "command": "hearings_send_mail",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry hearing e-mails that failed or were never sent",
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
    {
        "command": "privacy_send_links",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry e-mails with links to personal data that failed or were never sent",
    },
    {
        "command": "privacy_apply_retention",
        "cron": env_str("SCHEDULE_PURGE", "30 3 * * *"),
        "description": "Erase health data after events, ended members' contact details",
    },
    {
        "command": "audit_purge_entries",
        "cron": env_str("SCHEDULE_AUDIT_PURGE", "45 3 * * *"),
        "description": "Delete audit log entries older than SAMHANDLING_AUDIT_RETENTION_DAYS",
    },
    {
        "command": "hearings_purge_unconfirmed",
        "cron": env_str("SCHEDULE_PURGE", "30 3 * * *"),
        "description": "Delete hearing responses and comments never confirmed by their link",
    },
]

# The audit trail (samhandling/audit): the project's log entries (registrations, people,
# memberships, organisations) older than this many days are deleted by
# `manage.py audit_purge_entries` (daily). Wagtail's own page history is kept.
SAMHANDLING_AUDIT_RETENTION_DAYS = env_int("SAMHANDLING_AUDIT_RETENTION_DAYS", 1095)

# Events: how many times the outbox tries to send one e-mail about a registration before giving
# up (`manage.py events_send_outbox` retries failed messages).
EVENTS_OUTBOX_MAX_ATTEMPTS = env_int("EVENTS_OUTBOX_MAX_ATTEMPTS", 10)
# Registrations of events that ended more than this many days ago are deleted by
# `manage.py events_purge_registrations` (the sign-up form promises deletion afterwards).
EVENTS_REGISTRATION_RETENTION_DAYS = env_int("EVENTS_REGISTRATION_RETENTION_DAYS", 90)
# Personal data (samhandling/privacy; the privacy page is generated from these): dietary and
# accessibility needs (health data) are erased this many days after the event, and committee
# members' e-mail addresses this many days after their last membership ended
# (`manage.py privacy_apply_retention`); a private link to one's data works this many hours.
EVENTS_NEEDS_RETENTION_DAYS = env_int("EVENTS_NEEDS_RETENTION_DAYS", 1)
COMMITTEES_CONTACT_RETENTION_DAYS = env_int("COMMITTEES_CONTACT_RETENTION_DAYS", 90)
PRIVACY_LINK_HOURS = env_int("PRIVACY_LINK_HOURS", 24)
# Days before an event that `manage.py events_send_reminders` reminds confirmed participants.
EVENTS_REMINDER_DAYS = env_int("EVENTS_REMINDER_DAYS", 3)
# Seconds a notice of a participant's own changes waits, so that a burst of saves on the manage
# page gives one e-mail with the final details (0: one e-mail per save, at once).
EVENTS_CHANGE_NOTICE_DELAY_SECONDS = env_int("EVENTS_CHANGE_NOTICE_DELAY_SECONDS", 60)

# --- Newsletters ---------------------------------------------------------------------------------
# An address whose confirmation link was not followed is forgotten after this many days.
NEWSLETTER_UNCONFIRMED_DAYS = env_int("NEWSLETTER_UNCONFIRMED_DAYS", 7)

# --- Newsletters: the subscriber side ------------------------------------------------------------
# Rate limits of the subscribe form (the page's and the footer's): per client and per address.
SAMHANDLING_RATE_LIMITS["newsletter"] = {
    "client": env_str("RATE_LIMIT_NEWSLETTER_PER_CLIENT", "10/m,60/h"),
    "email": env_str("RATE_LIMIT_NEWSLETTER_PER_EMAIL", "5/h"),
}
# Tries of one confirmation e-mail before giving up (`newsletters_send_confirmations` retries).
NEWSLETTER_MAIL_MAX_ATTEMPTS = env_int("NEWSLETTER_MAIL_MAX_ATTEMPTS", 10)
SAMHANDLING_PERIODIC_JOBS += [
    {
        "command": "newsletters_send_confirmations",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry newsletter confirmation e-mails that failed or were never sent",
    },
    {
        "command": "newsletters_purge_unconfirmed",
        "cron": env_str("SCHEDULE_PURGE", "30 3 * * *"),
        "description": "Delete newsletter subscribers who did not confirm in time",
    },
]
# --- Newsletters: sending (samhandling/newsletters/sending.py) ------------------------------------
# Deliveries a worker claims at once and sends over one SMTP connection.
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
# Worker tasks enqueued per send (as many worker processes share it); each runs at most
# NEWSLETTER_TASK_SECONDS and then hands over to a fresh task.
NEWSLETTER_WORKER_TASKS = env_int("NEWSLETTER_WORKER_TASKS", 2)
NEWSLETTER_TASK_SECONDS = env_int("NEWSLETTER_TASK_SECONDS", 300)
# Sender threads per worker task (PostgreSQL), each with its own database connection, claims and
# SMTP connection; keep it below DATABASE_POOL_MAX (the task's own thread holds one connection).
NEWSLETTER_SEND_THREADS = env_int("NEWSLETTER_SEND_THREADS", 3)
# Tries per recipient; a temporary failure waits NEWSLETTER_RETRY_SECONDS, doubled per attempt,
# at most NEWSLETTER_RETRY_MAX_SECONDS.
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 8)
NEWSLETTER_RETRY_SECONDS = env_int("NEWSLETTER_RETRY_SECONDS", 60)
NEWSLETTER_RETRY_MAX_SECONDS = env_int("NEWSLETTER_RETRY_MAX_SECONDS", 6 * 60 * 60)
# Seconds a worker's claim on a batch holds before another worker may take it over (0: the
# outbox lease, EMAIL_OUTBOX_LEASE_SECONDS); renewed while a live worker is on the batch.
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 0)
# Optional DKIM signing of every e-mail (samhandling/newsletters/dkim.py; README "Sending
# newsletters"): set all of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY or _FILE (PEM).
DKIM_DOMAIN = env_str("DKIM_DOMAIN", "")
DKIM_SELECTOR = env_str("DKIM_SELECTOR", "")
DKIM_PRIVATE_KEY = env_str("DKIM_PRIVATE_KEY", "")
DKIM_PRIVATE_KEY_FILE = env_str("DKIM_PRIVATE_KEY_FILE", "")
SAMHANDLING_PERIODIC_JOBS.append(
    {
        "command": "newsletters_send",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Send newsletter deliveries that failed, or whose worker died",
    }
)
# --- Proposals of news and dates from participants (samhandling/proposals) ------------------------
# The public form's rate limits, its confirmation link's life (an unconfirmed proposal is deleted
# then), and how long the proposer's details are kept after the secretariat's decision.
SAMHANDLING_RATE_LIMITS["proposal"] = {
    "client": env_str("RATE_LIMIT_PROPOSAL_PER_CLIENT", "5/m,20/h"),
    "email": env_str("RATE_LIMIT_PROPOSAL_PER_EMAIL", "5/h"),
}
PROPOSALS_UNCONFIRMED_DAYS = env_int("PROPOSALS_UNCONFIRMED_DAYS", 7)
PROPOSALS_RETENTION_DAYS = env_int("PROPOSALS_RETENTION_DAYS", 180)
PROPOSALS_MAIL_MAX_ATTEMPTS = env_int("PROPOSALS_MAIL_MAX_ATTEMPTS", 10)
SAMHANDLING_PERIODIC_JOBS += [
    {
        "command": "proposals_send_mail",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry e-mails to proposers that failed or were never sent",
    },
    {
        "command": "proposals_purge",
        "cron": env_str("SCHEDULE_PURGE", "30 3 * * *"),
        "description": "Delete unconfirmed proposals and proposers' details after retention",
    },
]
# --- Page cache for anonymous visitors (samhandling/core/page_cache.py, README "Caching") -------
# Whole pages for anonymous GETs without a session cookie, in the default cache (Redis with
# REDIS_URL: shared by every app process), keyed by host, language, path and query, purged after
# commit by the records they show. PAGE_CACHE_SECONDS bounds how long an entry is kept (and the
# s-maxage a front cache gets); pages whose state changes at a moment are kept no longer than that.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# With Redis, each app process also keeps the entries it served lately in its own memory (at most
# this many; 0: none), dropped by every purge through Redis pub/sub (core/page_cache_local.py).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 500)
# Near the top, so that a hit runs nothing else but Django's security middleware (HTTPS redirect
# and its headers) and WhiteNoise (static files); what the middleware below it add (CSP,
# Permissions-Policy, language, X-Frame-Options) is kept with each entry (page_cache_middleware).
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "samhandling.core.page_cache_middleware.PageCacheMiddleware",
)
# --- Front cache (Varnish; deploy/varnish/default.vcl, docs/deploy.md) ---------------------------
# Where the app sends PURGE requests when a page is published or unpublished (Wagtail's
# frontend_cache) and when the page cache purges a page: the caching proxy's own address, e.g.
# http://127.0.0.1:6081 (comma-separated for several proxies). Empty: no front cache, no purging.
INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
FRONTEND_CACHE_PURGE_URLS = env_list("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URLS:
    WAGTAILFRONTENDCACHE = {
        f"proxy{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
        for number, location in enumerate(FRONTEND_CACHE_PURGE_URLS, start=1)
    }
# One address serves every interface language (the language is a cookie, not part of the path);
# the proxy drops all language variants of a page on one PURGE, so one request per address.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# --- Uncached pages (issue #13): fewer queries per page ------------------------------------------
# The page an address leads to is remembered in the structure cache
# (samhandling/core/page_routes.py), so that Wagtail does not walk the tree on every request.
MIDDLEWARE.append("samhandling.core.page_routes.CachedPageRouteMiddleware")
# --- Database connection pool (PostgreSQL) -------------------------------------------------------
# With PostgreSQL each process keeps its connections in psycopg's pool (Django's "pool" option):
# a request takes one and gives it back, no connect per request. DATABASE_POOL_MIN connections are
# opened per process and at most DATABASE_POOL_MAX (one per thread is enough: gunicorn's sync
# workers need 1, gthread workers --threads); a request waits at most DATABASE_POOL_TIMEOUT
# seconds for one. DATABASE_POOL_MAX=0 turns the pool off (then DATABASE_CONN_MAX_AGE keeps a
# connection per thread instead). Django refuses a pool with persistent connections, so the pool
# sets CONN_MAX_AGE to 0 whatever DATABASE_CONN_MAX_AGE says.
DATABASE_POOL_MAX = env_int("DATABASE_POOL_MAX", 4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_POOL_MAX > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(env_int("DATABASE_POOL_MIN", 1), DATABASE_POOL_MAX),
        "max_size": DATABASE_POOL_MAX,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
    }


# --- Public login through OpenID Connect (samhandling/accounts/oidc_*.py, README "Public login")
# The identity providers are configuration: a JSON object {key: entry} in OIDC_PROVIDERS_JSON or in
# the file OIDC_PROVIDERS_FILE (entry fields: samhandling/accounts/oidc_providers.ProviderConfig;
# ID-porten, Ansattporten and HelseID are examples in the README). None: the chooser is empty.
def _oidc_providers() -> dict:
    import json

    text = env_str("OIDC_PROVIDERS_JSON", "")
    path = env_str("OIDC_PROVIDERS_FILE", "")
    if not text and path:
        text = Path(path).read_text()
    return json.loads(text) if text.strip() else {}


OIDC_PROVIDERS = _oidc_providers()
OIDC_DISCOVERY_CACHE_SECONDS = env_int("OIDC_DISCOVERY_CACHE_SECONDS", 3600)
OIDC_HTTP_TIMEOUT = env_int("OIDC_HTTP_TIMEOUT", 10)
# The start and the callback of a login count per client address (GETs; a browser makes two each).
SAMHANDLING_RATE_LIMITS["login"] = {"client": env_str("RATE_LIMIT_LOGIN_PER_CLIENT", "30/m,300/h")}
# The demo's password login for contacts (/innlogging/demo/): on in the dev and demo settings
# only; `manage.py check` fails where it is on but the demo is not allowed (accounts/checks.py).
SAMHANDLING_DEMO_LOGIN = env_bool("SAMHANDLING_DEMO_LOGIN", False)
# --- Organisation contacts (samhandling/contacts) ------------------------------------------------
# Days an invitation link to become a contact works; tries per e-mail in the contacts' outbox;
# the login providers whose authorization_details grant and revoke contact roles (Ansattporten).
CONTACTS_INVITATION_DAYS = env_int("CONTACTS_INVITATION_DAYS", 14)
CONTACTS_MAIL_MAX_ATTEMPTS = env_int("CONTACTS_MAIL_MAX_ATTEMPTS", 10)
CONTACTS_RECOGNISE_PROVIDERS = tuple(env_list("CONTACTS_RECOGNISE_PROVIDERS", "ansattporten"))
SAMHANDLING_PERIODIC_JOBS += [
    {
        "command": "contacts_send_mail",
        "cron": env_str("SCHEDULE_OUTBOX_RETRY", "*/5 * * * *"),
        "description": "Retry e-mails to contact persons (invitations, reminders) not yet sent",
    },
]
