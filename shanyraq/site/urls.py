from django.contrib.auth import views as auth_views
from django.urls import path

from shanyraq.accounts.views import SignInView
from shanyraq.site import views
from shanyraq.site.dashboard import views as dashboard_views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_results, name="search"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("privacy/", views.privacy, name="privacy"),
]

staff_urlpatterns = [
    path("", dashboard_views.staff_dashboard, name="dashboard"),
    path(
        "login/",
        SignInView.as_view(template_name="staff/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="staff:login"), name="logout"),
]

# Paths without a language prefix: what crawlers read first.
raw_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
]
