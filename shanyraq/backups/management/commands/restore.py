"""`manage.py restore ARCHIVE [--force]`: bring this install to the state of a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shanyraq.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Check an archive made by `manage.py backup` (its .sha256 file and every member's checksum), "
        "then replace this install's database and media files with its contents. Stop the web "
        "server, the worker and the scheduler first. Refuses a non-empty install unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace the database and media files of a non-empty install"
        )

    def handle(self, *args, archive: Path, force: bool = False, **options):
        try:
            restored = backup_restore(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc))
        if not restored.checksum_file:
            self.stdout.write(
                f"note: no {archive.name}.sha256 beside the archive; checked every member against its manifest."
            )
        self.stdout.write(
            f"restored: {archive.name} (made {restored.created_at}, {restored.engine}), "
            f"{restored.media_files} media file(s)"
        )
        if restored.pending_migrations:
            self.stdout.write(
                f"{len(restored.pending_migrations)} migration(s) are newer than the backup: run `manage.py migrate`."
            )
