"""Staff pages: list and search authorities, create, edit, and download them as MARCXML."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shanyraq.authorities import marc
from shanyraq.authorities.forms import AuthorityForm, LinkForm
from shanyraq.authorities.models import Authority
from shanyraq.authorities.selectors import authority_list, display_name, links_of
from shanyraq.authorities.services import authority_create, authority_update, link_add, link_remove
from shanyraq.core.permissions import staff_permission_required


@staff_permission_required("authorities.view_authority")
def authority_index(request):
    q = request.GET.get("q", "")[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in Authority.Kind.values else ""
    page = Paginator(authority_list(q, kind).prefetch_related("variants"), 50).get_page(
        request.GET.get("page")
    )
    rows = [(a, *display_name(a)) for a in page.object_list]
    return render(
        request,
        "authorities/index.html",
        {"page": page, "rows": rows, "q": q, "kind": kind, "kinds": Authority.Kind.choices},
    )


def _edit(request, authority: Authority | None):
    form = AuthorityForm(
        request.POST or None, initial=AuthorityForm.initial_for(authority) if authority else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            if authority is None:
                authority = authority_create(form.to_data())
            else:
                authority = authority_update(authority, form.to_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("authorities_staff:edit", pk=authority.pk)
    context = {"form": form, "authority": authority}
    if authority is not None:
        context |= {"links": links_of(authority), "link_form": LinkForm()}
    return render(request, "authorities/form.html", context)


@staff_permission_required("authorities.add_authority")
def authority_new(request):
    return _edit(request, None)


@staff_permission_required("authorities.change_authority")
def authority_edit(request, pk: int):
    return _edit(request, get_object_or_404(Authority, pk=pk))


@staff_permission_required("authorities.view_authority")
def authority_export(request):
    response = HttpResponse(marc.marcxml(marc.export_queryset()), content_type="application/marcxml+xml")
    response["Content-Disposition"] = 'attachment; filename="authorities.xml"'
    return response


@require_POST
@staff_permission_required("authorities.change_authority")
def authority_links(request, pk: int):
    """Add a link (the link form) or remove one (`remove` = "<target>:<link id>")."""
    authority = get_object_or_404(Authority, pk=pk)
    remove = request.POST.get("remove", "")
    if remove:
        target, _sep, link_id = remove.partition(":")
        if link_id.isdigit() and link_remove(authority, target=target, link_id=int(link_id)):
            messages.success(request, _("Link removed."))
        return redirect("authorities_staff:edit", pk=authority.pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            link_add(authority, **form.cleaned_data)
        except ValidationError:
            messages.error(request, _("Nothing with that number was found; the link was not made."))
        else:
            messages.success(request, _("Linked."))
    else:
        messages.error(request, _("Nothing with that number was found; the link was not made."))
    return redirect("authorities_staff:edit", pk=authority.pk)
