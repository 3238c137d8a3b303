from django.urls import path

from shanyraq.exchange.views import staff

app_name = "exchange_staff"

urlpatterns = [
    path("moderation/", staff.moderation, name="moderation"),
    path("posts/<int:pk>/moderate/", staff.moderate, name="moderate"),
    path("safeguarding/", staff.safeguarding, name="safeguarding"),
    path("safeguarding/tandems/<int:pk>/", staff.safeguarding_tandem, name="safeguarding_tandem"),
    path("messages/<int:pk>/hide/", staff.message_hide_view, name="message_hide"),
]
