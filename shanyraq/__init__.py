"""Shanyraq: one platform for a national cultural center abroad."""
