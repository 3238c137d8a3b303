"""DDL for the full-text structures, per database vendor (used by migration 0001)."""

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_keys, body_keys, meta_keys,
        content='search_searchentry', content_rowid='id',
        detail='column', tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_keys, body_keys, meta_keys)
        VALUES (new.id, new.title_keys, new.body_keys, new.meta_keys);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_keys, body_keys, meta_keys)
        VALUES ('delete', old.id, old.title_keys, old.body_keys, old.meta_keys);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_keys, body_keys, meta_keys)
        VALUES ('delete', old.id, old.title_keys, old.body_keys, old.meta_keys);
        INSERT INTO search_fts(rowid, title_keys, body_keys, meta_keys)
        VALUES (new.id, new.title_keys, new.body_keys, new.meta_keys);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _vector(column: str, weight: str | None) -> str:
    # The 'simple' configuration only lowercases: keys arrive already normalized.
    vec = f"to_tsvector('simple'::regconfig, {column})"
    return f"setweight({vec}, '{weight}')" if weight else vec


POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    + " || ".join([_vector("title_keys", "A"), _vector("body_keys", "D"), _vector("meta_keys", None)])
    + ") STORED",
    "CREATE INDEX search_entry_tsv ON search_searchentry USING GIN (tsv)",
    # Titles (and markers) alone: title-only queries get their own index and statistics, so the
    # planner estimates them right (weight-restricted queries on `tsv` are estimated as if
    # unrestricted, which sent sparse title matches down a backward primary-key scan).
    "ALTER TABLE search_searchentry ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS ("
    + " || ".join([_vector("title_keys", None), _vector("meta_keys", None)])
    + ") STORED",
    "CREATE INDEX search_entry_title_tsv ON search_searchentry USING GIN (title_tsv)",
    "CREATE INDEX search_word_trgm ON search_searchword USING GIN (term gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_word_trgm",
    "DROP INDEX IF EXISTS search_entry_title_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_tsv",
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
]


# Migration 0002: the tsvectors stay in the table row (compressed if need be) instead of TOAST.
# Every plan that filters rows by `@@` (a primary-key scan for the newest matches, a recheck)
# read each row's tsvector from the TOAST table first: ~7 buffer reads a row at a million entries.
# Rows written before the migration keep their TOAST copy until rewritten (reindex, VACUUM FULL).
POSTGRES_INLINE = [
    "ALTER TABLE search_searchentry ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN title_tsv SET STORAGE MAIN"
]
POSTGRES_TOASTED = [
    "ALTER TABLE search_searchentry ALTER COLUMN tsv SET STORAGE EXTENDED,"
    " ALTER COLUMN title_tsv SET STORAGE EXTENDED"
]


# Migration 0003: every lexeme of `tsv` that a query prefix can match (four ASCII letters or
# digits first: parse_query gives prefixes only to such words; not the markers, whose doubled
# "zz" no query word has), so a prefix becomes the few
# exact lexemes it stands for (backends/postgres.py). GIN answers a prefix (`'treasures':*`) by
# merging the posting lists of every lexeme it matches into a bitmap first: 35 ms for 'abai':*
# at a million entries against 6 ms for 'abai'. Filled by services._upsert_entries, one
# statement a batch; never pruned (a lexeme no entry has any more matches nothing).
LEXEME_PATTERN = "^[A-Za-z0-9]{4}"
LEXEME_WHERE = f"l ~ '{LEXEME_PATTERN}' AND l NOT LIKE 'zz%%'"  # %% : run with parameters
POSTGRES_LEXEMES_CREATE = [
    'CREATE TABLE search_lexeme (lexeme text COLLATE "C" PRIMARY KEY)',
    "INSERT INTO search_lexeme (lexeme) SELECT DISTINCT l FROM search_searchentry,"
    f" unnest(tsvector_to_array(tsv)) AS l WHERE {LEXEME_WHERE} ON CONFLICT DO NOTHING",
]
# The lexemes of some keys (space-separated) that no entry has any more: erasure (index_forget).
# A lexeme is quoted into a one-lexeme tsquery as the tsquery input syntax wants ('' and \\).
POSTGRES_LEXEMES_FORGET = (
    "DELETE FROM search_lexeme x"
    " WHERE x.lexeme = ANY(tsvector_to_array(to_tsvector('simple'::regconfig, %s)))"
    " AND NOT EXISTS (SELECT 1 FROM search_searchentry e WHERE e.tsv @@"
    " (chr(39) || replace(replace(x.lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39))"
    " || chr(39))::tsquery)"
)
POSTGRES_LEXEMES_DROP = ["DROP TABLE IF EXISTS search_lexeme"]
# The lexemes of the entries just written (by kind and object_id), for services._upsert_entries.
POSTGRES_LEXEMES_ADD = (
    "INSERT INTO search_lexeme (lexeme) SELECT DISTINCT l FROM search_searchentry e"
    " JOIN unnest(%s::text[], %s::text[]) AS k(kind, object_id)"
    " ON e.kind = k.kind AND e.object_id = k.object_id,"
    f" unnest(tsvector_to_array(e.tsv)) AS l WHERE {LEXEME_WHERE}"
    " ORDER BY 1 ON CONFLICT DO NOTHING"
)


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


def _on_postgresql(statements: list[str]):
    """A RunPython step that runs `statements` on PostgreSQL and does nothing on SQLite."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            _run(schema_editor, statements)

    return run


inline = _on_postgresql(POSTGRES_INLINE)  # migration 0002, and back
toasted = _on_postgresql(POSTGRES_TOASTED)
lexemes = _on_postgresql(POSTGRES_LEXEMES_CREATE)  # migration 0003, and back
no_lexemes = _on_postgresql(POSTGRES_LEXEMES_DROP)


# Index maintenance (services.search_index_optimize). SQLite: FTS5 'optimize' merges every segment
# of the index into one b-tree; 'merge' does a bounded amount of that work (pages) and is what an
# import runs. Each committed write transaction adds segments, and a catalogue imported in many
# batches left a query reading hundreds of them. PostgreSQL: a GIN index with fastupdate keeps
# new rows in a pending list that every query scans until VACUUM or gin_clean_pending_list()
# merges it; ANALYZE refreshes the planner's statistics after a large load.
SQLITE_OPTIMIZE = ["INSERT INTO search_fts(search_fts) VALUES('optimize')", "ANALYZE"]
SQLITE_MERGE = "INSERT INTO search_fts(search_fts, rank) VALUES('merge', %s)"
POSTGRES_OPTIMIZE = [
    "SELECT gin_clean_pending_list('search_entry_tsv'::regclass)",
    "SELECT gin_clean_pending_list('search_entry_title_tsv'::regclass)",
    "SELECT gin_clean_pending_list('search_word_trgm'::regclass)",
    "ANALYZE search_searchentry",
    "ANALYZE search_searchterm",
    "ANALYZE search_searchword",
]
