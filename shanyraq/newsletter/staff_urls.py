"""Staff pages of the newsletter, under /<lang>/staff/newsletter/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.newsletter import staff_views as views

app_name = "newsletter_staff"

urlpatterns = [
    path("", views.mailings, name="mailings"),
    path("new/", views.mailing_new, name="new"),
    path("digest/", views.digest_new, name="digest"),
    path("<int:pk>/", views.mailing_detail, name="mailing"),
    path("<int:pk>/edit/", views.mailing_edit, name="edit"),
    path("<int:pk>/preview/<str:lang>/", views.mailing_preview, name="preview"),
    path("<int:pk>/test/", views.mailing_test, name="test"),
    path("<int:pk>/schedule/", views.mailing_schedule_view, name="schedule"),
    path("<int:pk>/send/", views.mailing_send_now, name="send"),
    path("subscribers/", views.subscribers, name="subscribers"),
    path("subscribers/export/<str:fmt>/", views.subscribers_export_view, name="export"),
    path("subscribers/import/", views.subscribers_import_view, name="import"),
    path("subscribers/<int:pk>/data/", views.subscriber_data_view, name="subscriber_data"),
    path("subscribers/<int:pk>/erase/", views.subscriber_erase_view, name="subscriber_erase"),
]

STAFF_LINKS = [
    (_("Newsletter"), "newsletter_staff:mailings", "newsletter.view_mailing"),
]
