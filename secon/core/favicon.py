"""The site's icon, drawn by code: the SVG in static files, and a PNG for browsers and home screens.

The mark is an S on the site's brand blue with the focus yellow as a bar beneath, on a 32-unit square.
Both drawings come from the shapes below; a test keeps `static/favicon.svg` equal to `favicon_svg()`.
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw

from secon.core.emblem import Point

SIZE = 32
BRAND = "#0b4f8a"
FOCUS = "#ffbf47"
CORNER = 6
# The S as three cubic Bézier curves (start, two control points, end), drawn with a round-capped stroke.
S_START: Point = (22.5, 8.5)
S_CURVES: tuple[tuple[Point, Point, Point], ...] = (
    ((20.5, 6.2), (9.5, 5.8), (9.5, 11.5)),
    ((9.5, 17), (22.5, 14.5), (22.5, 20.3)),
    ((22.5, 25.5), (12, 25.6), (9, 22.8)),
)
S_WIDTH = 4
BAR = (8.0, 27.0, 16.0, 2.5)  # x, y, width, height; ends fully rounded


def _n(value: float) -> str:
    return f"{value:g}"


def favicon_svg() -> str:
    path = f"M{_n(S_START[0])} {_n(S_START[1])}" + "".join(
        "C" + " ".join(f"{_n(x)} {_n(y)}" for x, y in curve) for curve in S_CURVES
    )
    x, y, width, height = BAR
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}"'
        ' role="img" aria-label="SECON">\n'
        "  <!-- Drawn by secon/core/favicon.py (edit it there): an S on the site's brand blue, with the focus"
        " yellow as a bar beneath. -->\n"
        f'  <rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{BRAND}"/>\n'
        f'  <path d="{path}" fill="none" stroke="#ffffff" stroke-width="{S_WIDTH}" stroke-linecap="round"/>\n'
        f'  <rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" rx="{_n(height / 2)}"'
        f' fill="{FOCUS}"/>\n'
        "</svg>\n"
    )


def _bezier(start: Point, c1: Point, c2: Point, end: Point, steps: int = 200) -> list[Point]:
    points = []
    for index in range(1, steps + 1):
        t = index / steps
        u = 1 - t
        points.append(
            (
                u**3 * start[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * end[0],
                u**3 * start[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * end[1],
            )
        )
    return points


def s_polyline() -> list[Point]:
    """The S's centre line as points (the curves sampled), for drawing it with Pillow."""
    points = [S_START]
    for c1, c2, end in S_CURVES:
        points += _bezier(points[-1], c1, c2, end)
    return points


@functools.cache
def favicon_png(size: int = 192) -> bytes:
    """The icon as a PNG, drawn four times larger and scaled down so that its edges are smooth."""
    scale = 4 * size / SIZE
    big = round(SIZE * scale)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * scale, fill=BRAND)
    points = [(x * scale, y * scale) for x, y in s_polyline()]
    radius = S_WIDTH * scale / 2
    # A round brush along the line: smooth joins and round caps, which Pillow's wide lines lack.
    for x, y in points:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#ffffff")
    x, y, width, height = (value * scale for value in BAR)
    draw.rounded_rectangle((x, y, x + width, y + height), radius=height / 2, fill=FOCUS)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
