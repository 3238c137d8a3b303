"""The daily backup job, for the scheduler: back up, then apply the retention."""

from __future__ import annotations

from django_tasks import task


@task()
def backup_daily() -> dict[str, object]:
    from shanyraq.backups.services import backup_create, backups_prune

    backup = backup_create()
    deleted = backups_prune()
    return {"archive": backup.path.name, "deleted": [path.name for path in deleted]}
