"""Machine interfaces other libraries and museums speak: OAI-PMH, SRU and the IIIF Image API.

Like `api` and `site`, this package sits above the domain apps and reads them only through their
models and selectors (decision 021); it owns no models.
"""
