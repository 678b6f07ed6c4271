import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from config import heap  # noqa: E402 — after Django is set up

heap.settle()  # each gunicorn worker imports this module: its start-up heap is frozen once loaded
