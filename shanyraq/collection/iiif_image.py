"""IIIF Image API 3.0, level 1 (and a little more), served by Pillow from the stored original.

Every tile and size that info.json announces is written once to a tile cache in the media
storage (`iiif/<image pk>/<x,y,w,h>/<w,h>/0/<quality>.<format>`), so a deep-zoom viewer's tiles
are decoded from the original once (other requests are rendered each time, so they cannot fill
the disk); JPEG originals are decoded at the smallest DCT scale that still
covers the requested size (`Image.draft`), so a zoomed-out tile of a 50-megapixel photograph does
not decode all 50 megapixels. Rotation and upscaling are not offered (501); bad syntax is 400.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from shanyraq.collection.models import ArtifactImage

TILE = 512
# The largest answer in pixels (maxArea in info.json): a full-resolution copy of a 50-megapixel
# original would cost a second of CPU and 150 MB per request.
MAX_AREA = 16_000_000
CONTEXT = "http://iiif.io/api/image/3/context.json"
MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
FORMATS = {"jpg": ("JPEG", "image/jpeg"), "png": ("PNG", "image/png")}
QUALITIES = ("default", "color", "gray")
CACHE_PREFIX = "iiif"
NUMBER = r"\d+(?:\.\d+)?"


class ImageRequestError(Exception):
    """`status` 400 (the request is malformed or out of bounds) or 501 (not offered)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


def scale_factors(width: int, height: int) -> list[int]:
    """1, 2, 4, ... until one tile holds the whole image."""
    factors = [1]
    while max(width, height) / factors[-1] > TILE:
        factors.append(factors[-1] * 2)
    return factors


def info(image: ArtifactImage, *, service_id: str) -> dict:
    width, height = image.width, image.height
    factors = scale_factors(width, height)
    sizes = [
        {"width": math.ceil(width / f), "height": math.ceil(height / f)} for f in reversed(factors) if f > 1
    ]
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level1",
        "width": width,
        "height": height,
        "sizes": sizes,
        "tiles": [{"width": TILE, "scaleFactors": factors}],
        "maxArea": MAX_AREA,
        "extraQualities": ["color", "gray"],
        "extraFormats": ["png"],
        "extraFeatures": ["regionByPct", "sizeByPct", "sizeByConfinedWh", "cors", "jsonldMediaType"],
    }


def parse_region(region: str, width: int, height: int) -> Box:
    if region == "full":
        return Box(0, 0, width, height)
    if region == "square":
        side = min(width, height)
        return Box((width - side) // 2, (height - side) // 2, side, side)
    pct = region.startswith("pct:")
    match = re.fullmatch(rf"({NUMBER}),({NUMBER}),({NUMBER}),({NUMBER})", region.removeprefix("pct:"))
    if not match:
        raise ImageRequestError(400, "Region must be full, square, x,y,w,h or pct:x,y,w,h.")
    x, y, w, h = (float(v) for v in match.groups())
    if pct:
        x, y, w, h = x * width / 100, y * height / 100, w * width / 100, h * height / 100
    elif not all(float(v).is_integer() for v in match.groups()):
        raise ImageRequestError(400, "Pixel regions are whole numbers.")
    x, y = round(x), round(y)
    w, h = min(round(w), width - x), min(round(h), height - y)
    if w <= 0 or h <= 0 or x >= width or y >= height:
        raise ImageRequestError(400, "The region is empty or outside the image.")
    return Box(x, y, w, h)


def parse_size(size: str, region: Box) -> tuple[int, int]:
    if size.startswith("^"):
        raise ImageRequestError(501, "Upscaling is not offered.")
    if size == "max":
        return region.w, region.h
    if size.startswith("pct:"):
        if not re.fullmatch(NUMBER, size[4:]) or not 0 < float(size[4:]) <= 100:
            raise ImageRequestError(400, "pct: takes a percentage above 0, at most 100.")
        n = float(size[4:])
        return max(1, round(region.w * n / 100)), max(1, round(region.h * n / 100))
    confined = size.startswith("!")
    match = re.fullmatch(r"(\d*),(\d*)", size.removeprefix("!"))
    if not match or not any(match.groups()) or (confined and not all(match.groups())):
        raise ImageRequestError(400, "Size must be max, w,, ,h, w,h, !w,h or pct:n.")
    w, h = (int(v) if v else None for v in match.groups())
    if confined:
        ratio = min(w / region.w, h / region.h)
        w, h = round(region.w * ratio), round(region.h * ratio)
    elif w is None:
        w = round(region.w * h / region.h)
    elif h is None:
        h = round(region.h * w / region.w)
    if w > region.w or h > region.h:
        raise ImageRequestError(400, "The size is larger than the region; upscaling (^) is not offered.")
    if w < 1 or h < 1:
        raise ImageRequestError(400, "The size is empty.")
    if w * h > MAX_AREA:
        raise ImageRequestError(400, f"At most {MAX_AREA} pixels per answer (maxArea).")
    return w, h


def is_advertised(box: Box, out: tuple[int, int], width: int, height: int) -> bool:
    """Whether a request is one info.json announces (a tile of the grid at a scale factor, or one
    of the sizes of the full image): only those are cached, so odd requests cannot fill the disk."""
    factors = scale_factors(width, height)
    if (box.x, box.y, box.w, box.h) == (0, 0, width, height):
        return any(out == (math.ceil(width / f), math.ceil(height / f)) for f in factors)
    for f in factors:
        span = TILE * f
        if box.x % span or box.y % span:
            continue
        if (box.w, box.h) == (min(span, width - box.x), min(span, height - box.y)):
            return out[0] == math.ceil(box.w / f) and out[1] in (math.ceil(box.h / f), round(box.h / f))
    return False


def parse_rotation(rotation: str) -> None:
    if rotation == "0":
        return
    if re.fullmatch(rf"!?{NUMBER}", rotation) and float(rotation.lstrip("!")) <= 360:
        raise ImageRequestError(501, "Rotation is not offered.")
    raise ImageRequestError(400, "Rotation must be a number of degrees from 0 to 360.")


def cache_name(image: ArtifactImage, box: Box, size: tuple[int, int], quality: str, fmt: str) -> str:
    """Named by the pixels asked for, not the request's spelling: `full`, `pct:0,0,100,100` and
    `0,0,w,h` share one file."""
    quality = "default" if quality == "color" else quality
    return f"{CACHE_PREFIX}/{image.pk}/{box.x},{box.y},{box.w},{box.h}/{size[0]},{size[1]}/0/{quality}.{fmt}"


def render(
    image: ArtifactImage, region: str, size: str, rotation: str, quality: str, fmt: str
) -> tuple[bytes, str]:
    """(bytes, media type) of one image request, from the tile cache or made and cached now."""
    if fmt not in FORMATS:
        raise ImageRequestError(400 if not re.fullmatch(r"[a-z0-9]+", fmt) else 501, "Formats: jpg, png.")
    if quality not in QUALITIES:
        raise ImageRequestError(501 if quality == "bitonal" else 400, "Qualities: default, color, gray.")
    box = parse_region(region, image.width, image.height)
    out_w, out_h = parse_size(size, box)
    parse_rotation(rotation)
    pil_format, media_type = FORMATS[fmt]
    name = cache_name(image, box, (out_w, out_h), quality, fmt)
    cacheable = is_advertised(box, (out_w, out_h), image.width, image.height)
    if cacheable and default_storage.exists(name):
        with default_storage.open(name, "rb") as cached:
            return cached.read(), media_type
    try:
        data = _render(image, box, (out_w, out_h), quality, pil_format)
    except OSError as error:  # the original is missing or unreadable
        raise ImageRequestError(404, "The image file is not available.") from error
    if cacheable:
        default_storage.save(name, ContentFile(data))
    return data, media_type


def _render(image: ArtifactImage, box: Box, size: tuple[int, int], quality: str, pil_format: str) -> bytes:
    out_w, out_h = size
    with image.original.open("rb") as source, Image.open(source) as img:
        full_w, full_h = img.size
        # Decode JPEG at the coarsest scale that still gives the output enough pixels.
        scale = min(box.w / out_w, box.h / out_h)
        img.draft("RGB", (max(1, math.ceil(full_w / scale)), max(1, math.ceil(full_h / scale))))
        fx, fy = full_w / img.size[0], full_h / img.size[1]
        crop = img.crop(
            (round(box.x / fx), round(box.y / fy), round((box.x + box.w) / fx), round((box.y + box.h) / fy))
        )
        tile = crop.resize((out_w, out_h), Image.Resampling.LANCZOS)
    tile = tile.convert("L" if quality == "gray" else "RGB")
    out = io.BytesIO()
    tile.save(out, pil_format, **({"quality": 85} if pil_format == "JPEG" else {}))
    return out.getvalue()
