"""IIIF endpoints without a language prefix: the Image API of published artifacts' images and
the Collection of published artifacts. Answers carry CORS so any viewer may load them."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from shanyraq.collection import iiif_image, selectors
from shanyraq.collection.iiif import collection_for
from shanyraq.collection.models import ArtifactImage

PRESENTATION_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _image(pk: int) -> ArtifactImage:
    image = ArtifactImage.objects.filter(pk=pk, artifact__in=selectors.artifacts_public()).first()
    if image is None:
        raise Http404
    return image


@require_GET
def image_service(request, pk: int):
    """The service's base URI answers with a redirect to its info.json, as the API asks."""
    _image(pk)
    response = HttpResponseRedirect(request.build_absolute_uri(f"{request.path}/info.json"))
    response.status_code = 303
    return _cors(response)


@require_GET
def image_info(request, pk: int):
    image = _image(pk)
    service_id = request.build_absolute_uri(image.iiif_service_path)
    body = json.dumps(iiif_image.info(image, service_id=service_id))
    accepts_ld = "application/ld+json" in request.headers.get("Accept", "")
    response = HttpResponse(body, content_type=iiif_image.MEDIA_TYPE if accepts_ld else "application/json")
    response["Link"] = (
        f'<{iiif_image.CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
    )
    response["Cache-Control"] = "public, max-age=86400"
    return _cors(response)


@require_GET
def image_request(request, pk: int, region: str, size: str, rotation: str, quality: str, fmt: str):
    image = _image(pk)
    try:
        data, media_type = iiif_image.render(image, region, size, rotation, quality, fmt)
    except iiif_image.ImageRequestError as error:
        return _cors(HttpResponse(str(error), status=error.status, content_type="text/plain; charset=utf-8"))
    response = HttpResponse(data, content_type=media_type)
    response["Cache-Control"] = "public, max-age=86400"
    return _cors(response)


@require_GET
def collection(request):
    artifacts = (
        selectors.artifacts_public()
        .order_by("accession_number")
        .only("accession_number", *(f"title_{s}" for s in ("zh_hans", "en", "kk", "ru")))
    )
    body = collection_for(artifacts, base_url=request.build_absolute_uri("/").rstrip("/"))
    return _cors(HttpResponse(json.dumps(body, ensure_ascii=False), content_type=PRESENTATION_TYPE))
