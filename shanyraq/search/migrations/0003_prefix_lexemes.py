"""PostgreSQL: the table of lexemes a query prefix may stand for; see backends/sql.py. No-op on SQLite."""

from django.db import migrations

from shanyraq.search.backends import sql


class Migration(migrations.Migration):
    dependencies = [("search", "0002_tsvector_inline")]

    operations = [migrations.RunPython(sql.lexemes, sql.no_lexemes)]
