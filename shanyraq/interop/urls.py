"""Machine endpoints without a language prefix: OAI-PMH, SRU, the IIIF Image API."""

from django.urls import path

from shanyraq.interop.oai.views import oai
from shanyraq.interop.sru.views import sru

raw_urlpatterns = [
    path("oai", oai, name="oai"),
    path("sru", sru, name="sru"),
]
