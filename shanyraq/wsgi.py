import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shanyraq.settings")
application = get_wsgi_application()

# Before gunicorn forks its workers (preload_app): URL modules, views, API schemas and catalogs.
from shanyraq.core.warmup import warm_up  # noqa: E402 - needs the settings configured above

warm_up()

# Django and our modules leave ~150k long-lived objects (functions, classes, dicts) that the
# cyclic collector would walk on every full collection (~50-100 ms, a visible pause in a page).
# They live as long as the process: move them out of the collector's sight once loaded.
gc.freeze()
