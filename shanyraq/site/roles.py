PERMISSIONS = {
    "director": ["site.view_page", "site.change_page", "site.add_page"],
}
