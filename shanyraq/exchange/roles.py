"""Who does what in the exchange.

- safeguarding_officer: reads minors' tandems and messages, hides reported messages, suspends
  members (the minor is told on their messages page that the officer can read them).
- moderator: the showcase queue (approve, hide, restore, delete, with a reason).
Members themselves are not staff: their pages check membership (exchange.selectors)."""

PERMISSIONS = {
    "safeguarding_officer": [
        "exchange.view_member",
        "exchange.view_tandem",
        "exchange.view_minor_messages",
        "exchange.change_member",
    ],
    "moderator": ["exchange.view_post", "exchange.moderate_post"],
    # The director reads the exchange's figures on the dashboard (counts only, site.dashboard).
    "director": [
        "exchange.view_post",
        "exchange.view_member",
        "exchange.view_tandem",
        "exchange.view_application",
    ],
    # Publishes calls and decides on applications (and exports the accepted applicants).
    "exchange_coordinator": [
        "exchange.view_call",
        "exchange.add_call",
        "exchange.change_call",
        "exchange.view_application",
        "exchange.decide_application",
    ],
    # Invited reviewers score the applications of the calls whose panel they sit on.
    "reviewer": ["exchange.review_application"],
}

MINORS = "exchange.view_minor_messages"

SENSITIVE_FIELDS = {
    "exchange.member": {"school": MINORS, "availability": MINORS, "name_public_consent_by": MINORS},
    "exchange.joinrequest": {"data": MINORS, "guardian_email": MINORS, "email": MINORS},
}
