"""Look for strings everywhere the database stores anything: every model's every column (JSON
decoded, sessions decoded), then every table and column again in raw SQL, including the search
index's full-text tables (SQLite FTS5 shadow tables, PostgreSQL tsvector columns)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection


def _text(value) -> str:
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


def _orm_values() -> Iterator[tuple[str, str]]:
    for model in apps.get_models(include_auto_created=True):
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model._default_manager.values_list(*names):
            for name, value in zip(names, row, strict=True):
                yield f"{model._meta.label}.{name}", _text(value)
    for session in Session.objects.all():
        yield "Session.decoded", json.dumps(session.get_decoded(), ensure_ascii=False, default=str)


def _raw_values() -> Iterator[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [t for (t,) in cursor.fetchall()]
            for table in tables:
                cursor.execute(f'SELECT * FROM "{table}"')
                columns = [d[0] for d in cursor.description]
                for row in cursor.fetchall():
                    for column, value in zip(columns, row, strict=True):
                        yield f"{table}.{column}", _text(value)
        else:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            )
            for table, column in cursor.fetchall():
                cursor.execute(f'SELECT "{column}"::text FROM "{table}"')
                for (value,) in cursor.fetchall():
                    yield f"{table}.{column}", _text(value)


def _unescaped(text: str) -> str:
    """JSON stored with \\u escapes (SQLite) read as the characters they stand for."""
    if "\\u" not in text:
        return text
    try:
        return text.encode("ascii", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return text


def find(markers: Iterable[str]) -> dict[str, list[str]]:
    """{marker: [table.column, ...]} for every marker found anywhere (case-insensitive)."""
    wanted = {m: m.casefold() for m in markers}
    found: dict[str, set[str]] = {}
    for where, text in (*_orm_values(), *_raw_values()):
        folded = _unescaped(text).casefold()
        for marker, key in wanted.items():
            if key in folded:
                found.setdefault(marker, set()).add(where)
    return {m: sorted(w) for m, w in found.items()}
