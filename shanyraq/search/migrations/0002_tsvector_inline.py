"""PostgreSQL: keep the tsvectors in the row (STORAGE MAIN); see backends/sql.py. No-op on SQLite."""

from django.db import migrations

from shanyraq.search.backends import sql


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(sql.inline, sql.toasted)]
