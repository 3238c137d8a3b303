"""Museum: artifacts, vocabularies, movements, loans in/out, exhibitions, IIIF."""
