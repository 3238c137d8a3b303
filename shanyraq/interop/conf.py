"""Settings of the interop endpoints, read at call time, overridable in Django settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

# Records per ListRecords page and headers per ListIdentifiers page (settings.OAI_PAGE_SIZE):
# large enough that a harvester of 100,000 records makes 200 requests, small enough that one
# page's ids are all a response holds in memory.
DEFAULT_OAI_PAGE_SIZE = 500
DEFAULT_OAI_REPOSITORY_NAME = "Shanyraq cultural center: library and collection"


def oai_page_size() -> int:
    return int(getattr(settings, "OAI_PAGE_SIZE", DEFAULT_OAI_PAGE_SIZE))


def oai_repository_name() -> str:
    return getattr(settings, "OAI_REPOSITORY_NAME", DEFAULT_OAI_REPOSITORY_NAME)


def oai_repository_identifier() -> str:
    """The domain in every `oai:<domain>:<local id>` identifier: stable, so it comes from settings
    (OAI_REPOSITORY_IDENTIFIER, else SITE_URL's host), never from the request's Host header."""
    configured = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "")
    return configured or urlsplit(settings.SITE_URL).hostname or "localhost"


def oai_admin_emails() -> list[str]:
    configured = getattr(settings, "OAI_ADMIN_EMAILS", None)
    if configured:
        return list(configured)
    return [address for _name, address in getattr(settings, "ADMINS", [])] or [settings.DEFAULT_FROM_EMAIL]


# SRU: records per answer when the client does not say, and the most it may ask for.
SRU_DEFAULT_RECORDS = 10
SRU_MAX_RECORDS = 100
