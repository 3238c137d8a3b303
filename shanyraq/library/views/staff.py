"""Staff pages besides the desk: MARC import, record editing, patron cards, reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from shanyraq.core.permissions import staff_permission_required
from shanyraq.library import reports
from shanyraq.library.forms import ImportForm, PatronForm, RecordForm
from shanyraq.library.models import Record
from shanyraq.library.selectors import marc_imports_recent, patron_by_barcode
from shanyraq.library.services.catalogue import record_create, record_data_from_form, record_update
from shanyraq.library.services.import_jobs import import_job_resumable, import_jobs_reap
from shanyraq.library.services.marc_import import marc_import
from shanyraq.library.services.patrons import patron_create, patron_pin_set
from shanyraq.people.services import person_create


@staff_permission_required("library.import_marc")
def import_marc(request):
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, dry_run = upload.read(), form.cleaned_data["dry_run"]
        report = marc_import(
            data=data,
            dry_run=dry_run,
            merge=form.cleaned_data["merge"],
            actor=request.user,
            file_name=upload.name,
            resume=None if dry_run else import_job_resumable(data),
        )
    import_jobs_reap()  # a killed import shows as interrupted, with what it committed
    return render(
        request,
        "library/staff/import.html",
        {"form": form, "report": report, "imports": marc_imports_recent()},
    )


def _edit(request, record: Record | None):
    initial = RecordForm.initial_for(record) if record else None
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = record_data_from_form(form.cleaned_data)
            if record is not None:
                if form.cleaned_data["authors"].strip() == initial["authors"].strip():
                    # Unchanged authors keep their other-script forms and roles.
                    data.contributors = [(c.name, c.name_parallel, c.role) for c in record.contributors.all()]
                data.classifications = [(c.scheme, c.number) for c in record.classifications.all()]
                data.parallel = record.parallel
                data.control_number = record.control_number
                record = record_update(record=record, data=data, actor=request.user)
            else:
                record = record_create(data=data, actor=request.user)
            messages.success(request, _("The record is saved."))
            return redirect(record)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return render(request, "library/staff/record_form.html", {"form": form, "record": record})


@staff_permission_required("library.add_record")
def record_new(request):
    return _edit(request, None)


@staff_permission_required("library.change_record")
def record_edit(request, pk: int):
    return _edit(
        request, get_object_or_404(Record.objects.prefetch_related("contributors", "subjects"), pk=pk)
    )


@staff_permission_required("library.add_patron")
def patron_new(request):
    form = PatronForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        guardian = None
        if cd["guardian_card"]:
            card = patron_by_barcode(cd["guardian_card"])
            guardian = card.person if card else None
            if guardian is None:
                form.add_error("guardian_card", _("No card has this barcode."))
        if not form.errors:
            try:
                with transaction.atomic():
                    person = person_create(
                        name=cd["name"],
                        email=cd["email"] or "",
                        language=cd["language"],
                        birth_date=cd["birth_date"],
                        guardian=guardian,
                        guardian_consent=guardian is not None,
                        actor=request.user,
                    )
                    patron = patron_create(
                        person=person, barcode=cd["barcode"], category=cd["category"], actor=request.user
                    )
                    if cd["pin"]:
                        patron_pin_set(patron=patron, pin=cd["pin"], actor=request.user)
                request.session["library_desk_patron"] = patron.pk
                return redirect("library_staff:desk")
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
    return render(request, "library/staff/patron_form.html", {"form": form})


REPORTS = {
    "loans": (
        lambda: [_("Month"), pgettext("book", "Language"), _("Patron category"), _("Loans")],
        reports.loans_by_month,
    ),
    "popular": (lambda: ["ID", pgettext("bibliographic", "Title"), _("Loans")], reports.most_borrowed),
    "overdue": (
        lambda: [_("Copy"), pgettext("bibliographic", "Title"), _("Due on"), _("Days overdue")],
        reports.overdue,
    ),
    "acquisitions": (
        lambda: [_("Acquired on"), _("Copy"), pgettext("bibliographic", "Title")],
        reports.new_acquisitions,
    ),
}


@staff_permission_required("library.view_reports")
def report_index(request):
    tables = {name: (header(), fn()) for name, (header, fn) in REPORTS.items()}
    return render(request, "library/staff/reports.html", {"tables": tables})


@staff_permission_required("library.view_reports")
def report_export(request, name: str, fmt: str):
    if name not in REPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, fn = REPORTS[name]
    if fmt == "csv":
        body, ctype = reports.to_csv(header(), fn()), "text/csv; charset=utf-8"
    else:
        body = reports.to_xlsx(header(), fn())
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="library-{name}.{fmt}"'
    return response
