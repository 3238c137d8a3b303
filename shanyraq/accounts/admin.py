"""Sign-in records stay out of the back office: lockouts are lifted with `manage.py axes_reset`
(or a new password), and a lost authenticator with `manage.py two_step_reset USERNAME`.
(AXES_ENABLE_ADMIN = False keeps axes' models out; django-otp's TOTP admin is imported first,
so autodiscover does not register it again, then removed.)"""

import django_otp.plugins.otp_totp.admin  # noqa: F401 - registers TOTPDevice now, removed below
from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
