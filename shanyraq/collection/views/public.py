"""Visitor pages: browse with facets, artifact and exhibition pages, the QR redirect, IIIF."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_from_request, override

from shanyraq.collection import selectors
from shanyraq.collection.iiif import manifest_for
from shanyraq.collection.models import Artifact
from shanyraq.core import languages

PAGE_SIZE = 24


class CountedPaginator(Paginator):
    """A paginator that takes the count the selector already has (cached with the facets)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def index(request):
    sort = request.GET.get("sort", "accession")
    browse = selectors.artifacts_browse(
        q=request.GET.get("q", "").strip()[:200],
        category=request.GET.getlist("category"),
        period=request.GET.getlist("period"),
        material=request.GET.getlist("material"),
        hall=request.GET.getlist("hall"),
        on_view=request.GET.get("on_view") == "1",
        sort=sort,
    )
    page = CountedPaginator(browse.artifacts, PAGE_SIZE, count=browse.total).get_page(request.GET.get("page"))
    artifacts = list(page.object_list)
    images = selectors.primary_images([a.pk for a in artifacts])
    for artifact in artifacts:
        artifact.primary_image = images.get(artifact.pk)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "collection/index.html",
        {
            "browse": browse,
            "page": page,
            "artifacts": artifacts,
            "sort": sort,
            "query": request.GET.get("q", ""),
            "querystring": query.urlencode(),
            "on_view": request.GET.get("on_view") == "1",
            "open_exhibitions": selectors.exhibitions_open()[:3],
        },
    )


def _json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


def artifact_detail(request, accession: str):
    try:
        artifact = selectors.artifact_public_get(accession)
    except Artifact.DoesNotExist:
        raise Http404
    hall = selectors.public_hall(artifact)
    exhibitions = selectors.artifact_exhibitions_open(artifact)
    images = list(artifact.images.all())
    lang = languages.current()
    data = {
        "@context": "https://schema.org",
        "@type": "VisualArtwork",
        "name": languages.translated(artifact, "title", lang)[0],
        "identifier": artifact.accession_number,
        "url": request.build_absolute_uri(),
        "description": languages.translated(artifact, "label_text", lang)[0]
        or languages.translated(artifact, "description", lang)[0],
        "artMedium": ", ".join(languages.translated(m, "name", lang)[0] for m in artifact.materials.all()),
        "dateCreated": languages.translated(artifact, "display_date", lang)[0],
        "creditText": languages.translated(artifact, "credit_line", lang)[0],
        "image": [request.build_absolute_uri(i.display.url) for i in images],
        "inLanguage": lang,
    }
    return render(
        request,
        "collection/artifact.html",
        {
            "artifact": artifact,
            "hall": hall,
            "exhibitions": exhibitions,
            "images": images,
            "json_ld": _json_ld({k: v for k, v in data.items() if v}),
            "manifest_url": reverse(
                "collection-iiif-manifest", kwargs={"accession": artifact.accession_number}
            ),
        },
    )


def exhibition_list(request):
    today = timezone.localdate()
    exhibitions = selectors.with_covers(selectors.exhibitions_public())
    return render(
        request,
        "collection/exhibitions.html",
        {
            "current": [e for e in exhibitions if e.is_open_on(today)],
            "other": [e for e in exhibitions if not e.is_open_on(today)],
        },
    )


def exhibition_detail(request, slug: str):
    exhibition = get_object_or_404(selectors.exhibitions_public(), slug=slug)
    items = list(selectors.exhibition_items_public(exhibition))
    images = selectors.primary_images([i.artifact_id for i in items])
    for item in items:
        item.artifact.primary_image = images.get(item.artifact_id)
    return render(
        request,
        "collection/exhibition.html",
        {
            "exhibition": exhibition,
            "items": items,
            "cover": selectors.exhibition_covers([exhibition]).get(exhibition.pk),
            "is_open": exhibition.is_open_on(timezone.localdate()),
            "halls": [h for h in exhibition.halls.all() if h.is_public],
        },
    )


def qr_redirect(request, accession: str):
    """Language-neutral QR target: the phone's Accept-Language picks the page language."""
    lang = languages.normalize(get_language_from_request(request, check_path=False)) or "en"
    with override(lang):
        url = reverse("collection:artifact", kwargs={"accession": accession})
    response = HttpResponseRedirect(url)
    response["Vary"] = "Accept-Language, Cookie"
    return response


def iiif_manifest(request, accession: str):
    try:
        artifact = selectors.artifact_public_get(accession)
    except Artifact.DoesNotExist:
        raise Http404
    base = request.build_absolute_uri("/").rstrip("/")
    response = JsonResponse(manifest_for(artifact, base_url=base), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
