"""The qoshqar muiiz (ram's horn), the commonest motif of Kazakh felt, carpets and silver, drawn
from one set of curves: Pillow pictures for the demo (artifacts and programs have pictures without
any words on them, in any language) and the SVG band of the site's look (site/static/site).

A motif is a short stem that splits into two horns curling outward and down, mirrored; pictures
tile it in a lattice with a border, like a syrmaq (quilted felt rug). The layout and colours come
from a seed, so every artifact's picture differs and the same seed draws the same picture.
"""

from __future__ import annotations

import hashlib
import io
import math

from PIL import Image, ImageDraw

# Colours of Kazakh felt and the flag: sky blue, gold, madder red, felt cream, deep indigo.
PALETTES = [
    ((11, 74, 110), (242, 183, 5), (247, 241, 227)),
    ((142, 42, 28), (247, 241, 227), (242, 183, 5)),
    ((30, 50, 90), (0, 175, 202), (247, 241, 227)),
    ((247, 241, 227), (142, 42, 28), (11, 74, 110)),
    ((40, 90, 60), (242, 183, 5), (247, 241, 227)),
]


def horn(scale: float, *, turns: float = 1.6, steps: int = 40) -> list[tuple[float, float]]:
    """One horn from the top of the stem (0, 0), up and out to the left, coiling inward.

    Coordinates are in units of `scale`, y growing downward (screen and SVG)."""
    radius, centre_x = 0.26 * scale, -0.26 * scale
    points = []
    for i in range(steps + 1):
        share = i / steps
        theta = share * turns * math.pi
        r = radius * (1 - 0.72 * share)
        points.append((centre_x + r * math.cos(theta), -r * math.sin(theta)))
    return points


def motif(scale: float) -> list[list[tuple[float, float]]]:
    """The whole motif around (0, 0): a stem and two mirrored horns (polylines)."""
    left = horn(scale)
    right = [(-x, y) for x, y in left]
    stem = [(0.0, 0.0), (0.0, 0.42 * scale)]
    return [stem, left, right]


def _draw_motif(draw, cx, cy, scale, colour, width, flip=False):
    sign = -1 if flip else 1
    for line in motif(scale):
        draw.line([(cx + x, cy + sign * y) for x, y in line], fill=colour, width=width, joint="curve")


def picture(seed: str, *, size: tuple[int, int] = (800, 600), palette: int | None = None) -> bytes:
    """A JPEG of ram's-horn ornament (no words), different for each seed."""
    digest = hashlib.sha256(seed.encode()).digest()
    ground, ink, accent = PALETTES[digest[0] % len(PALETTES) if palette is None else palette]
    width, height = size
    img = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(img)
    margin = max(12, width // 40)
    draw.rectangle(
        [margin, margin, width - margin, height - margin], outline=accent, width=max(3, width // 160)
    )
    # The border: small motifs along the top and bottom edges.
    small = max(24, width // 16)
    for x in range(margin + small, width - margin, int(small * 1.2)):
        _draw_motif(draw, x, margin + small * 0.55, small, accent, max(2, small // 10))
        _draw_motif(draw, x, height - margin - small * 0.55, small, accent, max(2, small // 10), flip=True)
    # The field: a lattice of larger motifs, every other row upside down, as on a syrmaq.
    columns = 3 + digest[1] % 3
    top, bottom = margin + small * 1.3, height - margin - small * 1.3
    cell = (width - 2 * margin) / columns
    rows = max(1, round((bottom - top) / (cell * 0.9)))
    row_height = (bottom - top) / rows
    scale = min(cell, row_height * 1.4) * 0.72
    for row in range(rows):
        y = top + (row + 0.5) * row_height - (0.1 * scale if row % 2 == 0 else -0.1 * scale)
        for column in range(columns):
            x = margin + (column + 0.5) * cell
            colour = accent if (row + column + digest[2]) % 3 == 0 else ink
            _draw_motif(draw, x, y, scale, colour, max(3, int(scale // 11)), flip=bool(row % 2))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()


def band_svg(scale: float = 40.0, repeat: int = 1) -> str:
    """An SVG tile of the motif (used as the repeating band under the site header)."""
    width, height = scale * 1.2 * repeat, scale * 0.8
    paths = []
    for n in range(repeat):
        cx, cy = scale * 0.6 + n * scale * 1.2, scale * 0.34
        for line in motif(scale):
            d = " ".join(
                f"{'M' if i == 0 else 'L'}{cx + x:.1f} {cy + y:.1f}" for i, (x, y) in enumerate(line)
            )
            paths.append(d)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}">'
        f'<path d="{" ".join(paths)}" fill="none" stroke="#f2b705" stroke-width="{scale / 12:.1f}" '
        f'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )
