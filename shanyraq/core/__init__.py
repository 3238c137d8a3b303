"""Languages, translated-content helpers, roles and permissions, audit trail."""
