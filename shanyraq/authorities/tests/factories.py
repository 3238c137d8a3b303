"""Authorities as tests need them, made through the service (so their search keys exist)."""

from __future__ import annotations

from shanyraq.authorities.services import AuthorityData, VariantData, authority_create


def make_authority(kind="person", *, zh="", en="", kk="", ru="", variants=(), dates=""):
    return authority_create(
        AuthorityData(
            kind=kind,
            names={"zh_hans": zh, "en": en, "kk": kk, "ru": ru},
            dates=dates,
            variants=[VariantData(*v) if isinstance(v, tuple) else VariantData(v, "test") for v in variants],
        )
    )


def abai():
    return make_authority(
        zh="阿拜·库南拜乌勒",
        en="Abai Qunanbaiuly",
        kk="Абай Құнанбайұлы",
        ru="Абай Кунанбаев",
        dates="1845-1904",
        variants=[
            ("阿拜", "Wikidata Q313495"),
            ("Abai", "LC Name Authority File"),
            ("Абай", "Kazakh national encyclopedia"),
        ],
    )


def shostakovich():
    return make_authority(
        zh="德米特里·肖斯塔科维奇",
        en="Dmitri Shostakovich",
        kk="Дмитрий Шостакович",
        ru="Дмитрий Дмитриевич Шостакович",
        dates="1906-1975",
        variants=[
            ("肖斯塔科维奇", "Wikidata Q80135"),
            ("Shostakovich", "LC Name Authority File"),
            ("Шостакович", "Большая российская энциклопедия"),
        ],
    )
