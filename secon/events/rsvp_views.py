"""Pages an invitee opens from an e-mail, without a password: the answer page and their own page.

Both are reached through signed personal links (secon/events/invitations.py); an altered, revoked or
foreign link opens a page that says so and changes nothing. They are personal, so never cached. The
answer is a POST, rate-limited per address, because mail scanners follow the links in e-mails.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from secon.core import ratelimit
from secon.core.clientip import client_ip
from secon.events import rsvp
from secon.events.invitations import (
    BadLink,
    invitation_from_token,
    invitations_of,
    my_page_token,
    person_from_token,
    rsvp_token,
)
from secon.events.models import Answer, Invitation
from secon.registry.join.services import clause_version
from secon.registry.models import ConsentRecord, LegalBasis, Person, Purpose
from secon.registry.records import services as registry

LIMIT = "rsvp"
# Purposes a person may agree to themselves on their page; RSG work rests on the public task and is
# objected to (withdrawn) here, not granted.
OWN_CONSENTS = (Purpose.NEWSLETTER, Purpose.SURVEYS, Purpose.PUBLICATION)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Will you come?"), choices=Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    send_substitute = forms.BooleanField(
        label=gettext_lazy("Someone else from my organisation will come instead"), required=False
    )
    substitute_given_names = forms.CharField(
        label=gettext_lazy("Their given names"), required=False, max_length=150
    )
    substitute_surname = forms.CharField(label=gettext_lazy("Their surname"), required=False, max_length=150)
    substitute_email = forms.EmailField(label=gettext_lazy("Their e-mail address"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("send_substitute"):
            for name in ("substitute_given_names", "substitute_surname", "substitute_email"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed to register your colleague."))
            if data.get("answer") and data["answer"] != Answer.NO:
                self.add_error("answer", _("Choose “No, I cannot come” when a colleague comes instead."))
        return data

    def substitute(self) -> rsvp.Substitute | None:
        data = self.cleaned_data
        if not data.get("send_substitute"):
            return None
        return rsvp.Substitute(
            data["substitute_given_names"], data["substitute_surname"], data["substitute_email"]
        )


def bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "events/rsvp/bad_link.html", {"title": _("This link does not work")}, status=400)


def _limited(request: HttpRequest) -> HttpResponse:
    minutes = max(1, ratelimit.period_seconds(LIMIT) // 60)
    return render(
        request, "events/rsvp/limited.html", {"title": _("Too many requests"), "minutes": minutes}, status=429
    )


def _answer_context(invitation: Invitation, form: AnswerForm, **extra: Any) -> dict[str, Any]:
    event = invitation.event
    return {
        "title": _("Your answer"),
        "invitation": invitation,
        "event": event,
        "agenda": list(event.agenda_items.all()),
        "form": form,
        "open": rsvp.is_open(event),
        "token": rsvp_token(invitation),
        "my_token": my_page_token(invitation.person),
        "clause_version": clause_version(),
        "controller": settings.PRIVACY_CONTROLLER,
        **extra,
    }


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's answer: the page on GET, the change on POST (until the event starts)."""
    try:
        invitation = invitation_from_token(token)
    except BadLink:
        return bad_link(request)
    initial = {"answer": invitation.answer, "comment": invitation.comment}
    if request.method != "POST":
        form = AnswerForm(initial=initial)
        return render(request, "events/rsvp/answer.html", _answer_context(invitation, form))
    if not ratelimit.hit(LIMIT, ip=client_ip(request)).allowed:
        return _limited(request)
    form = AnswerForm(request.POST)
    if not rsvp.is_open(invitation.event):
        form = AnswerForm(initial=initial)
        context = _answer_context(invitation, form, refused=True)
        return render(request, "events/rsvp/answer.html", context, status=409)
    if form.is_valid():
        try:
            outcome = rsvp.answer(
                invitation,
                value=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                substitute=form.substitute(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            invitation.refresh_from_db()
            context = _answer_context(
                invitation, AnswerForm(initial=initial), saved=True, changed=outcome.changed
            )
            return render(request, "events/rsvp/answered.html", context)
    return render(request, "events/rsvp/answer.html", _answer_context(invitation, form), status=400)


# --- The stakeholder's own page --------------------------------------------------------------------------


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of our e-mails"), choices=settings.LANGUAGES)
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=40)


def _my_context(person: Person, *, token: str | None, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    rows = list(invitations_of(person))
    for row in rows:
        row.token = rsvp_token(row)  # type: ignore[attr-defined]
    consents = {c.purpose: c for c in ConsentRecord.objects.filter(person=person).in_force()}
    return {
        "title": _("Your meetings"),
        "person": person,
        "token": token,
        "upcoming": [row for row in rows if row.event.ends_at >= now][::-1],
        "past": [row for row in rows if row.event.ends_at < now],
        "affiliations": list(person.affiliations.select_related("organisation")),
        "consents": [
            {"purpose": code, "label": label, "record": consents.get(code), "own": code in OWN_CONSENTS}
            for code, label in Purpose.choices
        ],
        "data_form": extra.pop("data_form", None)
        or LanguageForm(initial={"language": person.language, "phone": person.phone}),
        **extra,
    }


def _change_own_data(request: HttpRequest, person: Person) -> tuple[bool, LanguageForm | None]:
    """Apply one change the person asked for on their page; every one goes through the registry's services."""
    action = request.POST.get("action", "")
    if action == "data":
        form = LanguageForm(request.POST)
        if not form.is_valid():
            return False, form
        registry.update_person(person, actor=None, **form.cleaned_data)
        return True, None
    purpose = request.POST.get("purpose", "")
    if purpose not in Purpose.values:
        return False, None
    if action == "withdraw":
        return bool(registry.withdraw_consent(person, actor=None, purpose=purpose, through="my_page")), None
    if action == "give" and purpose in OWN_CONSENTS:
        if ConsentRecord.objects.filter(person=person, purpose=purpose).in_force().exists():
            return False, None  # already given: the same click twice records nothing
        registry.record_consent(
            person,
            actor=None,
            purpose=purpose,
            legal_basis=LegalBasis.CONSENT,
            source="form",
            text_version=clause_version(),
        )
        return True, None
    return False, None


def _my_page(request: HttpRequest, person: Person, *, token: str | None, here: str) -> HttpResponse:
    if request.method == "POST":
        if not ratelimit.hit(LIMIT, ip=client_ip(request)).allowed:
            return _limited(request)
        changed, form = _change_own_data(request, person)
        if form is not None:
            context = _my_context(person, token=token, data_form=form)
            return render(request, "events/rsvp/my_page.html", context, status=400)
        return redirect(f"{here}?{'saved' if changed else 'unchanged'}=1")
    context = _my_context(
        person, token=token, saved="saved" in request.GET, unchanged="unchanged" in request.GET
    )
    return render(request, "events/rsvp/my_page.html", context)


@never_cache
def my_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        person = person_from_token(token)
    except BadLink:
        return bad_link(request)
    return _my_page(request, person, token=token, here=reverse("public:my_events", args=[token]))


def person_of_user(user: Any) -> Person | None:
    """The registry person a signed-in stakeholder is: the one of their partner with their e-mail."""
    if not user.is_authenticated or not user.email or user.partner_id is None:
        return None
    people = Person.objects.for_partner(user.partner_id).filter(anonymised_at__isnull=True)
    return people.filter(email__iexact=user.email).first()


@never_cache
def my_page_signed_in(request: HttpRequest) -> HttpResponse:
    """Where a stakeholder lands after signing in: the same page as their personal link opens."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = person_of_user(request.user)
    if person is None:
        return render(request, "events/rsvp/no_record.html", {"title": _("Your meetings")})
    return _my_page(request, person, token=None, here=reverse("public:my_events_signed_in"))
