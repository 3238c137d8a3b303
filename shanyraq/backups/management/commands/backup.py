"""`manage.py backup [--prune]`: one dated, checksummed archive of the database and media files."""

from django.core.management.base import BaseCommand, CommandError

from shanyraq.backups.services import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Write the database and the media files into one dated archive in BACKUP_DIR, with a SHA-256 "
        "checksum; with --prune, then delete the archives the retention does not keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--prune", action="store_true", help="apply the retention after the backup")
        parser.add_argument(
            "--keep-daily", type=int, help="days to keep a daily archive (BACKUP_KEEP_DAILY, 7)"
        )
        parser.add_argument(
            "--keep-weekly", type=int, help="weeks to keep a weekly archive (BACKUP_KEEP_WEEKLY, 4)"
        )

    def handle(self, *args, prune: bool = False, keep_daily=None, keep_weekly=None, **options):
        try:
            backup = backup_create()
        except BackupError as exc:
            raise CommandError(str(exc))
        size = backup.path.stat().st_size
        self.stdout.write(f"backup: {backup.path} ({size} bytes), checksum in {backup.checksum_path.name}")
        if prune:
            report_pruned(self.stdout, backups_prune(keep_daily=keep_daily, keep_weekly=keep_weekly))


def report_pruned(stdout, deleted) -> None:
    for path in deleted:
        stdout.write(f"deleted: {path.name}")
    stdout.write(f"retention: {len(deleted)} archive(s) deleted")
