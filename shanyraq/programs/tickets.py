"""The QR ticket: a PNG with the registration code, scanned at the front desk."""

from __future__ import annotations

import io

import segno

from shanyraq.mail.services import attachment_builder


@attachment_builder  # the outbox makes it at send time: 8 ms of work kept out of the seat lock
def qr_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(f"SHANYRAQ:{code}", error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def code_from_scan(text: str) -> str:
    """Accept the QR payload or the typed code, with spaces and lower case forgiven."""
    text = (text or "").strip().upper()
    if text.startswith("SHANYRAQ:"):
        text = text.split(":", 1)[1]
    return "".join(ch for ch in text if ch.isalnum())
