"""Development: `make dev` (the debug server). Debug on, mail to the console and the mail viewer,
local host names allowed. `make run` uses `demo`, which builds on this with debug off."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-7c1f0e2b9a")  # noqa: S105
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# The scheduler retries failed e-mail every minute rather than every five.
os.environ.setdefault("SCHEDULE_OUTBOX_RETRY", "* * * * *")

from .base import *  # noqa: E402,F403
from .env import env_bool, env_list, env_str  # noqa: E402

DEBUG = env_bool("DEBUG", True)
SAMHANDLING_DEMO_ALLOWED = True  # load_demo (make run, make dev)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ".localhost,localhost,127.0.0.1,[::1]")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Every e-mail goes to the console and to the mail viewer (admin → E-mail (demo)), never out.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "samhandling.core.mailbox.MailboxBackend")
SAMHANDLING_MAIL_VIEWER = True
SAMHANDLING_MAIL_VIEWER_DIR = env_str("SAMHANDLING_MAIL_VIEWER_DIR", str(BASE_DIR / "var" / "mail"))  # noqa: F405
# Uploaded images and documents are served by the app itself (production: the web server or S3).
SAMHANDLING_SERVE_MEDIA = True
# The worker logs every task it runs at INFO (hundreds of search-index updates after load_demo);
# the console shows the e-mails themselves, and failures still at WARNING and above.
LOGGING["loggers"]["django_tasks"] = {"level": env_str("TASKS_LOG_LEVEL", "WARNING")}  # noqa: F405
# Likewise the scheduler's runs each minute ("Sent 0 e-mail(s).").
LOGGING["loggers"]["apscheduler"] = {"level": env_str("TASKS_LOG_LEVEL", "WARNING")}  # noqa: F405
LOGGING["loggers"]["samhandling.core.scheduling"] = {  # noqa: F405
    "level": env_str("TASKS_LOG_LEVEL", "WARNING")
}
# The demo's password login for contacts (/innlogging/demo/; README "Public login").
SAMHANDLING_DEMO_LOGIN = True
