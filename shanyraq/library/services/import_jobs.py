"""The row that tells how a MARC import went, even when its process was killed.

`marc_import` starts a row (running, with its host and process id), moves it forward in the same
transaction as each batch it writes, and closes it (finished, interrupted by a signal, or failed
with the error). A process killed outright (SIGKILL, out of memory, a server restart) cannot close
its row: `import_jobs_reap` marks such rows interrupted, when their process is gone from this host
or they have made no progress for `STALE_AFTER`. Their counts are what was committed, and
`marc_import(..., resume=job)` with the same file continues after `done_through`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.library.models import MarcImport

# A running import commits a batch every second or so; one silent this long on another host is dead.
STALE_AFTER = dt.timedelta(minutes=15)


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_job_start(
    *, data: bytes, file_name: str, merge: bool, is_public: bool, actor=None, resume: MarcImport | None = None
) -> MarcImport:
    digest = file_digest(data)
    now = timezone.now()
    job = MarcImport(
        file_name=file_name[:255],
        file_sha256=digest,
        file_size=len(data),
        merge=merge,
        is_public=is_public,
        actor=actor if getattr(actor, "pk", None) else None,
        started_at=now,
        updated_at=now,
        host=socket.gethostname()[:255],
        pid=os.getpid(),
    )
    if resume is not None:
        import_jobs_reap()
        resume.refresh_from_db()
        if resume.status not in (MarcImport.Status.INTERRUPTED, MarcImport.Status.FAILED):
            raise ValidationError(_("Only an interrupted or failed import can be resumed."))
        if resume.file_sha256 != digest:
            raise ValidationError(_("This is not the file of the import to resume."))
        job.resumed_from = resume
        job.file_name = job.file_name or resume.file_name
        for name in ("done_through", "created", "merged", "duplicates", "errors"):
            setattr(job, name, getattr(resume, name))
    job.save()
    return job


def import_job_progress(job: MarcImport, *, through: int, counts: dict[str, int]) -> None:
    """Call inside the batch's transaction: the row moves only if the batch commits."""
    job.done_through = max(job.done_through, through)
    for name, n in counts.items():
        setattr(job, name, getattr(job, name) + n)
    job.updated_at = timezone.now()
    job.save(update_fields=["done_through", "created", "merged", "duplicates", "errors", "updated_at"])


def import_job_close(job: MarcImport, *, status: str, detail: str = "") -> None:
    job.status = status
    job.detail = detail[:2000]
    job.finished_at = job.updated_at = timezone.now()
    with transaction.atomic():
        job.save(update_fields=["status", "detail", "finished_at", "updated_at"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process not yet reaped by its parent is a zombie: dead all the same
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def import_jobs_reap() -> int:
    """Mark running imports whose process is gone (or silent past STALE_AFTER) as interrupted."""
    host, now, count = socket.gethostname()[:255], timezone.now(), 0
    for job in MarcImport.objects.filter(status=MarcImport.Status.RUNNING):
        gone = job.host == host and job.pid and job.pid != os.getpid() and not _alive(job.pid)
        if gone or job.updated_at < now - STALE_AFTER:
            with transaction.atomic():
                count += MarcImport.objects.filter(pk=job.pk, status=MarcImport.Status.RUNNING).update(
                    status=MarcImport.Status.INTERRUPTED,
                    finished_at=now,
                    detail="process gone" if gone else "no progress",
                )
    return count


def import_job_resumable(data: bytes) -> MarcImport | None:
    """The latest interrupted or failed import of this very file that nothing has resumed yet:
    uploading the file again continues it instead of starting over."""
    import_jobs_reap()
    return (
        MarcImport.objects.filter(
            file_sha256=file_digest(data),
            status__in=[MarcImport.Status.INTERRUPTED, MarcImport.Status.FAILED],
            resumed_by__isnull=True,
        )
        .order_by("-started_at", "-pk")
        .first()
    )
