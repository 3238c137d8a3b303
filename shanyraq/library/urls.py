"""Public pages of the library module, under the language prefix (/<lang>/library/...)."""

app_name = "library"

urlpatterns: list = []

# Paths without a language prefix (IIIF, ICS, exports for partner institutions).
raw_urlpatterns: list = []
