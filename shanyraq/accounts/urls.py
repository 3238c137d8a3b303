"""Sign-in pages under the language prefix (/<lang>/account/...)."""

from django.urls import path

from shanyraq.accounts import views

app_name = "accounts"

urlpatterns = [
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("password/change/", views.password_change, name="password_change"),
    path("two-step/", views.two_factor, name="two_factor"),
    path("two-step/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-step/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-step/remove/", views.two_factor_remove, name="two_factor_remove"),
]

# Views an unverified login may open while it still owes its second factor.
TWO_FACTOR_PENDING_VIEWS = {"two_factor_setup", "two_factor_verify", "logout", "set_language"}
