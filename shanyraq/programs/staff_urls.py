"""Staff pages of the programs module, under /<lang>/staff/programs/."""

app_name = "programs_staff"

urlpatterns: list = []

# Links on the staff dashboard: (label, url name, required permission).
STAFF_LINKS: list = []
