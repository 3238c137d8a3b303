"""The staff dashboard page: the signed-in role's charts for the chosen period and language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from shanyraq.core.exports import rows_to_csv, rows_to_xlsx
from shanyraq.site.dashboard import selectors
from shanyraq.site.dashboard.periods import PERIODS, Period
from shanyraq.site.dashboard.svg import render as render_svg
from shanyraq.site.sections import staff_links

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(chart: selectors.Chart, fmt: str, period: Period) -> HttpResponse:
    name = f"{chart.slug}-{period.name}-{period.buckets[0].isoformat()}"
    if fmt == "csv":
        response = HttpResponse(
            rows_to_csv(chart.columns, chart.rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            rows_to_xlsx(chart.columns, chart.rows, slugify(chart.slug)), content_type=XLSX
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def staff_dashboard(request):
    period = Period.last(request.GET.get("period", ""))
    lang = request.GET.get("lang", "")
    if lang not in dict(selectors.visitor_languages()):
        lang = ""
    wanted, fmt = request.GET.get("chart"), request.GET.get("format")
    if wanted or fmt:
        if wanted not in selectors.figures_for(request.user) or fmt not in ("csv", "xlsx"):
            raise Http404
        return _download(selectors.FIGURES[wanted].read(period, lang), fmt, period)
    charts = [(chart, render_svg(chart)) for chart in selectors.charts(request.user, period, lang)]
    return render(
        request,
        "staff/dashboard.html",
        {
            "links": staff_links(request.user),
            "charts": charts,
            "period": period,
            "periods": [(name, str(spec[0])) for name, spec in PERIODS.items()],
            "lang": lang,
            "languages": selectors.visitor_languages(),
        },
    )
