"""Request body limits, checked from Content-Length before anything reads the body.

The API and the public forms take small bodies (a registration is a few hundred bytes), so
they refuse anything bigger than a few kilobytes with 413 in the visitor's language, before
parsing, validation, a transaction or the database; staff uploads keep Django's own limits.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

DEFAULT_PUBLIC_MAX_BODY = 64 * 1024


def public_max_body() -> int:
    """Bytes a public form or API request may send (settings.PUBLIC_MAX_BODY_BYTES)."""
    return int(getattr(settings, "PUBLIC_MAX_BODY_BYTES", DEFAULT_PUBLIC_MAX_BODY))


def body_too_large(request, limit: int | None = None) -> bool:
    limit = public_max_body() if limit is None else limit
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit


def too_large_message() -> str:
    return _("The request is too large: at most %(kb)s KB, please.") % {"kb": public_max_body() // 1024}


def limit_body(view):
    """A public form view: refuse an oversized POST with 413 before the form reads it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and body_too_large(request):
            return render(request, "core/refused.html", {"message": too_large_message()}, status=413)
        return view(request, *args, **kwargs)

    return wrapped


class QueryNulMiddleware:
    """A NUL in the path or a query parameter is refused with 400 before any view: PostgreSQL cannot compare
    text with NUL, so `?q=%00` on a search page used to end in a 500 there (found by the fuzz test)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
        ):
            message = _("The address contains a character that cannot be used.")
            if request.path.startswith("/api/"):  # the API documents JSON refusals
                return JsonResponse(
                    {"detail": message}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return render(request, "core/refused.html", {"message": message}, status=400)
        return self.get_response(request)
