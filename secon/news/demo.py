"""Demo news: Mazovia's Regional Stakeholder Group meetings and study, in Polish and English.

Facts come from the seed article and the product brief only. Idempotent: items are found by
(partner, slug) and versions by (item, language), then updated.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any
from zoneinfo import ZoneInfo

from secon.accounts.models import User
from secon.core.cache import invalidate_public_pages
from secon.news.models import NewsItem, NewsTranslation, TranslationStatus, make_slug
from secon.news.services import refresh_publication
from secon.projects.models import Partner

WARSAW = ZoneInfo("Europe/Warsaw")
PUBLISHED = TranslationStatus.PUBLISHED


def _at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=WARSAW)


INVITATION_PL = (
    "Serdecznie zapraszamy Państwa do współpracy w ramach projektu SECON oraz zachęcamy osoby "
    "zainteresowane rozwojem ekonomii społecznej na Mazowszu do udziału w kolejnych spotkaniach!"
)
INVITATION_EN = (
    "We warmly invite you to cooperate within the SECON project and encourage everyone interested in "
    "developing the social economy in Mazovia to take part in our next meetings!"
)

# The seed article (3rd RSG meeting), in full, and its English translation.
RSG3_PL = {
    "title": "Trzecie posiedzenie Regionalnej Grupy Interesariuszy",
    "lead": (
        "23 lutego 2024 roku odbyło się trzecie posiedzenie Regionalnej Grupy Interesariuszy projektu "
        "pn. „Regionalne Polityki Wspierania Ekonomii Społecznej”."
    ),
    "body": "\n\n".join(
        [
            "Spotkanie otworzyła i poprowadziła pani Aleksandra Szwed, Zastępca Dyrektora Departamentu "
            "Rozwoju Regionalnego i Funduszy Europejskich. W ramach wprowadzenia przedstawiono uczestnikom "
            "ostatnie działania w projekcie oraz plany na trzeci semestr.",
            "W kolejnych punktach posiedzenia odbyły się prezentacje dobrych praktyk z Mazowsza, które "
            "zostały zaakceptowane przez Lidera Projektu i będą przedstawione na forum europejskim. Pani "
            "Prezes Aleksandra Pęcherzewska ze Spółdzielni „Centrum Usług Środowiskowych” w Drobinie "
            "podzieliła się wiedzą i praktycznymi przykładami z zakresu funkcjonowania wielosektorowej "
            "spółdzielni socjalnej. Z kolei pani Anita Dygas, Kierownik Centrum Integracji Społecznej w "
            "Zbijowie Małym, gmina Mirów przedstawiła działania Centrum w odpowiedzi na ogromne wyzwania "
            "społeczne realizowane w tej jednej z najmniejszych gmin w Polsce.",
            "Na zakończenie pan Krzysztof Pilecki z Mazowieckiego Centrum Polityki Społecznej przedstawił "
            "prezentację na temat rozwoju integracji społecznej i ekonomii społecznej w województwie "
            "mazowieckim oraz inicjatyw z zakresu ekonomii społecznej realizowanych w 2024 roku.",
            "Trzeci semestr realizacji projektu trwa od 1 marca 2024 roku do 31 sierpnia 2024 roku. W tym "
            "okresie do najważniejszych zadań należy przeprowadzenie badania regionalnych potrzeb, postaw "
            "oraz perspektyw dotyczących promocji ekonomii społecznej na Mazowszu. Celem analizy jest "
            "określenie potrzeb województwa mazowieckiego związanych z rozwojem ekonomii społecznej w "
            "obszarze działań informacyjno-promocyjnych. Projekt zakłada także organizację seminarium na "
            "temat wspierania sprzyjającego otoczenia i niefinansowego wsparcia dla rozwoju regionalnego "
            "sektora ekonomii społecznej oraz kolejnego posiedzenia Regionalnej Grupy Interesariuszy.",
            INVITATION_PL,
        ]
    ),
}
RSG3_EN = {
    "title": "Third meeting of the Regional Stakeholder Group",
    "lead": (
        "On 23 February 2024 the third meeting of the Regional Stakeholder Group of the project "
        "“Social Economy – Regional Policies for supporting Social Economy Enterprises” took place."
    ),
    "body": "\n\n".join(
        [
            "The meeting was opened and chaired by Ms Aleksandra Szwed, Deputy Director of the Department "
            "of Regional Development and European Funds. By way of introduction, the participants were "
            "presented with the latest activities in the project and the plans for the third semester.",
            "The following items of the meeting were presentations of good practices from Mazovia which "
            "have been accepted by the Lead Partner and will be presented at a European forum. Ms Aleksandra "
            "Pęcherzewska, President of the “Centrum Usług Środowiskowych” (Environmental Services Centre) "
            "Cooperative in Drobin, shared her knowledge and practical examples of how a multi-sector "
            "social cooperative works. Ms Anita Dygas, Head of the Social Integration Centre in Zbijów "
            "Mały, gmina Mirów, then presented the Centre's activities in response to the enormous social "
            "challenges in this, one of the smallest gminas (municipalities) in Poland.",
            "To close the meeting, Mr Krzysztof Pilecki of the Mazovian Centre for Social Policy gave a "
            "presentation on the development of social integration and the social economy in the "
            "Mazowieckie Voivodeship and on the social-economy initiatives carried out in 2024.",
            "The third semester of the project runs from 1 March 2024 to 31 August 2024. Its most "
            "important tasks include a study of regional needs, attitudes and perspectives on promoting "
            "the social economy in Mazovia. The aim of the analysis is to identify the needs of the "
            "Mazowieckie Voivodeship related to the development of the social economy in the field of "
            "information and promotion. The project also plans a seminar on supporting an enabling "
            "environment and non-financial support for the development of the regional social-economy "
            "sector, and the next meeting of the Regional Stakeholder Group.",
            INVITATION_EN,
        ]
    ),
}

# (slug, {language: (title, lead, body, status, published_at or None)})
Version = tuple[str, str, str, str, dt.datetime | None]
MAZOVIA_NEWS: list[tuple[str, dict[str, Version]]] = [
    (
        "rgi-1-2023-04-21",
        {
            "pl": (
                "Pierwsze posiedzenie Regionalnej Grupy Interesariuszy",
                "21 kwietnia 2023 roku odbyło się pierwsze posiedzenie Regionalnej Grupy Interesariuszy "
                "projektu SECON.",
                "Uczestnikom przedstawiono cele projektu „Regionalne Polityki Wspierania Ekonomii "
                "Społecznej” (SECON), realizowanego w programie Interreg Europe przez dziesięciu partnerów "
                "z Europy od 1 marca 2023 roku do 31 maja 2027 roku.\n\n"
                "Członków Grupy poproszono o wypełnienie kwestionariusza, który posłuży do przygotowania "
                "mapy instrumentów wsparcia ekonomii społecznej w regionie.\n\n" + INVITATION_PL,
                PUBLISHED,
                _at(2023, 4, 25),
            ),
            "en": (
                "First meeting of the Regional Stakeholder Group",
                "On 21 April 2023 the first meeting of the SECON project's Regional Stakeholder Group took "
                "place.",
                "The participants were presented with the goals of the project “Social Economy – Regional "
                "Policies for supporting Social Economy Enterprises” (SECON), carried out in the Interreg "
                "Europe programme by ten European partners from 1 March 2023 to 31 May 2027.\n\n"
                "Members of the Group were asked to fill in a questionnaire that will be used to prepare a "
                "map of the instruments supporting the social economy in the region.\n\n" + INVITATION_EN,
                PUBLISHED,
                _at(2023, 4, 25),
            ),
        },
    ),
    (
        "rgi-2-2023-06-16",
        {
            "pl": (
                "Drugie posiedzenie Regionalnej Grupy Interesariuszy",
                "16 czerwca 2023 roku odbyło się drugie posiedzenie Regionalnej Grupy Interesariuszy "
                "projektu SECON.",
                "Podczas spotkania przedstawiono wyniki pierwszego semestru projektu: mapowanie polityk "
                "wspierających ekonomię społeczną oraz wywiady z ekspertami.\n\n"
                "Uczestnicy poznali także dobre praktyki Lidera Projektu – Regionu Peloponezu.\n\n"
                + INVITATION_PL,
                PUBLISHED,
                _at(2023, 6, 20),
            ),
            "en": (
                "Second meeting of the Regional Stakeholder Group",
                "On 16 June 2023 the second meeting of the SECON project's Regional Stakeholder Group took "
                "place.",
                "The meeting presented the results of the project's first semester: the mapping of "
                "policies supporting the social economy and the interviews with experts.\n\n"
                "The participants also learnt about the good practices of the Lead Partner, the Region of "
                "Peloponnese.\n\n" + INVITATION_EN,
                PUBLISHED,
                _at(2023, 6, 20),
            ),
        },
    ),
    (
        "rgi-3-2024-02-23",
        {
            "pl": (RSG3_PL["title"], RSG3_PL["lead"], RSG3_PL["body"], PUBLISHED, _at(2024, 2, 27)),
            "en": (RSG3_EN["title"], RSG3_EN["lead"], RSG3_EN["body"], PUBLISHED, _at(2024, 2, 27)),
        },
    ),
    (
        "badanie-potrzeb-2024-06",
        {
            "pl": (
                "Badanie potrzeb w zakresie promocji ekonomii społecznej na Mazowszu",
                "Od 4 do 17 czerwca 2024 roku trwa badanie regionalnych potrzeb, postaw oraz perspektyw "
                "dotyczących promocji ekonomii społecznej na Mazowszu.",
                "Badanie jest jednym z najważniejszych zadań trzeciego semestru projektu SECON. Jego celem "
                "jest określenie potrzeb województwa mazowieckiego związanych z rozwojem ekonomii "
                "społecznej w obszarze działań informacyjno-promocyjnych.\n\n"
                "Wyniki zostaną przedstawione na kolejnym posiedzeniu Regionalnej Grupy Interesariuszy. "
                "Dziękujemy za udział w badaniu!",
                PUBLISHED,
                _at(2024, 6, 4, 9),
            ),
            "en": (
                "Survey of needs in promoting the social economy in Mazovia",
                "From 4 to 17 June 2024 we are running a survey of regional needs, attitudes and "
                "perspectives on promoting the social economy in Mazovia.",
                "The survey is one of the most important tasks of the third semester of the SECON "
                "project. Its aim is to identify the needs of the Mazowieckie Voivodeship related to the "
                "development of the social economy in the field of information and promotion.\n\n"
                "The results will be presented at the next meeting of the Regional Stakeholder Group. "
                "Thank you for taking part in the survey!",
                PUBLISHED,
                _at(2024, 6, 4, 9),
            ),
        },
    ),
    (
        "rgi-4-2024-08-30",
        {
            "pl": (
                "Czwarte posiedzenie Regionalnej Grupy Interesariuszy",
                "30 sierpnia 2024 roku odbyło się czwarte posiedzenie Regionalnej Grupy Interesariuszy "
                "projektu SECON.",
                "Głównym punktem spotkania było przedstawienie wyników badania regionalnych potrzeb, "
                "postaw oraz perspektyw dotyczących promocji ekonomii społecznej na Mazowszu, "
                "przeprowadzonego w dniach 4–17 czerwca 2024 roku. Wyniki pomagają określić potrzeby "
                "województwa mazowieckiego związane z rozwojem ekonomii społecznej w obszarze działań "
                "informacyjno-promocyjnych.\n\n"
                "Posiedzenie zamknęło trzeci semestr realizacji projektu (1 marca – 31 sierpnia 2024 "
                "roku).\n\n" + INVITATION_PL,
                PUBLISHED,
                _at(2024, 9, 3),
            ),
            "en": (
                "Fourth meeting of the Regional Stakeholder Group",
                "On 30 August 2024 the fourth meeting of the SECON project's Regional Stakeholder Group "
                "took place.",
                "The main item of the meeting was the presentation of the results of the survey of "
                "regional needs, attitudes and perspectives on promoting the social economy in Mazovia, "
                "carried out from 4 to 17 June 2024. The results help to identify the needs of the "
                "Mazowieckie Voivodeship related to the development of the social economy in the field of "
                "information and promotion.\n\n"
                "The meeting closed the third semester of the project (1 March – 31 August 2024).\n\n"
                + INVITATION_EN,
                PUBLISHED,
                _at(2024, 9, 3),
            ),
        },
    ),
    (
        "rgi-5-2025-01-30",
        {
            "pl": (
                "Piąte posiedzenie Regionalnej Grupy Interesariuszy",
                "30 stycznia 2025 roku odbyło się piąte posiedzenie Regionalnej Grupy Interesariuszy "
                "projektu SECON.",
                "Uczestnikom przedstawiono propozycje zmian w programie regionalnym *Fundusze Europejskie "
                "dla Mazowsza 2021–2027*, które mają lepiej wspierać ekonomię społeczną – m.in. kryterium "
                "premiujące podmioty ekonomii społecznej przy wyborze projektów.\n\n"
                "W drugiej części spotkania przedstawiono relację z wizyty studyjnej w Extremadurze "
                "(Hiszpania), regionie partnera projektu – Junta de Extremadura.\n\n" + INVITATION_PL,
                PUBLISHED,
                _at(2025, 2, 4),
            ),
            "en": (
                "Fifth meeting of the Regional Stakeholder Group",
                "On 30 January 2025 the fifth meeting of the SECON project's Regional Stakeholder Group "
                "took place.",
                "The participants were presented with proposed changes to the regional programme "
                "*European Funds for Mazovia 2021–2027* (FEM 2021–2027) to better support the social "
                "economy, among them a premium selection criterion for social-economy entities.\n\n"
                "In the second part of the meeting, a report was given from the study visit in "
                "Extremadura (Spain), the region of the project partner Junta de Extremadura.\n\n"
                + INVITATION_EN,
                PUBLISHED,
                _at(2025, 2, 4),
            ),
        },
    ),
    (
        "faza-monitorowania-2026",
        {
            "pl": (
                "Projekt SECON w fazie monitorowania",
                "1 marca 2026 roku projekt SECON wszedł w fazę monitorowania, która potrwa do 28 lutego "
                "2027 roku.",
                "W tej fazie Województwo Mazowieckie śledzi wdrażanie zmian w programie *Fundusze "
                "Europejskie dla Mazowsza 2021–2027*, w tym kryterium premiującego podmioty ekonomii "
                "społecznej, i gromadzi dowody ich efektów.\n\n" + INVITATION_PL,
                TranslationStatus.DRAFT,
                None,
            ),
        },
    ),
]

EXTREMADURA_NEWS: list[tuple[str, dict[str, Version]]] = [
    (
        "study-visit",
        {
            "en": (
                "SECON partners on a study visit in Extremadura",
                "Junta de Extremadura welcomed partners of the SECON project for a study visit on support "
                "for the social economy.",
                "Partners of the SECON project (Interreg Europe) visited Extremadura to learn how the "
                "region supports social economy enterprises and to exchange experience between regions.\n\n"
                "The Mazowieckie Voivodeship reported on the visit to its Regional Stakeholder Group on "
                "30 January 2025.",
                PUBLISHED,
                _at(2025, 1, 20),
            ),
            "es": (
                "Los socios de SECON, en visita de estudio en Extremadura",
                "La Junta de Extremadura recibió a los socios del proyecto SECON en una visita de estudio "
                "sobre el apoyo a la economía social.",
                "Los socios del proyecto SECON (Interreg Europe) visitaron Extremadura para conocer cómo "
                "la región apoya a las empresas de economía social e intercambiar experiencias entre "
                "regiones.\n\n"
                "El Voivodato de Mazovia informó sobre la visita a su Grupo Regional de Partes "
                "Interesadas el 30 de enero de 2025.",
                TranslationStatus.READY,
                None,
            ),
        },
    ),
]


def _load_items(partner: Partner, author: User | None, news: list[tuple[str, dict[str, Version]]]) -> int:
    for slug, versions in news:
        item, _created = NewsItem.objects.update_or_create(
            partner=partner, slug=slug, defaults={"created_by": author}
        )
        for language, (title, lead, body, status, published_at) in versions.items():
            defaults: dict[str, Any] = {
                "title": title,
                "slug": make_slug(title),
                "lead": lead,
                "body": body,
                "status": status,
                "published_at": published_at,
            }
            NewsTranslation.objects.update_or_create(item=item, language=language, defaults=defaults)
        refresh_publication(item)
    return len(news)


def load(stdout: IO[str]) -> None:
    mazovia = Partner.objects.filter(slug="mazovia").order_by("pk").first()
    if mazovia is None:
        stdout.write("News: the Mazovia partner is missing; load the projects demo first.")
        return
    coordinator = User.objects.filter(email="koordynator@mazowsze.example").first()
    count = _load_items(mazovia, coordinator, MAZOVIA_NEWS)
    extremadura = Partner.objects.filter(slug="extremadura").order_by("pk").first()
    if extremadura is not None:
        author = User.objects.filter(email="staff@extremadura.example").first()
        count += _load_items(extremadura, author, EXTREMADURA_NEWS)
    invalidate_public_pages()
    stdout.write(f"News: {count} items.")
