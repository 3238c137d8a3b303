"""The collection's part of the home page: exhibitions on view now."""

from __future__ import annotations

from shanyraq.collection.selectors import exhibitions_open


def home_section(request):
    exhibitions = list(exhibitions_open()[:3])
    if not exhibitions:
        return None
    return "collection/home_section.html", {"exhibitions": exhibitions}
