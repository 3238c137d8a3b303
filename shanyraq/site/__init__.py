"""Public pages and templates shared by all modules."""
