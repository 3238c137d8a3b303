from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shanyraq.core.permissions import staff_permission_required
from shanyraq.ops import health, selectors


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
