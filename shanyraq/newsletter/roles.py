"""Who runs the newsletter: the director and the program coordinator (issue 11).

Subscribers' addresses are personal data: only these two roles see and export them."""

NEWSLETTER = [
    "newsletter.view_subscriber",
    "newsletter.add_subscriber",
    "newsletter.change_subscriber",
    "newsletter.delete_subscriber",
    "newsletter.view_mailing",
    "newsletter.add_mailing",
    "newsletter.change_mailing",
    "newsletter.send_mailing",
]

PERMISSIONS = {
    "director": NEWSLETTER,
    "program_coordinator": NEWSLETTER,
}

# Addresses are contacts (decision 012): a role without people.view_contact never sees them.
SENSITIVE_FIELDS = {
    "newsletter.subscriber": {"email": "people.view_contact"},
    "newsletter.delivery": {"email": "people.view_contact"},
}
