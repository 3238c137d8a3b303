"""gunicorn settings for Shanyraq (read by `manage.py serve` / `make run`, and by the deploy guide).

Everything can be changed through the environment: PORT and HOST (or BIND), WEB_CONCURRENCY
(workers; default 2 x CPUs + 1), GUNICORN_TIMEOUT.
"""

import multiprocessing
import os

bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
wsgi_app = "shanyraq.wsgi:application"
# Load Django once in the master, then fork: workers share its memory (see gc.freeze in wsgi.py).
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 10
keepalive = 5
# Restart a worker now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" for stdout; off by default
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Request paths can carry tokens and e-mail addresses: keep them out of the access log.
# Nor the client's address: an IP address is personal data too.
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'
