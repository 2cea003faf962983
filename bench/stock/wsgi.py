"""WSGI entry point of the stock project, served by the same server config as the platform."""

import os

from django.core.wsgi import get_wsgi_application

# The benchmark's environment names the platform's settings; this project always uses its own.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.stock.settings"

application = get_wsgi_application()
