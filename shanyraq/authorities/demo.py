"""Demo: the starter authority file, and links from the demo's books (by author), artifacts and
programs (by the names their titles carry) to it. Runs after the library, collection and
programs demos (site/management/commands/load_demo.py)."""

from __future__ import annotations

from django.db import transaction

from shanyraq.authorities.models import ArtifactLink, ProgramLink, RecordLink
from shanyraq.authorities.selectors import authorities_named_in, authorities_with_form
from shanyraq.authorities.starter import load_starter


def _titles(obj) -> str:
    return " ; ".join(filter(None, (getattr(obj, f"title_{x}", "") for x in ("zh_hans", "en", "kk", "ru"))))


def load() -> dict[str, int]:
    from django.apps import apps

    created, updated = load_starter()
    Contributor = apps.get_model("library", "Contributor")
    Artifact = apps.get_model("collection", "Artifact")
    Program = apps.get_model("programs", "Program")
    links = {"records": 0, "artifacts": 0, "programs": 0}
    with transaction.atomic():
        for c in Contributor.objects.only("record_id", "name", "name_parallel").iterator():
            for authority_id in authorities_with_form(c.name) or authorities_with_form(c.name_parallel):
                _obj, made = RecordLink.objects.get_or_create(
                    authority_id=authority_id, record_id=c.record_id, role=RecordLink.Role.AUTHOR
                )
                links["records"] += made
        for artifact in Artifact.objects.all():
            for authority_id in authorities_named_in(_titles(artifact)):
                _obj, made = ArtifactLink.objects.get_or_create(
                    authority_id=authority_id, artifact=artifact, role=ArtifactLink.Role.SUBJECT
                )
                links["artifacts"] += made
        for program in Program.objects.all():
            for authority_id in authorities_named_in(_titles(program)):
                _obj, made = ProgramLink.objects.get_or_create(
                    authority_id=authority_id, program=program, role=ProgramLink.Role.SUBJECT
                )
                links["programs"] += made
    return {"authorities created": created, "authorities updated": updated, **links}
