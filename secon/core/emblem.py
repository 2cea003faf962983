"""The European Union emblem, drawn from its published geometry (SVG for pages and PDFs, PNG for e-mails).

The geometry is the one the EU's graphic rules describe: a blue rectangle 1.5 times as wide as it is
high; twelve gold five-pointed stars whose centres lie on an invisible circle with a radius of a third
of the height, where the hours lie on a clock face; each star's points on a circle with a radius of an
eighteenth of the height; every star upright (one point straight up). Nothing here is copied from a
file: change a number below and both drawings follow.

Programme rules ask for the emblem with the statement "Co-funded by the European Union" written next to
it in full, so `FUNDING_STATEMENT` goes with it everywhere (the statement is text, in the page's
language, never part of the image).
"""

from __future__ import annotations

import functools
import io
import math

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw

BLUE = "#003399"  # Pantone Reflex Blue as the rules give it for screens
GOLD = "#FFCC00"  # Pantone Yellow
# Height 540 makes the published ratios whole numbers: stars' radius 30 (1/18), circle 180 (1/3).
HEIGHT = 540
WIDTH = HEIGHT * 3 // 2
STAR_RADIUS = HEIGHT / 18
CIRCLE_RADIUS = HEIGHT / 3
# A regular five-pointed star: its inner corners lie where the lines between its points cross.
INNER_RATIO = math.cos(math.radians(72)) / math.cos(math.radians(36))

FUNDING_STATEMENT = _("Co-funded by the European Union")
EMBLEM_ALT = _("Flag of the European Union")

Point = tuple[float, float]


def star_centres() -> list[Point]:
    """Where the twelve stars sit: the hours of a clock face, twelve o'clock first, clockwise."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    return [
        (
            cx + CIRCLE_RADIUS * math.sin(math.radians(30 * hour)),
            cy - CIRCLE_RADIUS * math.cos(math.radians(30 * hour)),
        )
        for hour in range(12)
    ]


def star_points(centre: Point, radius: float = STAR_RADIUS) -> list[Point]:
    """The ten corners of an upright star: points and inner corners in turn, starting at the top point.

    The stars do not turn with their place on the circle: each one keeps a point straight up.
    """
    cx, cy = centre
    corners = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * INNER_RATIO
        angle = math.radians(36 * index)
        corners.append((cx + r * math.sin(angle), cy - r * math.cos(angle)))
    return corners


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def emblem_markup(*, label: str = "") -> str:
    """The emblem as an <svg> element; named with `label`, or hidden from screen readers without one."""
    stars = "".join(
        '<path d="M{}Z"/>'.format(" L".join(f"{_number(x)} {_number(y)}" for x, y in star_points(centre)))
        for centre in star_centres()
    )
    naming = f' role="img" aria-label="{_escape(label)}"' if label else ' aria-hidden="true"'
    title = f"<title>{_escape(label)}</title>" if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"{naming}>{title}'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BLUE}"/><g fill="{GOLD}">{stars}</g></svg>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@functools.cache
def emblem_svg() -> str:
    """The emblem as a standalone SVG document (served as a file; its name is in the page beside it)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + emblem_markup() + "\n"


@functools.cache
def emblem_png(height: int = 96) -> bytes:
    """The emblem as a PNG of the given height, for e-mail programs that show no SVG.

    Drawn four times larger and scaled down, so that the stars' edges are smooth.
    """
    scale = 4 * height / HEIGHT
    image = Image.new("RGB", (round(WIDTH * scale), round(HEIGHT * scale)), BLUE)
    draw = ImageDraw.Draw(image)
    for centre in star_centres():
        draw.polygon([(x * scale, y * scale) for x, y in star_points(centre)], fill=GOLD)
    image = image.resize((WIDTH * height // HEIGHT, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
