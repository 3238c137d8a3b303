"""Thin task wrappers: sign-in e-mails go out from the worker, after the request has answered."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task


@task()
def send_password_reset(user_id: int, fallback_language: str) -> bool:
    from shanyraq.accounts.notifications import password_reset_message

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    message = password_reset_message(user, fallback_language=fallback_language) if user else None
    if message is None:
        return False
    message.send()
    return True
