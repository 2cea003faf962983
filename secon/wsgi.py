"""WSGI entry point for production servers (granian through bin/web, or gunicorn)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from secon.core.watchdog import StuckRequestWatchdog

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")

# A worker stuck in one request past WEB_TIMEOUT ends itself and the server starts a new one.
application = StuckRequestWatchdog(get_wsgi_application(), timeout=settings.WEB_TIMEOUT)
