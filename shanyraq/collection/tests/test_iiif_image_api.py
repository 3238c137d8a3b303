"""IIIF Image API 3 (level 1): a viewer's walk over info.json and every tile, each tile opened
with Pillow at the size the API promises; manifests and the Collection load back in iiif-prezi3."""

from __future__ import annotations

import io
import math

import pytest
from django.core.files.storage import default_storage
from iiif_prezi3 import Collection, Manifest
from PIL import Image

from shanyraq.collection.iiif import rights_uri
from shanyraq.collection.services.artifacts import artifact_create
from shanyraq.collection.services.images import image_add

pytestmark = pytest.mark.django_db
RED, BLUE = (220, 20, 20), (20, 20, 220)


def halves(size=(1300, 700)) -> bytes:
    """Red on the left, blue on the right: a region shows which part of the image it took."""
    img = Image.new("RGB", size, RED)
    img.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def image(settings, tmp_path, curator):
    settings.MEDIA_ROOT = tmp_path
    artifact = artifact_create(
        actor=curator,
        accession_number="KCC.2025.0101",
        published=True,
        title_en="Tus kiiz",
        title_kk="Тұскиіз",
        rights_statement="https://creativecommons.org/licenses/by/4.0",
    )
    return image_add(actor=curator, artifact=artifact, data=halves(), alt_en="Felt hanging")


def fetch(client, path: str) -> Image.Image:
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:200])
    assert response["Access-Control-Allow-Origin"] == "*"
    img = Image.open(io.BytesIO(response.content))
    img.load()
    return img


def test_a_viewer_walks_info_json_and_gets_every_tile_at_its_promised_size(client, image):
    response = client.get(image.iiif_info_url, HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    info = response.json()
    base = f"http://testserver/iiif/3/images/{image.pk}"
    assert (info["id"], info["type"], info["profile"], info["width"], info["height"]) == (
        base,
        "ImageService3",
        "level1",
        1300,
        700,
    )
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2, 4]}]
    assert info["maxArea"] == 16_000_000
    assert info["sizes"] == [{"width": 325, "height": 175}, {"width": 650, "height": 350}]
    tiles = 0
    for factor in info["tiles"][0]["scaleFactors"]:
        span = 512 * factor
        for y in range(0, 700, span):
            for x in range(0, 1300, span):
                w, h = min(span, 1300 - x), min(span, 700 - y)
                tile = fetch(
                    client,
                    f"/iiif/3/images/{image.pk}/{x},{y},{w},{h}/{math.ceil(w / factor)},/0/default.jpg",
                )
                assert tile.size == (math.ceil(w / factor), math.ceil(h / factor)), (factor, x, y)
                tiles += 1
    assert tiles == 6 + 2 + 1
    for size in info["sizes"]:
        assert fetch(client, f"/iiif/3/images/{image.pk}/full/{size['width']},/0/default.jpg").size == (
            size["width"],
            size["height"],
        )


def test_regions_sizes_qualities_and_formats_cut_the_right_pixels(client, image):
    right = fetch(client, f"/iiif/3/images/{image.pk}/700,0,600,700/max/0/default.jpg")
    assert right.size == (600, 700) and _near(right.getpixel((300, 350)), BLUE)
    left = fetch(client, f"/iiif/3/images/{image.pk}/pct:0,0,25,100/,100/0/color.png")
    assert left.format == "PNG" and _near(left.getpixel((10, 50)), RED)
    assert left.size == (round(325 * 100 / 700), 100)
    assert fetch(client, f"/iiif/3/images/{image.pk}/square/200,200/0/default.jpg").size == (200, 200)
    assert fetch(client, f"/iiif/3/images/{image.pk}/full/!300,300/0/default.jpg").size == (300, 162)
    assert fetch(client, f"/iiif/3/images/{image.pk}/full/pct:10/0/default.jpg").size == (130, 70)
    assert fetch(client, f"/iiif/3/images/{image.pk}/full/max/0/gray.jpg").mode == "L"
    # Beyond the edge is clipped to the image.
    assert fetch(client, f"/iiif/3/images/{image.pk}/1200,600,500,500/max/0/default.jpg").size == (100, 100)


def test_an_announced_tile_is_made_once_then_read_from_the_cache_and_others_are_not_kept(client, image):
    path = f"/iiif/3/images/{image.pk}/0,0,1024,700/512,/0/default.jpg"  # scale factor 2, first tile
    name = f"iiif/{image.pk}/0,0,1024,700/512,350/0/default.jpg"
    assert not default_storage.exists(name)
    first = client.get(path).content
    assert default_storage.exists(name)
    odd = client.get(f"/iiif/3/images/{image.pk}/pct:0,0,50.5,50/101,/0/default.jpg")
    assert odd.status_code == 200 and sorted(default_storage.listdir(f"iiif/{image.pk}")[0]) == [
        "0,0,1024,700"
    ]
    image.original.delete(save=False)  # the original gone: only the cache can answer now
    assert client.get(path).content == first
    assert client.get(f"/iiif/3/images/{image.pk}/full/max/0/default.jpg").status_code == 404


@pytest.mark.parametrize(
    ("tail", "status"),
    [
        ("full/max/90/default.jpg", 501),
        ("full/^max/0/default.jpg", 501),
        ("full/max/0/bitonal.jpg", 501),
        ("full/max/0/default.webp", 501),
        ("full/max/0/sepia.jpg", 400),
        ("full/max/abc/default.jpg", 400),
        ("full/2000,/0/default.jpg", 400),
        ("full/0,/0/default.jpg", 400),
        ("full/,/0/default.jpg", 400),
        ("full/!300,/0/default.jpg", 400),
        ("full/pct:0/0/default.jpg", 400),
        ("2000,0,10,10/max/0/default.jpg", 400),
        ("0,0,0,10/max/0/default.jpg", 400),
        ("0.5,0,10,10/max/0/default.jpg", 400),
        ("left/max/0/default.jpg", 400),
    ],
)
def test_bad_requests_are_400_and_what_is_not_offered_is_501(client, image, tail, status):
    response = client.get(f"/iiif/3/images/{image.pk}/{tail}")
    assert response.status_code == status, response.content


def test_an_unpublished_artifacts_image_is_not_served(client, image, curator):
    from shanyraq.collection.services.artifacts import artifact_publish

    artifact_publish(actor=curator, artifact=image.artifact, published=False)
    assert client.get(image.iiif_info_url).status_code == 404
    assert client.get(f"/iiif/3/images/{image.pk}/full/max/0/default.jpg").status_code == 404
    assert "KCC.2025.0101" not in client.get("/iiif/collection.json").content.decode()


def test_the_service_base_redirects_to_info_json(client, image):
    response = client.get(f"/iiif/3/images/{image.pk}")
    assert response.status_code == 303
    assert response["Location"] == f"http://testserver/iiif/3/images/{image.pk}/info.json"


def test_the_manifest_points_each_image_to_its_service_with_a_valid_rights_uri(client, image):
    data = client.get("/iiif/artifacts/KCC.2025.0101/manifest.json").json()
    body = data["items"][0]["items"][0]["items"][0]["body"]
    assert body["service"] == [
        {"id": f"http://testserver/iiif/3/images/{image.pk}", "type": "ImageService3", "profile": "level1"}
    ]
    assert data["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    loaded = Manifest(**data)
    assert str(loaded.rights.root if hasattr(loaded.rights, "root") else loaded.rights) == data["rights"]


def test_the_collection_lists_published_artifacts_and_loads_back(client, image, curator):
    artifact_create(actor=curator, accession_number="KCC.2025.0102", title_en="Draft", published=False)
    response = client.get("/iiif/collection.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["type"] == "Collection" and data["id"] == "http://testserver/iiif/collection.json"
    assert [(m["id"], m["type"], m["label"]["kk"]) for m in data["items"]] == [
        ("http://testserver/iiif/artifacts/KCC.2025.0101/manifest.json", "Manifest", ["Тұскиіз"])
    ]
    assert len(Collection(**data).items) == 1
    assert client.get(data["items"][0]["id"]).status_code == 200


@pytest.mark.parametrize(
    ("statement", "uri"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/"),
        (
            "https://creativecommons.org/publicdomain/zero/1.0",
            "http://creativecommons.org/publicdomain/zero/1.0/",
        ),
        ("http://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/InC/1.0/"),
        (
            "https://rightsstatements.org/page/NoC-US/1.0/?language=en",
            "http://rightsstatements.org/vocab/NoC-US/1.0/",
        ),
        ("https://rightsstatements.org/page/InC-EDU/1.0/", "http://rightsstatements.org/vocab/InC-EDU/1.0/"),
        ("All rights reserved", ""),
        ("https://example.org/licence", ""),
    ],
)
def test_rights_statements_become_uris_the_validator_accepts(statement, uri):
    assert rights_uri(statement) == uri


def _near(pixel, colour) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))
