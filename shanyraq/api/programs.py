"""API endpoints of the programs module."""

from ninja import Router

router = Router()
