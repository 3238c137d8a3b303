"""Two-step sign-in, enforced on every request rather than on each login form.

A login that owes a second factor (it has an authenticator, or its role requires one) and has
not given it in this session may open only the code and setup pages and sign out; any other
page sends it there and comes back after. So the staff, library and back-office sign-in forms,
the API with a session cookie, and a director promoted while signed in are all covered.
Runs after django_otp's OTPMiddleware (which sets `user.is_verified()`).
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shanyraq.accounts import selectors
from shanyraq.accounts.urls import TWO_FACTOR_PENDING_VIEWS
from shanyraq.accounts.views import with_next


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in TWO_FACTOR_PENDING_VIEWS:
            return None
        if not selectors.needs_second_factor(user):
            return None
        if request.method != "GET" or request.path.startswith("/api/"):
            return HttpResponseForbidden(_("Enter the code from your authenticator app first."))
        has_device = selectors.totp_device(user) is not None
        step = "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
        return redirect(with_next(step, request.get_full_path()))
