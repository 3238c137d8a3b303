"""manage.py scheduler: enqueue the registered jobs (ops/jobs.py) when they fall due.

Run one beside the worker (`make run` does). Two or more are safe: each run is claimed once.
SIGINT or SIGTERM stops it between two looks at the clock.
"""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from shanyraq.ops import conf
from shanyraq.ops.services import scheduler_tick


class Command(BaseCommand):
    help = "Enqueue scheduled jobs when they fall due (no cron needed)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Look once, enqueue what is due, exit.")
        parser.add_argument("--interval", type=float, default=None, help="Seconds between two looks.")

    def handle(self, *args, once: bool, interval: float | None, **options):
        interval = conf.scheduler_interval() if interval is None else interval
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        if options["verbosity"]:
            self.stdout.write(f"scheduler: looking for due jobs every {interval:g} s")
        while not stop.is_set():
            close_old_connections()
            for run in scheduler_tick():
                if options["verbosity"]:
                    self.stdout.write(
                        f"scheduler: enqueued {run.job} (due {timezone.localtime(run.scheduled_for):%Y-%m-%d %H:%M})"
                    )
            close_old_connections()
            if once:
                break
            stop.wait(interval)
        if options["verbosity"]:
            self.stdout.write("scheduler: stopped")
