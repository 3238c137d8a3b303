"""Public pages of the collection module, under the language prefix (/<lang>/collection/...)."""

from django.urls import path

from shanyraq.collection.feeds import ExhibitionsFeed
from shanyraq.collection.views import iiif, public

app_name = "collection"

urlpatterns = [
    path("", public.index, name="index"),
    path("artifacts/<str:accession>/", public.artifact_detail, name="artifact"),
    path("exhibitions/", public.exhibition_list, name="exhibitions"),
    path("exhibitions/feed.atom", ExhibitionsFeed(), name="exhibitions_feed"),
    path("exhibitions/<slug:slug>/", public.exhibition_detail, name="exhibition"),
]

# Paths without a language prefix: the QR target (language from the phone) and IIIF.
raw_urlpatterns = [
    path("collection/a/<str:accession>/", public.qr_redirect, name="collection-qr"),
    path(
        "iiif/artifacts/<str:accession>/manifest.json", public.iiif_manifest, name="collection-iiif-manifest"
    ),
    path("iiif/collection.json", iiif.collection, name="collection-iiif-collection"),
    path("iiif/3/images/<int:pk>", iiif.image_service, name="collection-iiif-image"),
    path("iiif/3/images/<int:pk>/info.json", iiif.image_info, name="collection-iiif-image-info"),
    path(
        "iiif/3/images/<int:pk>/<str:region>/<str:size>/<str:rotation>/<str:quality>.<str:fmt>",
        iiif.image_request,
        name="collection-iiif-image-request",
    ),
]
