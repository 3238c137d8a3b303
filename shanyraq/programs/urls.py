"""Public pages of the programs module, under the language prefix (/<lang>/programs/...)."""

app_name = "programs"

urlpatterns: list = []

# Paths without a language prefix (IIIF, ICS, exports for partner institutions).
raw_urlpatterns: list = []
