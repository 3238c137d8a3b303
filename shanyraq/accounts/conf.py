"""Settings of sign-in, overridable in Django settings; read at call time.

- `ACCOUNTS_TWO_FACTOR_REQUIRED` (default True): directors and superusers must confirm a TOTP
  device and enter its code after their password. Off, a second factor stays optional (but a
  user who set one up is still asked for it). Env: `SHANYRAQ_TWO_FACTOR_REQUIRED`.
- `ACCOUNTS_TWO_FACTOR_ROLES` (default `("director",)`): the roles for which it is required.
- Lockout: django-axes' `AXES_FAILURE_LIMIT` and `AXES_COOLOFF_TIME` (settings.py).
- Reset links: Django's `PASSWORD_RESET_TIMEOUT` (seconds).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

DEFAULT_TWO_FACTOR_ROLES = ("director",)


def two_factor_required() -> bool:
    return getattr(settings, "ACCOUNTS_TWO_FACTOR_REQUIRED", True)


def two_factor_roles() -> tuple[str, ...]:
    return tuple(getattr(settings, "ACCOUNTS_TWO_FACTOR_ROLES", DEFAULT_TWO_FACTOR_ROLES))


def cool_off() -> dt.timedelta:
    value = getattr(settings, "AXES_COOLOFF_TIME", None) or dt.timedelta(minutes=15)
    return value if isinstance(value, dt.timedelta) else dt.timedelta(hours=value)


def reset_link_hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
