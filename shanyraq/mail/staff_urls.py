"""Staff pages of the outbox, under /<lang>/staff/mail/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.mail import views

app_name = "mail_staff"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("viewer/", views.viewer, name="viewer"),
]

# Links on the staff dashboard: (label, url name, required permission or a check of the user).
STAFF_LINKS = [
    (_("Outgoing e-mail"), "mail_staff:outbox", "mail.view_outboxmessage"),
    (_("Demo mailbox"), "mail_staff:viewer", views.viewer_allowed),
]
