"""Staff pages of the library module, under /<lang>/staff/library/."""

app_name = "library_staff"

urlpatterns: list = []

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = []
