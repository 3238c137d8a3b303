"""`Idempotency-Key` for API writes: a client that retries gets the first answer, never a second seat.

A registration client that timed out cannot know whether its seat was taken; sending the same
request again with the same key returns the first answer (ticket code included) instead of a
refusal or a second registration. The first request claims the key with an INSERT under a unique
constraint; a retry that arrives while the first is still running waits for its answer. A key
reused with a different body is refused (422). Answers are kept `IDEMPOTENCY_TTL` (24 hours) and
pruned by `idempotency_prune()`. Server errors (5xx) are not kept, so the client may retry them.
Same design as the IETF draft "The Idempotency-Key HTTP Header Field" and Stripe's API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from shanyraq.api.models import IdempotentRequest

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY_LENGTH = 255
REPLAY_HEADER = "Idempotent-Replayed"


def ttl() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "IDEMPOTENCY_TTL", 24 * 3600))


def wait_seconds() -> float:
    """How long a retry waits for the first request's answer before answering 409."""
    return float(getattr(settings, "IDEMPOTENCY_WAIT", 15))


@dataclass(frozen=True)
class Claim:
    row: IdempotentRequest
    owned: bool  # True: this request handles it; False: replay `row` (or conflict)


def fingerprint(request: HttpRequest) -> str:
    return hashlib.sha256(request.body).hexdigest()


def idempotency_claim(*, key: str, method: str, path: str, fingerprint: str) -> Claim | None:
    """Claim the key for this request, or return the first request's finished answer.

    None means the first request is still running after `wait_seconds()`."""
    try:
        with transaction.atomic():
            row = IdempotentRequest.objects.create(key=key, method=method, path=path, fingerprint=fingerprint)
        return Claim(row, owned=True)
    except IntegrityError:
        pass
    deadline = time.monotonic() + wait_seconds()
    while True:
        row = IdempotentRequest.objects.filter(key=key, method=method, path=path).first()
        if row is None:  # the first request failed and released the key: take it over
            return idempotency_claim(key=key, method=method, path=path, fingerprint=fingerprint)
        if row.fingerprint != fingerprint or row.status_code is not None:
            return Claim(row, owned=False)
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


def idempotency_store(*, row: IdempotentRequest, response: HttpResponse) -> None:
    """Keep the answer for the retries, or release the key after a server error."""
    if response.status_code >= 500 or getattr(response, "streaming", False):
        IdempotentRequest.objects.filter(pk=row.pk, status_code__isnull=True).delete()
        return
    IdempotentRequest.objects.filter(pk=row.pk).update(
        status_code=response.status_code,
        content_type=response.get("Content-Type", "")[:100],
        body=bytes(response.content),
    )


def idempotency_prune(*, now: dt.datetime | None = None) -> int:
    """Forget answers older than the time-to-live (a scheduled job)."""
    cutoff = (now or timezone.now()) - ttl()
    deleted, _by_model = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


class IdempotencyMiddleware:
    """Applies `Idempotency-Key` to unsafe requests under /api/ (after LocaleMiddleware, so
    refusals are in the caller's language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get("Idempotency-Key")
        if key is None or request.method not in UNSAFE or not request.path.startswith("/api/"):
            return self.get_response(request)
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return _error(400, _("The Idempotency-Key header must be 1 to 255 printable characters."))
        claim = idempotency_claim(
            key=key, method=request.method, path=request.path[:500], fingerprint=fingerprint(request)
        )
        if claim is None:
            return _error(409, _("A request with this Idempotency-Key is still being handled. Try again."))
        if not claim.owned:
            if claim.row.fingerprint != fingerprint(request):
                return _error(422, _("This Idempotency-Key was already used for a different request."))
            return replay(claim.row)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotentRequest.objects.filter(pk=claim.row.pk, status_code__isnull=True).delete()
            raise
        idempotency_store(row=claim.row, response=response)
        return response


def replay(row: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(bytes(row.body), status=row.status_code, content_type=row.content_type or None)
    response[REPLAY_HEADER] = "true"
    return response


__all__ = ["IdempotencyMiddleware", "idempotency_claim", "idempotency_prune", "idempotency_store"]
