"""The admin app, with our back-office site as the default `admin.site` (docs/decisions/028).

Kept apart from core/apps.py (one AppConfig per module) and from core/admin_site.py, which
imports django.contrib.admin and so cannot be imported while INSTALLED_APPS is being read."""

from django.contrib.admin.apps import AdminConfig


class BackOfficeConfig(AdminConfig):
    default_site = "shanyraq.core.admin_site.BackOffice"
