"""A URLconf with one failing view, to render the real 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def boom(request):
    raise RuntimeError("a deliberate failure")


urlpatterns = i18n_patterns(path("boom/", boom))
