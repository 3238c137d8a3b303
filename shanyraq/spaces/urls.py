from django.urls import path

from shanyraq.spaces import views

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("<slug:slug>/", views.space_detail, name="detail"),
]

# Paths without a language prefix (ICS feeds and other machine-readable resources).
raw_urlpatterns: list = []
