"""Staff pages: move an artifact, import, loans due, loan in, edit texts, QR label sheets."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shanyraq.collection import forms, selectors
from shanyraq.collection.models import Artifact
from shanyraq.collection.services.artifacts import artifact_create, artifact_update
from shanyraq.collection.services.imports import FileFormatError, artifacts_import, read_rows
from shanyraq.collection.services.loans import loan_in_create
from shanyraq.collection.services.procedures import (
    artifact_move,
    inventory_sweep_finish,
    inventory_sweep_mark_seen,
    inventory_sweep_start,
)
from shanyraq.core import languages
from shanyraq.core.permissions import staff_permission_required
from shanyraq.spaces.models import Space


@staff_permission_required("collection.move_artifact")
def move(request):
    initial = {"artifact": request.GET.get("artifact", "")}
    form = forms.MoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            artifact_move(
                actor=request.user,
                artifact=data["artifact"],
                space=data["space"],
                reason=data["reason"],
                location_detail=data["location_detail"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(number)s moved.") % {"number": data["artifact"].accession_number})
            return redirect("collection_staff:artifact", accession=data["artifact"].accession_number)
    return render(request, "collection/staff/move.html", {"form": form})


@staff_permission_required("collection.import_artifacts")
def import_view(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            form.add_error("file", _("The file is too large."))
        else:
            try:
                rows = read_rows(upload.read(), upload.name)
            except FileFormatError as exc:
                form.add_error("file", str(exc))
            else:
                report = artifacts_import(actor=request.user, rows=rows, dry_run=form.cleaned_data["dry_run"])
    return render(request, "collection/staff/import.html", {"form": form, "report": report})


@staff_permission_required("collection.view_loanin")
def loans_due(request):
    return render(request, "collection/staff/loans_due.html", {"loans": selectors.loans_in_due()})


@staff_permission_required("collection.add_loanin")
def loan_in_new(request):
    form = forms.LoanInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            loan_in_create(actor=request.user, **form.agreement())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Loan recorded."))
            return redirect("collection_staff:loans_due")
    return render(request, "collection/staff/loan_in.html", {"form": form})


@staff_permission_required("collection.view_artifact")
def artifact(request, accession: str):
    obj = get_object_or_404(
        Artifact.objects.select_related("current_movement__space", "category", "period"),
        accession_number=accession,
    )
    return render(
        request,
        "collection/staff/artifact.html",
        {
            "artifact": obj,
            "movements": obj.movements.select_related("space", "moved_by")[:50],
            "loans_in": obj.loans_in.all(),
            "loans_out": obj.loans_out.all(),
            "checks": obj.condition_checks.all()[:20],
            "can_move": request.user.has_perm("collection.move_artifact"),
            "can_edit": request.user.has_perm("collection.change_artifact"),
            "can_see_checks": request.user.has_perm("collection.view_conditioncheck"),
            "can_see_images": request.user.has_perm("collection.view_artifactimage"),
            "can_see_loans_out": request.user.has_perm("collection.view_loanout"),
            "can_lend": request.user.has_perm("collection.add_loanout"),
        },
    )


@staff_permission_required("collection.add_artifact")
@require_http_methods(["GET", "POST"])
def artifact_new(request):
    """A curator catalogues a new object here, in any one of the four languages."""
    form = forms.ArtifactForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            obj = artifact_create(
                actor=request.user,
                accession_number=form.cleaned_data["accession_number"] or None,
                **form.record_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("collection_staff:artifact", accession=obj.accession_number)
    return render(
        request,
        "collection/staff/edit.html",
        {"form": form, "artifact": None},
        status=400 if form.errors else 200,
    )


@staff_permission_required("collection.change_artifact")
@require_http_methods(["GET", "POST"])
def artifact_edit(request, accession: str):
    obj = get_object_or_404(Artifact, accession_number=accession)
    form = forms.ArtifactForm(request.POST or None)
    if request.method == "GET":
        form = forms.ArtifactForm(initial={name: getattr(obj, name) for name in form.fields})
    if request.method == "POST" and form.is_valid():
        try:
            artifact_update(actor=request.user, artifact=obj, **form.record_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("collection_staff:artifact", accession=accession)
    return render(
        request,
        "collection/staff/edit.html",
        {"form": form, "artifact": obj},
        status=400 if form.errors else 200,
    )


@staff_permission_required("collection.view_artifact")
def labels_index(request):
    return render(
        request,
        "collection/staff/labels_index.html",
        {
            "halls": Space.objects.filter(kind__in=[Space.Kind.HALL]).order_by("order", "slug"),
        },
    )


@staff_permission_required("collection.view_artifact")
def labels(request, slug: str):
    """An A4 sheet of labels for one hall: QR to the language-neutral phone URL + four titles."""
    hall = get_object_or_404(Space, slug=slug)
    if hall.kind != Space.Kind.HALL:
        raise Http404
    items = []
    for art in selectors.artifacts_in_hall(hall):
        url = f"{settings.SITE_URL}/collection/a/{art.accession_number}/"
        svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)
        titles = [(code, languages.value_in(art, "title", code)) for code in languages.codes()]
        svg = mark_safe(svg)  # noqa: S308 - segno's own SVG of a URL we built
        items.append({"artifact": art, "url": url, "svg": svg, "titles": [t for t in titles if t[1]]})
    return render(request, "collection/staff/labels.html", {"hall": hall, "items": items})


@staff_permission_required("collection.add_inventorysweep")
def inventory(request):
    """One sweep of a space: the numbers seen are recorded, the artifacts not seen are listed."""
    form = forms.InventoryForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        sweep = inventory_sweep_start(actor=request.user, space=form.cleaned_data["space"])
        unknown = inventory_sweep_mark_seen(
            actor=request.user, sweep=sweep, accession_numbers=form.cleaned_data["seen"]
        )
        missing = inventory_sweep_finish(actor=request.user, sweep=sweep)
        result = {"sweep": sweep, "missing": missing, "unknown": unknown, "seen": sweep.sightings.count()}
    return render(request, "collection/staff/inventory.html", {"form": form, "result": result})
