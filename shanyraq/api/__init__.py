"""The public and partner API at /api/v1/ (OpenAPI schema at /api/v1/openapi.json).

Each domain has its own router module here; handlers parse, call one service or selector,
and serialize. Translated fields are shown as {"zh-hans": .., "en": .., "kk": .., "ru": ..}.
The NinjaAPI instance lives in `main.py` (imported by the URLconf, not at app loading).
"""
