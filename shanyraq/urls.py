"""URL map. Visitor and staff pages live under a language prefix (/zh-hans/, /en/, /kk/, /ru/);
machine-readable resources (API, IIIF, ICS) do not. `/` redirects by Accept-Language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from shanyraq.accounts import urls as accounts_urls
from shanyraq.api.main import api
from shanyraq.authorities import staff_urls as authorities_staff
from shanyraq.collection import staff_urls as collection_staff
from shanyraq.collection import urls as collection_urls
from shanyraq.exchange import staff_urls as exchange_staff
from shanyraq.exchange import urls as exchange_urls
from shanyraq.interop import urls as interop_urls
from shanyraq.library import staff_urls as library_staff
from shanyraq.library import urls as library_urls
from shanyraq.mail import staff_urls as mail_staff
from shanyraq.newsletter import staff_urls as newsletter_staff
from shanyraq.newsletter import urls as newsletter_urls
from shanyraq.ops import staff_urls as ops_staff
from shanyraq.ops import urls as ops_urls
from shanyraq.programs import staff_urls as programs_staff
from shanyraq.programs import urls as programs_urls
from shanyraq.site import urls as site_urls
from shanyraq.spaces import staff_urls as spaces_staff
from shanyraq.spaces import urls as spaces_urls

staff_patterns = [
    path("", include((site_urls.staff_urlpatterns, "staff"))),
    path("admin/", admin.site.urls),
    path("collection/", include(collection_staff)),
    path("library/", include(library_staff)),
    path("authorities/", include(authorities_staff)),
    path("mail/", include(mail_staff)),
    path("newsletter/", include(newsletter_staff)),
    path("programs/", include(programs_staff)),
    path("spaces/", include(spaces_staff)),
    path("exchange/", include(exchange_staff)),
    path("ops/", include(ops_staff)),
]

urlpatterns = [
    path("api/v1/", api.urls),
    *collection_urls.raw_urlpatterns,
    *library_urls.raw_urlpatterns,
    *programs_urls.raw_urlpatterns,
    *spaces_urls.raw_urlpatterns,
    *ops_urls.raw_urlpatterns,
    *site_urls.raw_urlpatterns,
    *newsletter_urls.raw_urlpatterns,
    *interop_urls.raw_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("", include(site_urls)),
    path("account/", include(accounts_urls)),
    path("staff/", include(staff_patterns)),
    path("collection/", include(collection_urls)),
    path("library/", include(library_urls)),
    path("programs/", include(programs_urls)),
    path("spaces/", include(spaces_urls)),
    path("newsletter/", include(newsletter_urls)),
    path("exchange/", include(exchange_urls)),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded images are served by Django in development and on `make run`; in production the
    # reverse proxy serves /media/ itself (docs/deploy.md), so this view is not in its URL map.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
