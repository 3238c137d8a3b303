"""Staff pages of the authorities, under /<lang>/staff/authorities/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from shanyraq.authorities import views

app_name = "authorities_staff"

urlpatterns = [
    path("", views.authority_index, name="index"),
    path("new/", views.authority_new, name="new"),
    path("<int:pk>/edit/", views.authority_edit, name="edit"),
    path("<int:pk>/links/", views.authority_links, name="links"),
    path("export.xml", views.authority_export, name="export"),
]

# Links on the staff dashboard and menu: (label, url name, required permission).
STAFF_LINKS = [
    (_("Name authorities"), "authorities_staff:index", "authorities.view_authority"),
]
