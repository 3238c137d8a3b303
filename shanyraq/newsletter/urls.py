"""Public newsletter pages under /<lang>/newsletter/, and the one-click unsubscribe (no prefix:
mail programs POST to it, RFC 8058)."""

from django.urls import path

from shanyraq.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]

raw_urlpatterns = [
    path("newsletter/unsubscribe/<str:token>/", views.one_click, name="newsletter_unsubscribe"),
]
