"""Staff pages around one artifact: find it, its condition checks, its images.

Reading needs the `view_` permission (front desk reads); every POST needs the matching
`add_`/`change_`/`delete_` permission and is refused with 403 otherwise, before anything is read
from the upload. The services check the content and write all or nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from shanyraq.collection import forms, staff_selectors
from shanyraq.collection.models import Artifact, ArtifactImage
from shanyraq.collection.services.images import image_remove, image_set_primary, image_update, images_add
from shanyraq.collection.services.procedures import condition_check_record
from shanyraq.core.permissions import staff_permission_required


def _refuse_post_without(request, perm: str) -> None:
    if request.method == "POST" and not request.user.has_perm(perm):
        raise PermissionDenied


@staff_permission_required("collection.view_artifact")
def artifact_find(request):
    """Find an artifact by accession number or title; an exact number goes straight to its page."""
    q = request.GET.get("q", "").strip()
    if q and Artifact.objects.filter(accession_number=q).exists():
        return redirect("collection_staff:artifact", accession=q)
    results = staff_selectors.artifacts_staff_find(q)
    return render(request, "collection/staff/find.html", {"q": q, "results": results})


@staff_permission_required("collection.view_artifact", "collection.view_conditioncheck")
def artifact_conditions(request, accession: str):
    _refuse_post_without(request, "collection.add_conditioncheck")
    artifact = get_object_or_404(Artifact, accession_number=accession)
    can_add = request.user.has_perm("collection.add_conditioncheck")
    form = None
    if can_add:
        initial = {"checked_on": timezone.localdate(), "checked_by": request.user.pk}
        form = forms.ConditionCheckForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            condition_check_record(
                actor=request.user,
                artifact=artifact,
                grade=data["grade"],
                checked_on=data["checked_on"],
                checked_by=data["checked_by"],
                notes=data["notes"],
                images=forms.read_files(data["images"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Condition check recorded."))
            return redirect("collection_staff:artifact_conditions", accession=accession)
    return render(
        request,
        "collection/staff/conditions.html",
        {"artifact": artifact, "form": form, "checks": staff_selectors.condition_checks_of(artifact)},
    )


def _images_page(request, artifact: Artifact, *, upload_form=None, bound_text_form=None, status=200):
    can_change = request.user.has_perm("collection.change_artifactimage")
    images = list(staff_selectors.images_of(artifact))
    for image in images:
        if bound_text_form is not None and bound_text_form[0] == image.pk:
            image.text_form = bound_text_form[1]
        elif can_change:
            fields = forms.ImageTextForm.base_fields
            image.text_form = forms.ImageTextForm(
                initial={name: getattr(image, name) or "" for name in fields}, prefix=f"image-{image.pk}"
            )
        else:
            image.text_form = None
    if upload_form is None and request.user.has_perm("collection.add_artifactimage"):
        upload_form = forms.ImageUploadForm()
    return render(
        request,
        "collection/staff/images.html",
        {
            "artifact": artifact,
            "images": images,
            "upload_form": upload_form,
            "can_change": can_change,
            "can_delete": request.user.has_perm("collection.delete_artifactimage"),
        },
        status=status,
    )


@staff_permission_required("collection.view_artifact", "collection.view_artifactimage")
def artifact_images(request, accession: str):
    """The artifact's images; a POST uploads one or several (all are added, or none)."""
    _refuse_post_without(request, "collection.add_artifactimage")
    artifact = get_object_or_404(Artifact, accession_number=accession)
    if request.method != "POST":
        return _images_page(request, artifact)
    form = forms.ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = images_add(
                actor=request.user,
                artifact=artifact,
                files=forms.read_files(form.cleaned_data["images"]),
                primary=form.cleaned_data["primary"],
                **form.texts(),
            )
        except ValidationError as exc:
            form.add_error("images", exc)
        else:
            messages.success(
                request,
                ngettext("%(count)s image added.", "%(count)s images added.", len(added))
                % {"count": len(added)},
            )
            return redirect("collection_staff:artifact_images", accession=accession)
    return _images_page(request, artifact, upload_form=form)


def _image(accession: str, pk: int) -> ArtifactImage:
    return get_object_or_404(
        ArtifactImage.objects.select_related("artifact"), pk=pk, artifact__accession_number=accession
    )


@staff_permission_required("collection.change_artifactimage")
@require_POST
def artifact_image_texts(request, accession: str, pk: int):
    image = _image(accession, pk)
    form = forms.ImageTextForm(request.POST, prefix=f"image-{pk}")
    if not form.is_valid():
        return _images_page(request, image.artifact, bound_text_form=(pk, form))
    image_update(actor=request.user, image=image, **form.texts())
    messages.success(request, _("Image texts saved."))
    return redirect("collection_staff:artifact_images", accession=accession)


@staff_permission_required("collection.change_artifactimage")
@require_POST
def artifact_image_primary(request, accession: str, pk: int):
    image_set_primary(actor=request.user, image=_image(accession, pk))
    messages.success(request, _("Primary image changed."))
    return redirect("collection_staff:artifact_images", accession=accession)


@staff_permission_required("collection.delete_artifactimage")
@require_POST
def artifact_image_remove(request, accession: str, pk: int):
    image_remove(actor=request.user, image=_image(accession, pk))
    messages.success(request, _("Image removed."))
    return redirect("collection_staff:artifact_images", accession=accession)
