"""Who sees the outbox: the director, who answers for everything the center sends.

The outbox lists recipients from every module (library patrons, program registrants), so it is
not given to module roles; the demo mail viewer is open to any staff login, but only in demo mode
(docs/decisions/010-mail-outbox.md)."""

PERMISSIONS = {
    "director": ["mail.view_outboxmessage", "mail.change_outboxmessage"],
}
