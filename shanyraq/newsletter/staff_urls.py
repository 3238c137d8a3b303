"""Staff pages of the newsletter, under /<lang>/staff/newsletter/."""

from django.urls import path  # noqa: F401

app_name = "newsletter_staff"

urlpatterns: list = []

STAFF_LINKS: list = []
