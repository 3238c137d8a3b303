"""/health has no language prefix (a machine reads it); the jobs page is a staff page."""

from django.urls import path

from shanyraq.ops import views

raw_urlpatterns = [path("health", views.health_view, name="health")]
