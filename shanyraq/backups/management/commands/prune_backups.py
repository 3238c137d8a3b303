"""`manage.py prune_backups`: apply the retention (what `backup --prune` does after a backup)."""

from django.core.management.base import BaseCommand

from shanyraq.backups.management.commands.backup import report_pruned
from shanyraq.backups.services import backups_prune


class Command(BaseCommand):
    help = "Delete the archives in BACKUP_DIR that the retention (daily and weekly) does not keep."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-daily", type=int, help="days to keep a daily archive (BACKUP_KEEP_DAILY, 7)"
        )
        parser.add_argument(
            "--keep-weekly", type=int, help="weeks to keep a weekly archive (BACKUP_KEEP_WEEKLY, 4)"
        )

    def handle(self, *args, keep_daily=None, keep_weekly=None, **options):
        report_pruned(self.stdout, backups_prune(keep_daily=keep_daily, keep_weekly=keep_weekly))
