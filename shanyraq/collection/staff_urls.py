"""Staff pages of the collection module, under /<lang>/staff/collection/."""

app_name = "collection_staff"

urlpatterns: list = []

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = []
