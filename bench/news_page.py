"""A news item the size of a peer's news page (600 words, one image), published through the services.

    python -m bench.news_page        # in the benchmark's environment (bench/server.py runs it)

Prints the item's public path. The demo's news items are short; an uncached page is compared with a
Wagtail news page of this size (docs/performance.md), so the benchmark measures one of the same size.
"""

from __future__ import annotations

import io
import random

WORDS = 600


def body(words: int = WORDS, seed: int = 8) -> str:
    """Markdown of `words` words in paragraphs of 60, with one subheading and one list."""
    vocabulary = [
        "grupa", "interesariuszy", "region", "polityka", "innowacje", "partnerzy", "spotkanie",
        "projekt", "plan", "działania", "województwo", "przedsiębiorstwa", "badania", "wdrożenie",
        "dobre", "praktyki", "współpraca", "fundusze", "rozwój", "gospodarka", "obiegu", "zamkniętego",
        "energia", "transport", "edukacja", "samorząd", "uczelnie",
    ]  # fmt: skip
    pick = random.Random(seed)
    text = [pick.choice(vocabulary) for _ in range(words)]
    paragraphs = [" ".join(text[i : i + 60]).capitalize() + "." for i in range(0, words, 60)]
    return "\n\n".join([*paragraphs[:4], "## Wnioski", "- pierwszy\n- drugi\n- trzeci", *paragraphs[4:]])


def image() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (40, 90, 140)).save(out, format="JPEG", quality=80)
    return out.getvalue()


def create() -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from secon.accounts.models import User
    from secon.news import services
    from secon.projects.models import Partner

    partner = Partner.objects.order_by("pk").first()
    actor = (
        User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.order_by("pk").first()
    )
    if partner is None or actor is None:
        raise SystemExit("the demo data has no partner or user")
    with transaction.atomic():
        item = services.create_news_item(
            partner,
            actor=actor,
            language="pl",
            title="Posiedzenie grupy interesariuszy: plan działania na kolejny semestr",
            lead="Partnerzy omówili postępy wdrażania planu działania i kolejne kroki.",
            body=body(),
        )
        services.set_image(
            item,
            actor=actor,
            alt="Uczestnicy posiedzenia przy stole",
            image=SimpleUploadedFile("posiedzenie.jpg", image(), content_type="image/jpeg"),
        )
        version = item.translations.get(language="pl")
        services.mark_ready(version, actor=actor)
        services.publish_translation(version, actor=actor)
    version.refresh_from_db()
    return version.get_absolute_url()


if __name__ == "__main__":
    import django

    django.setup()
    print(create())
