"""Logos an administrator uploads: PNG or JPEG by content, small, public; anything else refused with why."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from secon.projects.models import Partner, Programme

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#039"/><script>alert(document.cookie)</script></svg>'
)


def png_bytes(size: tuple[int, int] = (120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 51, 153, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def post_programme_logo(client: Any, world: Any, upload: SimpleUploadedFile) -> Any:
    client.force_login(world.admin)
    programme = world.project.programme
    return client.post(
        reverse("admin:projects_programme_change", args=[programme.pk]),
        {"name": programme.name, "name_en": "", "website": "", "logo": upload},
    )


def logo_errors(response: Any) -> list[str]:
    return list(response.context["adminform"].form.errors.get("logo", []))


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_an_administrator_uploads_a_programme_logo_stored_public_under_a_platform_name(
    client: Any, world: Any, settings: Any
) -> None:
    response = post_programme_logo(client, world, SimpleUploadedFile("Interreg Logo.PNG", png_bytes()))

    assert response.status_code == 302
    logo = str(Programme.objects.get(pk=world.project.programme.pk).logo.name)
    assert logo.startswith("logos/") and logo.endswith(".png")
    assert "Interreg" not in logo
    assert [path.name for path in stored_files(settings)] == [Path(logo).name]


def test_a_text_file_named_png_is_refused_and_nothing_is_saved(
    client: Any, world: Any, settings: Any, english: None
) -> None:
    response = post_programme_logo(client, world, SimpleUploadedFile("logo.png", b"just some text\n"))

    assert response.status_code == 200
    assert logo_errors(response) == ["This type of file is not accepted. Accepted types: PNG, JPEG."]
    assert not Programme.objects.get(pk=world.project.programme.pk).logo
    assert stored_files(settings) == []


def test_a_pdf_named_png_is_refused_in_polish(client: Any, world: Any, settings: Any) -> None:
    response = post_programme_logo(client, world, SimpleUploadedFile("logo.png", b"%PDF-1.7\n%\xe2\xe3\n"))

    assert logo_errors(response) == ["Ten typ pliku jest niedozwolony. Dozwolone typy: PNG, JPEG."]
    assert stored_files(settings) == []


def test_a_logo_over_the_size_limit_is_refused_with_both_sizes_named(
    client: Any, world: Any, settings: Any, english: None
) -> None:
    settings.MAX_LOGO_UPLOAD_BYTES = 1000
    data = png_bytes((400, 400)) + b"\0" * 2000

    response = post_programme_logo(client, world, SimpleUploadedFile("logo.png", data))

    [message] = logo_errors(response)
    assert message.startswith("The file is too large (") and "the limit is 1000\xa0bytes" in message
    assert stored_files(settings) == []


def test_an_svg_with_a_script_is_refused_with_the_reason(
    client: Any, world: Any, settings: Any, english: None
) -> None:
    response = post_programme_logo(client, world, SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT))

    [message] = logo_errors(response)
    assert message.startswith("SVG images are not accepted, because an SVG file can contain scripts.")
    assert "PNG" in message
    assert stored_files(settings) == []


def test_an_svg_is_refused_whatever_it_is_named_and_in_polish(client: Any, world: Any, settings: Any) -> None:
    response = post_programme_logo(client, world, SimpleUploadedFile("logo.png", b"\n  " + SVG_WITH_SCRIPT))

    [message] = logo_errors(response)
    assert message.startswith("Obrazy SVG nie są przyjmowane")
    assert stored_files(settings) == []


def test_a_partner_logo_is_checked_by_full_clean_too(world: Any, english: None) -> None:
    partner = Partner.objects.get(pk=world.partner.pk)
    partner.logo = SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT)

    with pytest.raises(ValidationError) as error:
        partner.full_clean()

    assert error.value.message_dict["logo"][0].startswith("SVG images are not accepted")


def test_the_admin_offers_only_png_and_jpeg_in_the_file_picker(client: Any, world: Any) -> None:
    client.force_login(world.admin)
    response = client.get(reverse("admin:projects_project_change", args=[world.project.pk]))

    assert 'accept="image/jpeg,image/png"' in response.content.decode()


def test_a_replaced_or_removed_logo_leaves_no_file_behind(
    client: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post_programme_logo(client, world, SimpleUploadedFile("one.png", png_bytes()))
        post_programme_logo(client, world, SimpleUploadedFile("two.png", png_bytes((60, 20))))

    current = str(Programme.objects.get(pk=world.project.programme.pk).logo.name)
    assert [path.name for path in stored_files(settings)] == [Path(current).name]

    programme = world.project.programme
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:projects_programme_change", args=[programme.pk]),
            {"name": programme.name, "name_en": "", "website": "", "logo-clear": "on"},
        )

    assert response.status_code == 302
    assert not Programme.objects.get(pk=programme.pk).logo
    assert stored_files(settings) == []
