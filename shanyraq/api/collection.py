"""API endpoints of the collection module."""

from ninja import Router

router = Router()
