"""Public pages of the collection module, under the language prefix (/<lang>/collection/...)."""

app_name = "collection"

urlpatterns: list = []

# Paths without a language prefix (IIIF, ICS, exports for partner institutions).
raw_urlpatterns: list = []
