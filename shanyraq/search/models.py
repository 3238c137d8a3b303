"""The search index tables.

`SearchEntry` holds one row per indexed thing with its keys already normalized (see
normalizer.py). The full-text structure hangs off it and is kept in step by the database itself:
on SQLite an FTS5 external-content table `search_fts` (rowid = SearchEntry.id) maintained by
triggers, on PostgreSQL a generated `tsv` tsvector column with a GIN index (migration 0001).
`SearchTerm` is the typo-tolerance vocabulary shared by both backends (SymSpell deletions).
"""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.CharField(max_length=80)
    titles = models.JSONField(default=dict)
    summaries = models.JSONField(default=dict)
    path = models.CharField(max_length=300, blank=True)
    public = models.BooleanField(default=True)
    # Space-separated match keys of titles and names (skeletons, Han uni/bigrams, pinyin pairs).
    title_keys = models.TextField(blank=True)
    # Space-separated match keys of the body text.
    body_keys = models.TextField(blank=True)
    # Private-use marker tokens for filtering inside the full-text index (public, kind).
    meta_keys = models.TextField(blank=True)
    # Exact folded words of titles and names, space-separated (ranking same-script matches).
    title_exact = models.TextField(blank=True)
    # One phrase key per title or name, newline-separated (ranking exact title matches first).
    title_phrases = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchWord(models.Model):
    """Every skeleton of five letters or more ever indexed (so a batch knows which are new)."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term


class SearchTerm(models.Model):
    """A deletion neighbour of an indexed word: `variant` is `term` with at most one letter removed."""

    variant = models.CharField(max_length=64)
    term = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["variant", "term"], name="search_term_unique")]

    def __str__(self) -> str:
        return f"{self.variant}->{self.term}"
