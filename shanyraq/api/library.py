"""API endpoints of the library module."""

from ninja import Router

router = Router()
