from __future__ import annotations

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shanyraq.core.permissions import staff_permission_required
from shanyraq.ops import health, selectors
from shanyraq.ops.forms import AuditFilterForm

AUDIT_PAGE_SIZE = 50


@never_cache
@require_GET
def health_view(request):
    ok, checks = health.run_checks()
    return JsonResponse(
        {"status": "ok" if ok else "fail", "time": timezone.now().isoformat(), "checks": checks},
        status=200 if ok else 503,
    )


@staff_permission_required("ops.view_jobrun")
def jobs_view(request):
    return render(
        request,
        "ops/jobs.html",
        {"lines": selectors.job_overview(), "runs": selectors.recent_runs()},
    )


@staff_permission_required("core.view_auditevent")
def audit_view(request):
    """The audit trail for the director: who did what to which record, and when (read only)."""
    form = AuditFilterForm(request.GET or None, record_types=selectors.audit_record_types())
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = selectors.audit_events(**filters) if not form.errors else selectors.audit_events().none()
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ops/audit.html", {"form": form, "page": page, "query": query.urlencode()})
