"""What every member page needs: the signed-in member, or the way to sign in."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.urls import reverse

from shanyraq.exchange import selectors


def member_required(view):
    """Sign-in first; a login that is not an active member is sent to the exchange's home page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("exchange:login"))
        member = selectors.member_for_user(request.user)
        if member is None:
            from django.shortcuts import redirect

            return redirect("exchange:home")
        request.member = member
        return view(request, *args, **kwargs)

    return wrapped


def show_error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))
