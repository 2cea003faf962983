"""A news item drafted from an event's record: Polish and English texts from editable templates.

The templates (`NewsDraftTemplate`, per partner and language; the shipped defaults below otherwise) are
written in the Django template language over plain texts only, rendered by an engine that reads no
files, so an edited template can shape the words but reach nothing else. The grammar the words need is
done here: ordinal words in the gender and case of "posiedzenie" and "semestr", dates written out
("23 lutego 2024 roku"), "pani"/"pan" by the grammatical gender of the person's title. People are named
only as the public event page names them (consent to publication in force, or a public function).

Variables (each text in the template's language; `DOCUMENTED_VARIABLES` lists them for the editor):
see `VARIABLES`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import (
    Context,
    Engine,
    Library,
    Template,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import NodeList
from django.template.defaulttags import ForNode
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.audit import record_event
from secon.events.models import (
    AgendaItemKind,
    AgendaPresenter,
    Event,
    EventNews,
    EventStatus,
    MinutesStatus,
    NewsDraftTemplate,
    TitleForm,
)
from secon.events.models.events import english_ordinal
from secon.events.selectors import chair_named, may_be_named, shown_presenter
from secon.projects.calendar import Semester, semesters

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.news.models import NewsItem
    from secon.projects.models import Partner

# --- Grammar ---------------------------------------------------------------------------------------------

# Masculine nominative ordinals; the other forms follow from the ending (-y/-i).
POLISH_ORDINALS = [
    "pierwszy",
    "drugi",
    "trzeci",
    "czwarty",
    "piąty",
    "szósty",
    "siódmy",
    "ósmy",
    "dziewiąty",
    "dziesiąty",
    "jedenasty",
    "dwunasty",
    "trzynasty",
    "czternasty",
    "piętnasty",
    "szesnasty",
    "siedemnasty",
    "osiemnasty",
    "dziewiętnasty",
    "dwudziesty",
]
ENGLISH_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
POLISH_MONTHS_GENITIVE = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def polish_ordinal(number: int, *, gender: str = "m", case: str = "nom") -> str:
    """ "trzeci" (m), "trzecie" (n), "trzecia" (f) in the nominative; "trzecim" (m, n) in the locative.

    Beyond twenty the written figure with a full stop ("21.") is what Polish uses in every case.
    """
    if not 1 <= number <= len(POLISH_ORDINALS):
        return f"{number}."
    word = POLISH_ORDINALS[number - 1]
    stem, soft = word[:-1], word.endswith("i")
    if case == "loc" and gender in ("m", "n"):
        return stem + ("im" if soft else "ym")
    if gender == "n":
        return stem + ("ie" if soft else "e")
    if gender == "f":
        return stem + ("ia" if word.endswith("ci") else "a")
    return word


def english_ordinal_word(number: int) -> str:
    return ENGLISH_ORDINALS[number - 1] if 1 <= number <= len(ENGLISH_ORDINALS) else english_ordinal(number)


def written_date(day: dt.date, language: str) -> str:
    """ "23 lutego 2024 roku" / "23 February 2024"."""
    if language == "pl":
        return f"{day.day} {POLISH_MONTHS_GENITIVE[day.month - 1]} {day.year} roku"
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def honorific(title_form: str, language: str) -> str:
    """ "pani"/"pan", "Ms"/"Mr"; nothing when the register does not say which."""
    if title_form == TitleForm.FEMININE:
        return "pani" if language == "pl" else "Ms"
    if title_form == TitleForm.MASCULINE:
        return "pan" if language == "pl" else "Mr"
    return ""


# --- Variables -------------------------------------------------------------------------------------------

VARIABLES: dict[str, Any] = {
    "meeting_ordinal": gettext_lazy(
        "the meeting's ordinal word: “trzecie” (as in “trzecie posiedzenie”) / “third”"
    ),
    "meeting_ordinal_locative": gettext_lazy(
        "Polish locative: “trzecim” (“na trzecim posiedzeniu”); English: as above"
    ),
    "meeting_number": gettext_lazy("the meeting's number: 3"),
    "date": gettext_lazy("the date written out: “23 lutego 2024 roku” / “23 February 2024”"),
    "event_title": gettext_lazy("the event's title"),
    "project_acronym": gettext_lazy("the project's acronym: SECON"),
    "project_title": gettext_lazy("the project's title"),
    "partner": gettext_lazy("the host partner's name"),
    "chair_named": gettext_lazy("true when the chair is named"),
    "chair_feminine": gettext_lazy(
        "true when the chair's title is feminine (for the verb: “otworzyła”/“otworzył”)"
    ),
    "chair_honorific": gettext_lazy("“pani”/“pan”, “Ms”/“Mr”"),
    "chair_name": gettext_lazy("the chair's name"),
    "chair_role": gettext_lazy("the chair's function with the department, as written for the meeting"),
    "updates": gettext_lazy(
        "what was reported: per project-update item, its summary from the approved minutes"
    ),
    "good_practices": gettext_lazy(
        "presentations of good practices, each with “intro” (who, from where), “named”, “feminine”, “topic”"
    ),
    "practices_accepted": gettext_lazy("true when a practice presented was accepted by the Lead Partner"),
    "guest_talks": gettext_lazy("guest talks, as the presentations; also “policy” presentations"),
    "semester_ordinal": gettext_lazy("the semester the plans are for: “trzeci” / “third”"),
    "semester_start": gettext_lazy("its first day, written out"),
    "semester_end": gettext_lazy("its last day, written out"),
    "semester_ongoing": gettext_lazy("true while that semester has not ended"),
    "key_tasks": gettext_lazy("its key tasks: the public activities of the partner's work plan for it"),
}

# A meeting this close to the end of its semester looks ahead: its plans are for the next one.
LOOK_AHEAD = dt.timedelta(days=31)


def plans_semester(event: Event) -> Semester | None:
    """The semester the meeting's plans are about: its own, or the next when its own is nearly over."""
    day = event.local_start.date()
    periods = semesters(event.partner.project)
    for index, semester in enumerate(periods):
        if semester.contains(day):
            if semester.end - day < LOOK_AHEAD and index + 1 < len(periods):
                return periods[index + 1]
            return semester
    return None


@dataclass(frozen=True)
class Talk:
    intro: str
    named: bool
    feminine: bool
    topic: str


def _topic(title: str) -> str:
    """ "Dobra praktyka: funkcjonowanie …" → "funkcjonowanie …"; the title as it is otherwise."""
    head, sep, rest = title.partition(": ")
    return rest if sep and len(head) < 40 else title


def _talks(event: Event, kinds: tuple[str, ...], language: str) -> list[Talk]:
    presenters = list(
        AgendaPresenter.objects.filter(item__event=event, item__kind__in=kinds)
        .select_related("person", "item")
        .order_by("item__order", "item__pk", "order", "pk")
    )
    named_ids = may_be_named({p.person_id for p in presenters if p.person_id})
    talks = []
    for presenter in presenters:
        shown = shown_presenter(presenter, named_ids)
        where = shown.organisation
        if shown.place and shown.place.split(",")[0].lower() not in where.lower():
            where = f"{where}, {shown.place}" if where else shown.place
        if shown.named:
            who = " ".join(
                part
                for part in (
                    honorific(presenter.title_form, language),
                    shown.function if language == "pl" else "",
                    shown.name,
                )
                if part
            )
            intro = f"{who} ({where})" if where else who
        else:
            label = "przedstawiciel organizacji" if language == "pl" else "a representative of"
            intro = f"{label} {where}".strip()
        item = presenter.item
        title = item.title if language == "pl" else (item.title_en or item.title)
        talks.append(Talk(intro, shown.named, presenter.title_form == TitleForm.FEMININE, _topic(title)))
    return talks


def _updates(event: Event, language: str) -> list[str]:
    minutes = event.minutes_versions.filter(status=MinutesStatus.APPROVED).first()
    texts = {}
    if minutes is not None:
        text = minutes.texts.filter(language=language).first() or minutes.texts.first()
        if text is not None:
            texts = {e.agenda_item_id: e.summary for e in text.items.all() if e.summary}
    updates = []
    for item in event.agenda_items.filter(kind=AgendaItemKind.PROJECT_UPDATE):
        title = item.title if language == "pl" else (item.title_en or item.title)
        fallback = f"Przedstawiono: „{title}”." if language == "pl" else f"Presented: “{title}”."
        updates.append(texts.get(item.pk) or fallback)
    return updates


def _practices_accepted(event: Event) -> bool:
    from secon.practices.models.practices import PUBLIC_STATES  # accepted by the Lead Partner, or later

    return event.practices.filter(state__in=PUBLIC_STATES).exists()


def draft_variables(event: Event, language: str) -> dict[str, Any]:
    """Everything a template may use, as plain texts, lists and true/false."""
    project = event.partner.project
    number = event.ordinal or 0
    polish = language == "pl"
    chair = event.chair
    named = chair is not None and chair_named(event)
    semester = plans_semester(event)
    key_tasks: list[str] = []
    if semester is not None:
        items = event.partner.work_items.filter(semester=semester.number, kind="activity", is_public=True)
        key_tasks = [
            item.title if polish else (item.title_en or item.title)
            for item in items.order_by("due_date", "pk")
        ]
    return {
        "meeting_ordinal": polish_ordinal(number, gender="n") if polish else english_ordinal_word(number),
        "meeting_ordinal_locative": polish_ordinal(number, gender="n", case="loc")
        if polish
        else english_ordinal_word(number),
        "meeting_number": number,
        "date": written_date(event.local_start.date(), language),
        "event_title": event.title if polish else (event.title_en or event.title),
        "project_acronym": project.acronym,
        "project_title": project.title_pl if polish else project.title_en,
        "partner": event.partner.name if polish else (event.partner.name_en or event.partner.name),
        "chair_named": named,
        "chair_feminine": event.chair_title_form == TitleForm.FEMININE,
        "chair_honorific": honorific(event.chair_title_form, language) if named else "",
        "chair_name": chair.full_name if named and chair is not None else "",
        "chair_role": event.chair_role_text if named else "",
        "updates": _updates(event, language),
        "good_practices": _talks(event, (AgendaItemKind.GOOD_PRACTICE,), language),
        "practices_accepted": _practices_accepted(event),
        "guest_talks": _talks(event, (AgendaItemKind.GUEST_TALK, AgendaItemKind.POLICY), language),
        "semester_ordinal": (
            polish_ordinal(semester.number) if polish else english_ordinal_word(semester.number)
        )
        if semester
        else "",
        "semester_start": written_date(semester.start, language) if semester else "",
        "semester_end": written_date(semester.end, language) if semester else "",
        "semester_ongoing": bool(semester and semester.end >= timezone.localdate()),
        "key_tasks": key_tasks,
    }


# --- Templates -------------------------------------------------------------------------------------------

DEFAULT_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "pl": (
        "{{ meeting_ordinal|capfirst }} posiedzenie Regionalnej Grupy Interesariuszy",
        "",
        """{{ date }} odbyło się {{ meeting_ordinal }} posiedzenie Regionalnej Grupy Interesariuszy projektu \
{{ project_acronym }} pn. „{{ project_title }}”.

{% if chair_named %}Spotkanie {% if chair_feminine %}otworzyła i poprowadziła{% else %}otworzył i \
poprowadził{% endif %} {{ chair_honorific }} {{ chair_name }}{% if chair_role %}, {{ chair_role }}\
{% endif %}. \
{% endif %}{% for update in updates %}{{ update }} {% endfor %}

{% if good_practices %}W kolejnych punktach posiedzenia odbyły się prezentacje dobrych praktyk\
{% if practices_accepted %}, które zostały zaakceptowane przez Lidera Projektu i będą przedstawione na forum \
europejskim{% endif %}.{% for talk in good_practices %} {% if talk.named %}{{ talk.intro|capfirst }} \
{% if talk.feminine %}przedstawiła{% else %}przedstawił{% endif %} dobrą praktykę: {{ talk.topic }}.\
{% else %}Dobrą praktykę „{{ talk.topic }}” przedstawił {{ talk.intro }}.{% endif %}{% endfor %}{% endif %}

{% for talk in guest_talks %}{% if forloop.first %}Na zakończenie {% endif %}{% if talk.named %}\
{{ talk.intro }} {% if talk.feminine %}przedstawiła{% else %}przedstawił{% endif %} \
prezentację „{{ talk.topic }}”.\
{% else %}{{ talk.intro }} przedstawił prezentację „{{ talk.topic }}”.{% endif %} {% endfor %}

{% if semester_ordinal %}{{ semester_ordinal|capfirst }} semestr realizacji projektu \
{% if semester_ongoing %}trwa{% else %}trwał{% endif %} od {{ semester_start }} do {{ semester_end }}.\
{% if key_tasks %} W tym okresie do najważniejszych zadań \
{% if semester_ongoing %}należą{% else %}należały{% endif %}:

{% for task in key_tasks %}- {{ task }}
{% endfor %}{% endif %}{% endif %}
Serdecznie zapraszamy Państwa do współpracy w ramach projektu {{ project_acronym }} oraz zachęcamy osoby \
zainteresowane rozwojem ekonomii społecznej do udziału w kolejnych spotkaniach!
""",
    ),
    "en": (
        "{{ meeting_ordinal|capfirst }} meeting of the Regional Stakeholder Group",
        "",
        """On {{ date }}, the {{ meeting_ordinal }} meeting of the Regional Stakeholder Group of the \
{{ project_acronym }} project (“{{ project_title }}”) took place.

{% if chair_named %}The meeting was opened and chaired by {{ chair_honorific }} {{ chair_name }}\
{% if chair_role %} ({{ chair_role }}){% endif %}. {% endif %}{% for update in updates %}{{ update }} \
{% endfor %}

{% if good_practices %}Good practices were then presented\
{% if practices_accepted %}; they have been accepted by the Lead Partner and will be presented at a European \
forum{% endif %}.{% for talk in good_practices %} {{ talk.intro|capfirst }} presented the good practice \
“{{ talk.topic }}”.{% endfor %}{% endif %}

{% for talk in guest_talks %}{% if forloop.first %}Finally, {% endif %}{{ talk.intro }} gave a talk on \
“{{ talk.topic }}”. {% endfor %}

{% if semester_ordinal %}The project's {{ semester_ordinal }} semester \
{% if semester_ongoing %}runs{% else %}ran{% endif %} from {{ semester_start }} to {{ semester_end }}.\
{% if key_tasks %} Its key tasks \
{% if semester_ongoing %}are{% else %}were{% endif %}:

{% for task in key_tasks %}- {{ task }}
{% endfor %}{% endif %}{% endif %}
We warmly invite you to work with us in the {{ project_acronym }} project, and everyone interested in \
developing the social economy to take part in the next meetings!
""",
    ),
}


# What a template edited in the back office may use: enough to shape the words (conditions, the lists of
# talks and tasks, a few word filters). Nothing that reads files or loads code ({% include %}, {% load %}),
# dumps the context ({% debug %}), or turns a short template into unbounded work: padding filters
# (`center:"999999999"`), number formats, or loops inside loops are not there or are refused.
TEMPLATE_TAGS = ("if", "for", "with", "firstof", "comment")
TEMPLATE_FILTERS = (
    "capfirst", "lower", "upper", "title", "default", "default_if_none", "join", "length", "pluralize",
    "first", "last", "yesno",
)  # fmt: skip
# The longest title, lead and body a template may have (characters).
TEMPLATE_LIMITS = {"title": 500, "lead": 2_000, "body": 20_000}


def _text_library() -> Library:
    library = Library()
    library.tags.update({name: defaulttags.register.tags[name] for name in TEMPLATE_TAGS})
    library.filters.update({name: defaultfilters.register.filters[name] for name in TEMPLATE_FILTERS})
    return library


ENGINE = Engine(autoescape=False)
ENGINE.template_builtins = [_text_library()]


def template_for(partner: Partner, language: str) -> tuple[str, str, str]:
    row = NewsDraftTemplate.objects.filter(partner=partner, language=language).first()
    if row is not None:
        return row.title, row.lead, row.body
    return DEFAULT_TEMPLATES.get(language) or DEFAULT_TEMPLATES["en"]


def _tidy(text: str) -> str:
    """Spaces left by optional parts removed; at most one empty line between paragraphs."""
    lines = [
        " ".join(line.split()) if not line.startswith("- ") else line.rstrip() for line in text.split("\n")
    ]
    paragraphs: list[str] = []
    for line in lines:
        if line or (paragraphs and paragraphs[-1]):
            paragraphs.append(line)
    return "\n".join(paragraphs).strip() + "\n"


def _parse(text: str) -> Template:
    try:
        template = ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        raise ValidationError(_("The template cannot be read: %(error)s") % {"error": error}) from error
    # Every loop runs over a list of the record, so one level of loops is bounded by the record's size.
    loops = template.nodelist.get_nodes_by_type(ForNode)
    bodies = [node.nodelist_loop for node in loops if isinstance(node, ForNode)]
    if any(isinstance(body, NodeList) and body.get_nodes_by_type(ForNode) for body in bodies):
        raise ValidationError(
            _("The template cannot be read: %(error)s") % {"error": _("a {% for %} inside another one")}
        )
    return template


def render_parts(parts: tuple[str, str, str], variables: dict[str, Any]) -> tuple[str, str, str]:
    """Title, lead and body rendered; a template that does not parse is refused with its message."""
    rendered = [_parse(part).render(Context(variables, autoescape=False)) for part in parts]
    title, lead, body = rendered
    return " ".join(title.split()), " ".join(lead.split()), _tidy(body)


def check_template(title: str, lead: str, body: str) -> None:
    labels = {"title": _("Title"), "lead": _("Lead"), "body": _("Text")}
    for name, part in (("title", title), ("lead", lead), ("body", body)):
        if len(part) > TEMPLATE_LIMITS[name]:
            raise ValidationError(
                _("The template's %(part)s is too long: at most %(limit)s characters.")
                % {"part": labels[name].lower(), "limit": TEMPLATE_LIMITS[name]}
            )
        _parse(part)


def draft_text(event: Event, language: str) -> tuple[str, str, str]:
    return render_parts(template_for(event.partner, language), draft_variables(event, language))


# --- Services --------------------------------------------------------------------------------------------


@transaction.atomic
def save_template(
    partner: Partner, *, actor: User | None, language: str, title: str, lead: str, body: str
) -> NewsDraftTemplate:
    check_template(title, lead, body)
    row, created = NewsDraftTemplate.objects.update_or_create(
        partner=partner,
        language=language,
        defaults={"title": title, "lead": lead, "body": body, "updated_by": actor},
    )
    record_event(
        "events.news_template.saved",
        actor=actor,
        obj=partner,
        changes={"language": language, "created": created},
    )
    return row


def not_approved_message() -> str:
    return _(
        "A news item is drafted from the approved minutes; the minutes of this event are not approved yet."
    )


@transaction.atomic
def draft_news(event: Event, *, actor: User) -> NewsItem:
    """A draft news item in Polish and English, written from the event's approved record."""
    from secon.news import services as news_services
    from secon.news.models import public_languages

    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("partner__project", "type", "chair")
        .get(pk=event.pk)
    )
    approved = event.minutes_versions.filter(status=MinutesStatus.APPROVED).exists()
    if not approved or event.status not in (EventStatus.MINUTES_APPROVED, EventStatus.PUBLISHED):
        raise ValidationError(not_approved_message())
    texts = {}
    for language in public_languages():
        title, lead, body = draft_text(event, language)
        texts[language] = news_services.VersionText(title=title, lead=lead, body=body)
    item = news_services.create_news_item_in_languages(event.partner, actor=actor, texts=texts)
    EventNews.objects.create(event=event, news_item=item)
    record_event("events.event.news_drafted", actor=actor, obj=event, changes={"news_item": item.pk})
    return item
