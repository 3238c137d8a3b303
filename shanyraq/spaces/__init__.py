"""Halls, rooms, studios, bookings, calendars."""
