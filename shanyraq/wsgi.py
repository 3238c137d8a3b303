import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shanyraq.settings")
application = get_wsgi_application()

# Django and our modules leave ~150k long-lived objects (functions, classes, dicts) that the
# cyclic collector would walk on every full collection (~50-100 ms, a visible pause in a page).
# They live as long as the process: move them out of the collector's sight once loaded.
gc.freeze()
