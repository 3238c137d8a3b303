"""`manage.py import_artifacts FILE [--dry-run] [--language kk]`: the staff import, from a shell."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from shanyraq.collection.services.imports import FileFormatError, artifacts_import, read_rows


class Command(BaseCommand):
    help = "Import artifacts from CSV or XLSX (columns: docs/collection/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every row, write nothing.")
        parser.add_argument(
            "--language", default="en", help="Language of the messages (zh-hans, en, kk, ru)."
        )

    def handle(self, *args, file: str, dry_run: bool, language: str, **options):
        path = Path(file)
        with translation.override(language):
            try:
                rows = read_rows(path.read_bytes(), path.name)
            except (OSError, FileFormatError) as exc:
                raise CommandError(str(exc))
            report = artifacts_import(actor=None, rows=rows, dry_run=dry_run)
            print_report(self, report, dry_run)
            if report.errors:
                raise CommandError(_("Nothing was imported: fix the rows above."))


def print_report(command, report, dry_run: bool) -> None:
    for e in report.errors:
        command.stdout.write(
            _("row %(row)s, column %(column)s, value %(value)r: %(message)s")
            % {"row": e.row, "column": e.column, "value": e.value, "message": e.message}
        )
    summary = _("%(rows)s rows: %(created)s new, %(updated)s updated.") % {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
    }
    if dry_run and not report.errors:
        summary += " " + _("Dry run: nothing was written.")
    command.stdout.write(summary)
