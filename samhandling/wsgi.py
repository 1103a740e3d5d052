import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samhandling.settings.production")
application = get_wsgi_application()

from samhandling.core.warm_up import freeze_heap, warm_up  # noqa: E402 - needs the settings

warm_up()
freeze_heap()
