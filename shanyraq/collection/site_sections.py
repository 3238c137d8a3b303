"""The collection's part of the home page: exhibitions on view now."""

from __future__ import annotations

from shanyraq.collection.selectors import exhibitions_open, with_covers


def home_section(request):
    exhibitions = with_covers(exhibitions_open()[:3])
    if not exhibitions:
        return None
    return "collection/home_section.html", {"exhibitions": exhibitions}
