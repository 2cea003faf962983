"""Every write to a good practice: editing, each step of the review path, scores, images and files.

Each function takes the acting user as `actor`, runs in one transaction, refuses what the practice's
state or the user's role does not allow (a ValidationError with a message for a person, nothing
changed), writes an audit event and a saved version for the history, and sends e-mail after commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.core.cache import invalidate_public_pages
from secon.core.models import AuditEvent
from secon.core.uploads import make_private, make_public
from secon.core.versions import VersionEdit, apply_edit
from secon.countries.models import Country
from secon.news.files import attachment_kind
from secon.practices import emails
from secon.practices.models import (
    TEXT_FIELD_NAMES,
    Assessor,
    Criterion,
    GoodPractice,
    PracticeAttachment,
    PracticeImage,
    PracticeScore,
    PracticeVersion,
    State,
)
from secon.practices.snapshots import take_snapshot
from secon.practices.workflow import TRANSITIONS, Transition, lead_partner, owner_coordinator

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from secon.accounts.models import User
    from secon.events.models import Event
    from secon.projects.models import Partner
    from secon.registry.models import Organisation, OrganisationType, Person, Theme
    from secon.territory.models import NutsRegion, TerritorialUnit

PROGRAMME_LANGUAGE = "en"


class PracticeValues(TypedDict, total=False):
    """The language-independent fields of a practice as a form submits them."""

    start_date: dt.date | None
    end_date: dt.date | None
    main_institution: Organisation | None
    entity_type: OrganisationType | None
    country: Country | None
    nuts_region: NutsRegion | None
    territory: TerritorialUnit | None
    contact_person: Person | None
    show_contact: bool
    themes: list[Theme]
    presented_at: list[Event]


@dataclass(frozen=True)
class VersionTexts:
    """The words of one language version as submitted, and what the edit means for the other one."""

    texts: dict[str, str]
    kind: str = VersionEdit.CONTENT


def practice_languages(practice: GoodPractice) -> list[str]:
    """The partner's language first, then English (one language when the partner writes English)."""
    return [practice.language] if practice.language == PROGRAMME_LANGUAGE else [practice.language, "en"]


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _apply_values(practice: GoodPractice, values: PracticeValues) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        if name in {"themes", "presented_at"}:
            continue
        before = getattr(practice, name)
        if before != value:
            changes[name] = [_plain(before), _plain(value)]
            setattr(practice, name, value)
    return changes


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _set_relations(practice: GoodPractice, values: PracticeValues) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name in ("themes", "presented_at"):
        if name not in values:
            continue
        manager = getattr(practice, name)
        before = sorted(manager.values_list("pk", flat=True))
        after = sorted(obj.pk for obj in values[name])
        if before != after:
            manager.set(after)
            changes[name] = [before, after]
    return changes


def _save_versions(
    practice: GoodPractice, versions: dict[str, VersionTexts]
) -> tuple[dict[str, list[Any]], list[str]]:
    """Write the submitted language versions; returns the text changes and the languages edited.

    Versions edited together record each other's revisions after the save (decision 0002), so writing
    both languages in one go leaves neither out of date; a language left untouched falls behind."""
    existing = {v.language: v for v in PracticeVersion.objects.select_for_update().filter(practice=practice)}
    allowed = practice_languages(practice)
    changes: dict[str, list[Any]] = {}
    edited: dict[str, tuple[PracticeVersion, str]] = {}
    for language, submitted in versions.items():
        if language not in allowed:
            raise ValidationError(_("A practice is written in its partner's language and in English."))
        texts = {name: _normalised(submitted.texts.get(name, "")) for name in TEXT_FIELD_NAMES}
        version = existing.get(language)
        if version is None:
            if not any(texts.values()):
                continue  # an English column left empty is no version yet
            version = PracticeVersion(practice=practice, language=language, **texts)
            edited[language] = (version, "created")
            differing = {n: t for n, t in texts.items() if t}
            before: dict[str, str] = {}
        else:
            before = version.texts()
            differing = {n: t for n, t in texts.items() if t != before[n]}
            if not differing:
                continue
            for name, text in differing.items():
                setattr(version, name, text)
            edited[language] = (version, submitted.kind)
        for name, text in differing.items():
            changes[f"{name}_{language}"] = [before.get(name, ""), text]
    for version, _kind in edited.values():
        version.full_clean(exclude=["practice"])
    for version, kind in edited.values():
        if kind != "created" and kind == VersionEdit.CONTENT:
            version.revision += 1
        version.save()
    revisions = {v.language: v.revision for v in existing.values()}
    revisions.update({language: version.revision for language, (version, _k) in edited.items()})
    for version, kind in edited.values():
        if kind == "created" or kind in {VersionEdit.CONTENT, VersionEdit.CATCH_UP}:
            # The revision was raised above; record the others as they are after this save.
            apply_edit(version, VersionEdit.CATCH_UP, revisions)
            version.save(update_fields=["synced_with", "revised_at", "updated_at"])
    return changes, list(edited)


def _text_changes_for_log(changes: dict[str, list[Any]]) -> dict[str, Any]:
    # The trail names the edited fields; the words themselves are in the saved versions (history page).
    return {"versions": sorted(changes)} if changes else {}


@transaction.atomic
def create_practice(
    partner: Partner,
    *,
    actor: User,
    language: str,
    values: PracticeValues,
    versions: dict[str, VersionTexts],
) -> GoodPractice:
    """A new draft of the partner, with its version in the partner's language (and English if given)."""
    practice = GoodPractice(partner=partner, language=language, created_by=actor)
    if "country" not in values and Country.objects.filter(pk=partner.country).exists():
        practice.country_id = partner.country
    _apply_values(practice, values)
    practice.full_clean()
    practice.save()
    _set_relations(practice, values)
    if practice.language not in versions or not versions[practice.language].texts.get("title", "").strip():
        raise ValidationError({"title": _("Give the practice a title in the partner's language.")})
    changes, _edited = _save_versions(practice, versions)
    record_event(
        "practices.practice.created", actor=actor, obj=practice, changes=_text_changes_for_log(changes)
    )
    take_snapshot(practice, actor=actor)
    return practice


def _locked(practice: GoodPractice) -> GoodPractice:
    locked = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    return locked


@transaction.atomic
def update_practice(
    practice: GoodPractice,
    *,
    actor: User,
    values: PracticeValues,
    versions: dict[str, VersionTexts],
) -> GoodPractice:
    """Edit a draft or a returned practice; later states are frozen until the review path reopens them."""
    practice = _locked(practice)
    if not practice.is_editable:
        raise ValidationError(
            _(
                "This practice is “%(state)s”: it can be edited only as a draft or when returned"
                " with comments."
            )
            % {"state": practice.get_state_display()}
        )
    changes = _apply_values(practice, values)
    practice.full_clean()
    practice.save()
    changes.update(_set_relations(practice, values))
    text_changes, _edited = _save_versions(practice, versions)
    if not changes and not text_changes:
        return practice
    record_event(
        "practices.practice.updated",
        actor=actor,
        obj=practice,
        changes={**changes, **_text_changes_for_log(text_changes)},
    )
    take_snapshot(practice, actor=actor)
    return practice


@transaction.atomic
def mark_version_current(practice: GoodPractice, *, actor: User, language: str) -> PracticeVersion:
    """A translator checked a version against the other one: it is up to date, without an edit."""
    versions = {v.language: v for v in PracticeVersion.objects.select_for_update().filter(practice=practice)}
    version = versions.get(language)
    if version is None:
        raise ValidationError(_("This language version does not exist yet."))
    apply_edit(version, VersionEdit.CATCH_UP, {code: v.revision for code, v in versions.items()})
    version.save(update_fields=["synced_with", "revised_at", "updated_at"])
    record_event(
        "practices.version.marked_current", actor=actor, obj=practice, changes={"language": language}
    )
    return version


# --- The review path ------------------------------------------------------------------------------


def missing_for_submission(practice: GoodPractice) -> list[str]:
    """What stops a submission: each language version (English is required) and its empty fields."""
    problems: list[str] = []
    versions = {v.language: v for v in practice.versions.all()}
    for language in practice_languages(practice):
        version = versions.get(language)
        name = language.upper()
        if version is None:
            if language == PROGRAMME_LANGUAGE:
                problems.append(_("The English version is required before submission to the Lead Partner."))
            else:
                problems.append(_("The %(language)s version is missing.") % {"language": name})
            continue
        missing = version.missing_fields()
        if missing:
            problems.append(
                _("Version %(language)s: fill in %(fields)s.")
                % {"language": name, "fields": ", ".join(str(f.label) for f in missing)}
            )
    if practice.main_institution_id is None:
        problems.append(_("Choose the main institution."))
    if practice.start_date is None:
        problems.append(_("Give the date the practice started."))
    return problems


def _what_happened(practice: GoodPractice) -> str:
    """For the reviewer who came second: who moved the practice, to which state, when."""
    event = (
        AuditEvent.objects.for_object(practice)
        .filter(code__in=[t.code for t in TRANSITIONS.values()])
        .select_related("actor")
        .first()
    )
    state = practice.get_state_display()
    if event is None:
        return _("Meanwhile the practice became “%(state)s”. Nothing was changed.") % {"state": state}
    return _(
        "Meanwhile %(actor)s changed the practice to “%(state)s” (%(when)s). Nothing was changed;"
        " please look at the practice again."
    ) % {
        "actor": str(event.actor) if event.actor else _("someone"),
        "state": state,
        "when": formats.date_format(timezone.localtime(event.at), "DATETIME_FORMAT"),
    }


@dataclass
class _Step:
    transition: Transition
    comment: str = ""
    expected_state: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _sync_files(practice: GoodPractice) -> None:
    """Files of a public practice are public media; of any other, private (reached through the gate)."""
    move = make_public if practice.is_public else make_private
    for image in practice.images.all():
        if move(image.image):
            PracticeImage.objects.filter(pk=image.pk).update(image=image.image.name)
    for attachment in practice.attachments.all():
        if move(attachment.file):
            PracticeAttachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)


def _take_step(practice: GoodPractice, step: _Step, *, actor: User) -> GoodPractice:
    transition = step.transition
    comment = step.comment.strip()
    if not transition.allowed(actor, practice):
        raise PermissionDenied(
            _("Only %(who)s may do this: “%(step)s”.") % {"who": transition.who, "step": transition.label}
        )
    current = _locked(practice)
    # The state the reviewer's page showed (the step form sends it): someone else moved it meanwhile.
    if step.expected_state is not None and current.state != step.expected_state:
        raise ValidationError(_what_happened(current))
    if current.state not in transition.sources:
        raise ValidationError(
            _("“%(step)s” is not possible for a practice that is “%(state)s”. Nothing was changed.")
            % {"step": transition.label, "state": current.get_state_display()}
        )
    if transition.comment_required and not comment:
        raise ValidationError(
            {"comment": _("Say what the partner should change or why: a comment is required.")}
        )
    if transition.name == "submit":
        problems = missing_for_submission(current)
        if problems:
            raise ValidationError(problems)
    was_public = current.is_public
    # Conditional on the state read: a second reviewer whose transaction read the same state finds
    # no row to change (on databases without row locks too) and is told what happened.
    now = timezone.now()
    changes: dict[str, Any] = {"state": [current.state, transition.target.value]}
    update: dict[str, Any] = {"state": transition.target, "state_changed_at": now, "updated_at": now}
    if transition.name in {"return", "reject"}:
        update["review_comment"] = comment
    elif transition.name == "submit":
        update["review_comment"] = ""
    if not GoodPractice.objects.filter(pk=current.pk, state=current.state).update(**update):
        raise ValidationError(_what_happened(GoodPractice.objects.get(pk=current.pk)))
    current.refresh_from_db()
    if comment:
        changes["comment"] = comment
    record_event(transition.code, actor=actor, obj=current, changes=changes)
    take_snapshot(current, actor=actor)
    if was_public != current.is_public:
        _sync_files(current)
    if was_public or current.is_public:
        invalidate_public_pages()
    emails.notify_transition(current, transition, actor=actor, comment=comment)
    return current


# One service per step, each with the same guard, comment, audit event, history and e-mail.


@transaction.atomic
def submit_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Draft or returned → submitted to the Lead Partner; both language versions complete."""
    return _take_step(practice, _Step(TRANSITIONS["submit"], comment, expected_state), actor=actor)


@transaction.atomic
def accept_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Submitted → accepted by the Lead Partner (from now on it may be shown publicly)."""
    return _take_step(practice, _Step(TRANSITIONS["accept"], comment, expected_state), actor=actor)


@transaction.atomic
def return_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Submitted → returned to the partner with comments (required); the partner edits and resubmits."""
    return _take_step(practice, _Step(TRANSITIONS["return"], comment, expected_state), actor=actor)


@transaction.atomic
def reject_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Submitted → rejected by the Lead Partner, with the reason (required)."""
    return _take_step(practice, _Step(TRANSITIONS["reject"], comment, expected_state), actor=actor)


@transaction.atomic
def submit_to_programme(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Accepted → submitted to the programme (through its portal)."""
    return _take_step(
        practice, _Step(TRANSITIONS["submit_to_programme"], comment, expected_state), actor=actor
    )


@transaction.atomic
def approve_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Submitted to the programme → approved by the project's web administrator."""
    return _take_step(practice, _Step(TRANSITIONS["approve"], comment, expected_state), actor=actor)


@transaction.atomic
def validate_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Approved → validated by the programme's secretariat: a "good practice identified"."""
    return _take_step(practice, _Step(TRANSITIONS["validate"], comment, expected_state), actor=actor)


@transaction.atomic
def select_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Validated → selected for the Policy Learning Platform's database."""
    return _take_step(practice, _Step(TRANSITIONS["select"], comment, expected_state), actor=actor)


@transaction.atomic
def not_select_practice(
    practice: GoodPractice, *, actor: User, comment: str = "", expected_state: str | None = None
) -> GoodPractice:
    """Validated → not selected for the Policy Learning Platform."""
    return _take_step(practice, _Step(TRANSITIONS["not_select"], comment, expected_state), actor=actor)


STEP_SERVICES = {
    "submit": submit_practice,
    "accept": accept_practice,
    "return": return_practice,
    "reject": reject_practice,
    "submit_to_programme": submit_to_programme,
    "approve": approve_practice,
    "validate": validate_practice,
    "select": select_practice,
    "not_select": not_select_practice,
}


# --- Scores ---------------------------------------------------------------------------------------


def may_score(user: User, practice: GoodPractice, assessor: str) -> bool:
    if assessor == Assessor.LEAD_PARTNER:
        return lead_partner(user, practice) and practice.state != State.DRAFT
    return owner_coordinator(user, practice) and practice.is_editable


@transaction.atomic
def record_scores(
    practice: GoodPractice,
    *,
    actor: User,
    assessor: str,
    scores: dict[str, tuple[int, str]],
) -> list[PracticeScore]:
    """Scores of one side (the partner or the Lead Partner) against SECON's criteria, with comments."""
    practice = _locked(practice)
    if not may_score(actor, practice, assessor):
        raise PermissionDenied(
            _(
                "The partner scores its practice while it is a draft or returned; the Lead Partner"
                " scores it once submitted."
            )
        )
    saved: list[PracticeScore] = []
    for criterion, (score, comment) in scores.items():
        if criterion not in Criterion.values:
            raise ValidationError(_("Unknown criterion."))
        row, _created = PracticeScore.objects.get_or_create(
            practice=practice,
            assessor=assessor,
            criterion=criterion,
            defaults={"score": score, "comment": comment, "scored_by": actor},
        )
        row.score, row.comment, row.scored_by = score, comment.strip(), actor
        row.full_clean()
        row.save()
        saved.append(row)
    record_event(
        "practices.practice.scored",
        actor=actor,
        obj=practice,
        changes={"assessor": assessor, "total": sum(row.score for row in saved)},
    )
    return saved


# --- Images and attachments -----------------------------------------------------------------------


def _check_editable(practice: GoodPractice) -> None:
    if not practice.is_editable:
        raise ValidationError(
            _("This practice is “%(state)s”: its files can change only as a draft or when returned.")
            % {"state": practice.get_state_display()}
        )


@transaction.atomic
def add_image(
    practice: GoodPractice, *, actor: User, image: UploadedFile[bytes], alt: str, alt_en: str = ""
) -> PracticeImage:
    _check_editable(practice)
    if not alt.strip():
        raise ValidationError({"alt": _("Describe the image: alternative text is required.")})
    row = PracticeImage(practice=practice, image=image, alt=alt.strip(), alt_en=alt_en.strip())
    row.full_clean()
    row.save()
    record_event("practices.image.added", actor=actor, obj=practice, changes={"alt": row.alt})
    return row


@transaction.atomic
def remove_image(image: PracticeImage, *, actor: User) -> None:
    _check_editable(image.practice)
    record_event("practices.image.removed", actor=actor, obj=image.practice, changes={"alt": image.alt})
    stored = image.image
    image.delete()
    name = str(stored.name)
    transaction.on_commit(lambda: stored.storage.delete(name))


@transaction.atomic
def add_attachment(
    practice: GoodPractice, *, actor: User, title: str, file: UploadedFile[bytes]
) -> PracticeAttachment:
    _check_editable(practice)
    kind = attachment_kind(file)
    row = PracticeAttachment(
        practice=practice,
        title=title.strip(),
        file=file,
        original_name=str(file.name or "")[-255:],
        kind=kind,
        size=file.size or 0,
    )
    row.full_clean()
    row.save()
    record_event("practices.attachment.added", actor=actor, obj=practice, changes={"title": row.title})
    return row


@transaction.atomic
def remove_attachment(attachment: PracticeAttachment, *, actor: User) -> None:
    _check_editable(attachment.practice)
    record_event(
        "practices.attachment.removed",
        actor=actor,
        obj=attachment.practice,
        changes={"title": attachment.title},
    )
    stored = attachment.file
    attachment.delete()
    name = str(stored.name)
    transaction.on_commit(lambda: stored.storage.delete(name))
