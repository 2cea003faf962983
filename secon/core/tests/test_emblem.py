"""The EU emblem follows its published geometry: read back from the SVG and the PNG the platform draws."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from PIL import Image

from secon.core.emblem import emblem_markup, emblem_png, emblem_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> tuple[float, float, list[list[tuple[float, float]]], ET.Element]:
    root = ET.fromstring(markup)  # noqa: S314 - the platform's own drawing, not a visitor's file
    _x, _y, width, height = (float(value) for value in root.attrib["viewBox"].split())
    stars = []
    for path in root.iter(f"{SVG}path"):
        numbers = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", path.attrib["d"])]
        stars.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return width, height, stars, root


def centre_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


def test_the_emblem_is_a_blue_rectangle_of_three_to_two_with_twelve_gold_stars() -> None:
    width, height, stars, root = parse(emblem_svg().split("\n", 1)[1])

    assert width / height == pytest.approx(1.5)
    rect = root.find(f"{SVG}rect")
    assert rect is not None and rect.attrib["fill"].upper() == "#003399"
    assert float(rect.attrib["width"]) == width and float(rect.attrib["height"]) == height
    group = root.find(f"{SVG}g")
    assert group is not None and group.attrib["fill"].upper() == "#FFCC00"
    assert len(stars) == 12
    assert all(len(points) == 10 for points in stars)  # five points and five inner corners


def test_the_stars_sit_on_a_circle_of_a_third_of_the_height_where_the_hours_are_on_a_clock() -> None:
    width, height, stars, _root = parse(emblem_markup())
    cx, cy = width / 2, height / 2

    angles = []
    for points in stars:
        x, y = centre_of(points)
        assert math.dist((x, y), (cx, cy)) == pytest.approx(height / 3, abs=0.01)
        # Clockwise from twelve o'clock, as on a clock face.
        angles.append(math.degrees(math.atan2(x - cx, cy - y)) % 360)

    assert sorted(round(angle, 2) % 360 for angle in angles) == [30.0 * hour for hour in range(12)]


def test_each_star_has_its_points_on_a_circle_of_an_eighteenth_of_the_height_and_one_point_up() -> None:
    _width, height, stars, _root = parse(emblem_markup())

    for points in stars:
        cx, cy = centre_of(points)
        distances = [math.dist(point, (cx, cy)) for point in points]
        outer = distances[::2]
        assert outer == pytest.approx([height / 18] * 5, abs=0.01)
        assert max(distances[1::2]) < min(outer)  # the inner corners make it a star, not a pentagon
        top = min(points[::2], key=lambda point: point[1])
        assert top[0] == pytest.approx(cx, abs=0.01) and top[1] == pytest.approx(cy - height / 18, abs=0.01)


def test_a_named_emblem_says_what_it_is_and_an_unnamed_one_is_hidden_from_screen_readers() -> None:
    named = ET.fromstring(emblem_markup(label="Flaga Unii Europejskiej"))  # noqa: S314
    assert named.attrib["role"] == "img" and named.attrib["aria-label"] == "Flaga Unii Europejskiej"
    assert named.findtext(f"{SVG}title") == "Flaga Unii Europejskiej"

    assert ET.fromstring(emblem_markup()).attrib["aria-hidden"] == "true"  # noqa: S314


def test_the_png_for_e_mails_is_the_same_drawing() -> None:
    image = Image.open(io.BytesIO(emblem_png(96))).convert("RGB")

    assert image.size == (144, 96)
    assert image.getpixel((72, 48)) == (0, 51, 153)  # the centre of the circle is plain blue
    assert image.getpixel((72, 48 - 32)) == pytest.approx((255, 204, 0), abs=20)  # twelve o'clock star


# ---- the site's icon -------------------------------------------------------------------------------


def test_the_static_svg_icon_is_the_one_the_code_draws() -> None:
    from django.contrib.staticfiles import finders

    from secon.core.favicon import favicon_svg

    path = finders.find("favicon.svg")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as file:
        assert file.read() == favicon_svg()


@pytest.mark.django_db
def test_pages_declare_the_png_icon_served_for_a_month(client: Any) -> None:
    html = client.get("/pl/").content.decode()
    assert '<link rel="icon" href="/icon.png" type="image/png" sizes="192x192">' in html
    assert '<link rel="apple-touch-icon" href="/icon.png">' in html

    response = client.get("/icon.png")
    assert response["Content-Type"] == "image/png" and "max-age=2592000" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content)).convert("RGBA")
    assert image.size == (192, 192)
    blue, corner = image.getpixel((12, 96)), image.getpixel((0, 0))
    assert isinstance(blue, tuple) and isinstance(corner, tuple)
    assert blue[:3] == (11, 79, 138)  # the brand blue
    assert corner[3] < 64  # the rounded corner is see-through
