"""Staff pages of the spaces module, under /<lang>/staff/spaces/."""

app_name = "spaces_staff"

urlpatterns: list = []

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = []
