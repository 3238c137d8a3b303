"""Job targets for the scheduler tests."""

from __future__ import annotations

from django.utils import timezone

CALLS: list = []  # one entry per call (threads append safely under the GIL)


def record_call() -> str:
    CALLS.append(timezone.now())
    return f"call {len(CALLS)}"


def fail() -> None:
    raise ValueError("no SMTP server answers for ana@example.org")
