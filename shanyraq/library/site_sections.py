"""The library's block on the home page: newest books and a search box."""

from __future__ import annotations

from shanyraq.library.selectors import records_public


def home_section(request):
    records = list(records_public().order_by("-created_at", "-pk")[:6])
    if not records:
        return None
    return "library/home_section.html", {"library_records": records}
