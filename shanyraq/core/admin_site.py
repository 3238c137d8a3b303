"""The Django admin is for superusers only (issue 14, part 2; docs/decisions/028).

Staff do their daily work on the staff pages, in their language and through the services; the
admin is the superuser's tool for what no staff page does. Every app keeps registering on
`admin.site` (this class is the default site, shanyraq.core.admin_apps), so every ModelAdmin
and its guards (SensitiveFieldsMixin, read-only fields) stay as they are.

- Anonymous visitors are sent to sign in, as before.
- Anyone signed in who is not an active superuser (staff roles, readers, members) is refused
  with a translated 403 page that sends staff to the staff pages, not the admin's sign-in form,
  which would invite them to sign in again with an account they already use.
- A staff member who opens the admin's sign-in page is sent to the staff pages.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.shortcuts import redirect, render


def is_back_office_user(user) -> bool:
    """Who may use the Django admin: an active superuser, nobody else."""
    return bool(user.is_active and user.is_superuser)


class BackOffice(admin.AdminSite):
    site_header = "Shanyraq"
    site_title = "Shanyraq"

    def has_permission(self, request) -> bool:
        return is_back_office_user(request.user)

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def refuse_signed_in_non_superusers(request, *args, **kwargs):
            user = request.user
            signing_out = request.resolver_match is not None and request.resolver_match.url_name == "logout"
            if user.is_authenticated and not is_back_office_user(user) and not signing_out:
                return render(request, "core/back_office_refused.html", status=403)
            return checked(request, *args, **kwargs)

        return refuse_signed_in_non_superusers

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and not is_back_office_user(user):
            return redirect("staff:dashboard")
        return super().login(request, extra_context)
