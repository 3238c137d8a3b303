"""Guards in front of every /api/ request, before ninja parses anything.

- A body over the public limit (core/limits.py) gets 413 from its Content-Length alone.
- An unsafe request from a signed-in browser (a session cookie) must carry the CSRF token,
  like every form of the site: ninja's views are CSRF-exempt, and without this a page on any
  other site could register or cancel in a signed-in visitor's name. Anonymous callers and
  partners without a session have no ambient authority to abuse and need no token.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _

from shanyraq.core.limits import body_too_large, too_large_message

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _refuse_csrf():
    return JsonResponse(
        {"detail": _("This request needs the CSRF token of the signed-in session (X-CSRFToken header).")},
        status=403,
    )


def _csrf_view(request):  # a stand-in view that is not csrf_exempt
    return None


class ApiGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and request.method in UNSAFE:
            if body_too_large(request):
                return JsonResponse({"detail": too_large_message()}, status=413)
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                checker = CsrfViewMiddleware(lambda r: None)
                checker.process_request(request)
                refused = checker.process_view(request, _csrf_view, (), {})
                if refused is not None:
                    return _refuse_csrf()
        return self.get_response(request)
