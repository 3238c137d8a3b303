"""Librarians and curators keep the name authorities (both catalogue names); nobody else edits."""

_KEEP = ["authorities.view_authority", "authorities.add_authority", "authorities.change_authority"]

PERMISSIONS = {"librarian": _KEEP, "curator": _KEEP}
