"""The programs block on the home page: the next few public sessions."""

from __future__ import annotations

from shanyraq.programs import selectors


def home_section(request):
    sessions = selectors.with_seats_left(selectors.sessions_public()[:4])
    if not sessions:
        return None
    return "programs/home_section.html", {"sessions": sessions}
