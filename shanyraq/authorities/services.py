"""Changes to authorities. Every writer (staff pages, admin, MARC import, the starter file) goes
through these, so the search keys (Key rows) always match the forms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from shanyraq.authorities.models import (
    ArtifactLink,
    Authority,
    Key,
    ProgramLink,
    RecordLink,
    Relation,
    Variant,
)
from shanyraq.authorities.scripts import detect_script
from shanyraq.search.normalizer import phrase

LANGS = ("zh_hans", "en", "kk", "ru")


@dataclass
class VariantData:
    text: str
    source: str = ""
    script: str = ""  # detected when blank


@dataclass
class AuthorityData:
    kind: str
    names: dict[str, str]  # field suffix (zh_hans, en, kk, ru) -> preferred form
    dates: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    control_number: str = ""
    variants: list[VariantData] = field(default_factory=list)


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _validate(data: AuthorityData) -> None:
    if data.kind not in Authority.Kind.values:
        raise ValidationError({"kind": f"unknown kind {data.kind!r}"})
    if not any(_clean(data.names.get(lang, "")) for lang in LANGS):
        raise ValidationError({"name": "an authority needs a preferred form in at least one language"})


def authority_rekey(authority: Authority, *, new: bool = False) -> None:
    """Rebuild the phrase keys of every form; forms whose keys are empty (punctuation) are skipped.
    `new`: the authority was just created and has no keys yet (nothing to read or delete)."""
    forms = [getattr(authority, f"name_{lang}") or "" for lang in LANGS]
    forms += list(authority.variants.values_list("text", flat=True))
    keys = sorted({k for k in (phrase(f) for f in forms) if k})
    have: set[str] = set()
    if not new:
        Key.objects.filter(authority=authority).exclude(key__in=keys).delete()
        have = set(Key.objects.filter(authority=authority).values_list("key", flat=True))
    Key.objects.bulk_create([Key(authority=authority, key=k) for k in keys if k not in have])


def _set_variants(authority: Authority, variants: Iterable[VariantData], *, new: bool = False) -> None:
    """Make the authority's variant forms these (the preferred forms and repeats left out), in one
    insert for the forms it does not have. `new`: just created, so it has none to read or delete."""
    preferred = {_clean(getattr(authority, f"name_{lang}") or "") for lang in LANGS}
    wanted: dict[str, VariantData] = {}
    for v in variants:
        text = _clean(v.text)
        if text and text not in preferred and text not in wanted:
            wanted[text] = v
    existing: dict[str, Variant] = {}
    if not new:
        authority.variants.exclude(text__in=list(wanted)).delete()
        existing = {v.text: v for v in authority.variants.all()}
    added = []
    for text, v in wanted.items():
        script = v.script or detect_script(text)
        row = existing.get(text)
        if row is None:
            added.append(Variant(authority=authority, text=text, script=script, source=_clean(v.source)))
        elif (row.script, row.source) != (script, _clean(v.source)):
            row.script, row.source = script, _clean(v.source)
            row.save(update_fields=["script", "source"])
    Variant.objects.bulk_create(added)


def authority_create(data: AuthorityData) -> Authority:
    _validate(data)
    with transaction.atomic():
        authority = Authority(
            kind=data.kind, dates=_clean(data.dates), control_number=_clean(data.control_number)
        )
        _assign(authority, data)
        authority.full_clean(exclude=["name", "note"])
        authority.save()
        _set_variants(authority, data.variants, new=True)
        authority_rekey(authority, new=True)
    return authority


def _assign(authority: Authority, data: AuthorityData) -> None:
    for lang in LANGS:
        setattr(authority, f"name_{lang}", _clean(data.names.get(lang, "")))
        setattr(authority, f"note_{lang}", (data.notes.get(lang) or "").strip())
    # The untranslated column mirrors English (or the first form there is) for the admin and sorting.
    authority.name = authority.name_en or next(
        (getattr(authority, f"name_{x}") for x in LANGS if getattr(authority, f"name_{x}")), ""
    )


def authority_update(authority: Authority, data: AuthorityData) -> Authority:
    """Replace the authority's forms; links and relations stay (merge-safe: the row keeps its id)."""
    _validate(data)
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority.pk)
        authority.kind = data.kind
        authority.dates = _clean(data.dates)
        if data.control_number:
            authority.control_number = _clean(data.control_number)
        _assign(authority, data)
        authority.full_clean(exclude=["name", "note"])
        authority.save()
        _set_variants(authority, data.variants)
        authority_rekey(authority)
    return authority


def variant_add(authority: Authority, text: str, *, source: str = "", script: str = "") -> Variant | None:
    """Add one variant form (None when it is already a form of this authority)."""
    text = _clean(text)
    if not text:
        raise ValidationError({"text": "empty form"})
    with transaction.atomic():
        if authority.variants.filter(text=text).exists() or text in {
            _clean(getattr(authority, f"name_{lang}") or "") for lang in LANGS
        }:
            return None
        variant = Variant.objects.create(
            authority=authority, text=text, script=script or detect_script(text), source=_clean(source)
        )
        authority_rekey(authority)
    return variant


def relation_add(authority: Authority, related: Authority, note: str = "") -> Relation:
    if authority.pk == related.pk:
        raise ValidationError({"related": "an authority cannot see-also itself"})
    relation, _created = Relation.objects.update_or_create(
        authority=authority, related=related, defaults={"note": _clean(note)}
    )
    return relation


def authority_merge(*, keep: Authority, drop: Authority) -> Authority:
    """Fold a duplicate into `keep`: its preferred forms become variants, its variants, links and
    relations move over, then it is deleted. Nothing that pointed at `drop` is lost."""
    if keep.pk == drop.pk:
        raise ValidationError("cannot merge an authority into itself")
    with transaction.atomic():
        keep = Authority.objects.select_for_update().get(pk=keep.pk)
        drop = Authority.objects.select_for_update().get(pk=drop.pk)
        forms = [VariantData(getattr(drop, f"name_{lang}") or "", "merged") for lang in LANGS]
        forms += [VariantData(v.text, v.source, v.script) for v in drop.variants.all()]
        current = [VariantData(v.text, v.source, v.script) for v in keep.variants.all()]
        _set_variants(keep, current + forms)
        for model, target in ((RecordLink, "record"), (ArtifactLink, "artifact"), (ProgramLink, "program")):
            for link in model.objects.filter(authority=drop):
                model.objects.get_or_create(authority=keep, role=link.role, **{target: getattr(link, target)})
        for rel in Relation.objects.filter(authority=drop).exclude(related=keep):
            Relation.objects.get_or_create(authority=keep, related=rel.related, defaults={"note": rel.note})
        for rel in Relation.objects.filter(related=drop).exclude(authority=keep):
            Relation.objects.get_or_create(authority=rel.authority, related=keep, defaults={"note": rel.note})
        drop.delete()
        authority_rekey(keep)
    return keep


def link_record(authority: Authority, record, role: str = RecordLink.Role.AUTHOR) -> RecordLink:
    link, _created = RecordLink.objects.get_or_create(authority=authority, record=record, role=role)
    return link


def link_artifact(authority: Authority, artifact, role: str = ArtifactLink.Role.MAKER) -> ArtifactLink:
    link, _created = ArtifactLink.objects.get_or_create(authority=authority, artifact=artifact, role=role)
    return link


def link_program(authority: Authority, program, role: str = ProgramLink.Role.PERFORMER) -> ProgramLink:
    link, _created = ProgramLink.objects.get_or_create(authority=authority, program=program, role=role)
    return link


# Link targets by name: (model label, field on the link, lookup field of the identifier staff type).
LINK_TARGETS = {
    "record": (RecordLink, "record", "library.Record", "pk"),
    "artifact": (ArtifactLink, "artifact", "collection.Artifact", "accession_number"),
    "program": (ProgramLink, "program", "programs.Program", "pk"),
}


def link_add(authority: Authority, *, target: str, identifier: str, role: str):
    """Link a record (by number), an artifact (by accession number) or a program (by number)."""
    from django.apps import apps

    if target not in LINK_TARGETS:
        raise ValidationError({"target": "unknown target"})
    model, field, label, lookup = LINK_TARGETS[target]
    if role not in model.Role.values:
        raise ValidationError({"role": "unknown role"})
    identifier = (identifier or "").strip()
    if lookup == "pk" and not identifier.isdigit():
        raise ValidationError({"identifier": "not a number"})
    obj = apps.get_model(label).objects.filter(**{lookup: identifier}).first()
    if obj is None:
        raise ValidationError({"identifier": "not found"})
    link, _created = model.objects.get_or_create(authority=authority, role=role, **{field: obj})
    return link


def link_remove(authority: Authority, *, target: str, link_id: int) -> int:
    if target not in LINK_TARGETS:
        return 0
    deleted, _ = LINK_TARGETS[target][0].objects.filter(authority=authority, pk=link_id).delete()
    return deleted
