"""Every write to news: one function each, with an actor, a transaction and an audit event.

Events are recorded against the news item (also for language versions and attachments), so the item's
record history tells the whole story. Anything that may change what visitors see drops the public
page cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Min
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import diff_fields, record_event, snapshot
from secon.core.cache import invalidate_public_pages
from secon.core.uploads import make_private, make_public
from secon.news.files import attachment_kind
from secon.news.models import (
    LANGUAGE_NAMES,
    ChangeKind,
    NewsAttachment,
    NewsItem,
    NewsTranslation,
    TranslationStatus,
    make_slug,
    public_languages,
)

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner

TEXT_FIELDS = ["title", "lead", "body"]


def allowed_languages(partner: Partner) -> list[str]:
    """The public languages plus the partner's own, in that order."""
    languages = public_languages()
    if partner.language and partner.language not in languages and partner.language in LANGUAGE_NAMES:
        languages.append(partner.language)
    return languages


def _check_language(item: NewsItem, language: str) -> None:
    if language not in allowed_languages(item.partner):
        raise ValidationError({"language": _("This language cannot be used for this partner's news.")})


def _unique_item_slug(partner: Partner, title: str) -> str:
    base = make_slug(title)[:100]
    slug, n = base, 2
    while NewsItem.objects.filter(partner=partner, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _revisions(item: NewsItem, *, exclude: str) -> dict[str, int]:
    return dict(item.translations.exclude(language=exclude).values_list("language", "revision"))


def _public_change(version: NewsTranslation) -> None:
    if version.status == TranslationStatus.PUBLISHED:
        invalidate_public_pages()


def refresh_publication(item: NewsItem) -> None:
    """Bring what follows from the published versions in line: the first publication date (archive
    split) and where the item's files live (public media, or private while nothing is published)."""
    first = item.translations.filter(status=TranslationStatus.PUBLISHED).aggregate(first=Min("published_at"))[
        "first"
    ]
    if item.first_published_at != first:
        item.first_published_at = first
        item.save(update_fields=["first_published_at", "updated_at"])
    sync_file_visibility(item, public=first is not None)


def sync_file_visibility(item: NewsItem, *, public: bool) -> None:
    """Files of an item with a published version (also a scheduled one, so they are in place when its
    date comes) are public media under unguessable names; all others are private and reach staff only
    through the gated views. Unpublishing moves them back, so their public addresses stop working."""
    move = make_public if public else make_private
    if move(item.image):
        NewsItem.objects.filter(pk=item.pk).update(image=item.image.name)
    for attachment in item.attachments.all():
        if move(attachment.file):
            NewsAttachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)


@transaction.atomic
def create_news_item(
    partner: Partner,
    *,
    actor: User,
    language: str,
    title: str,
    body: str,
    lead: str = "",
) -> NewsItem:
    """A new item with its first language version, as a draft."""
    item = NewsItem(partner=partner, created_by=actor, slug=_unique_item_slug(partner, title))
    _check_language(item, language)
    item.full_clean()
    item.save()
    version = NewsTranslation(
        item=item, language=language, title=title, slug=make_slug(title), lead=lead, body=body
    )
    version.full_clean()
    version.save()
    record_event(
        "news.item.created",
        actor=actor,
        obj=item,
        changes={"language": language, **snapshot(version, TEXT_FIELDS)},
    )
    return item


@dataclass(frozen=True)
class VersionText:
    """The words of one language version as an editor submits them, and what the edit means."""

    title: str
    body: str
    lead: str = ""
    change: str | None = None


@dataclass
class _Edit:
    version: NewsTranslation
    created: bool
    change: str
    changes: dict[str, Any]


def _apply_text(
    versions: dict[str, NewsTranslation], item: NewsItem, language: str, text: VersionText
) -> _Edit | None:
    """Put new words into a version (not saved yet); None when nothing changed."""
    _check_language(item, language)
    version = versions.get(language)
    created = version is None
    if version is None:
        version = NewsTranslation(item=item, language=language)
    before = snapshot(version, TEXT_FIELDS) if not created else {}
    version.title, version.lead, version.body = text.title, text.lead, text.body
    version.slug = make_slug(text.title)
    changes = diff_fields(before, snapshot(version, TEXT_FIELDS))
    if not created and not changes:
        return None
    if created:
        change = str(ChangeKind.CATCH_UP)  # written from the existing versions: starts up to date
    elif text.change is not None:
        change = text.change
    else:
        out_of_date = version.outdated_by(list(versions.values()))
        change = str(ChangeKind.CATCH_UP if out_of_date else ChangeKind.CONTENT)
    if change == ChangeKind.CONTENT:
        version.revision += 1
    return _Edit(version, created, change, changes)


@transaction.atomic
def save_versions(
    item: NewsItem,
    *,
    actor: User,
    texts: Mapping[str, VersionText],
    ready: Mapping[str, bool] | None = None,
) -> dict[str, NewsTranslation]:
    """Create or edit several language versions at once: all of them are saved, or none.

    Each `VersionText.change` says what that edit means (`ChangeKind`): new CONTENT raises the version's
    revision, so the versions not edited with it become out of date; CATCH_UP records that it now
    reflects the others without making them out of date; MINOR touches no one's freshness. By default an
    out-of-date version is catching up and an up-to-date one gets new content. A new version is written
    from the existing ones, so it starts up to date and makes nobody out of date.

    Versions edited together (new content or catching up) are in line with each other afterwards:
    each records the others' revisions after this save, so writing both languages in one go leaves
    neither out of date, while a language left alone (or only corrected) falls behind.
    Returns every version of the item by language; one audit event per version changed (and one
    per version `ready` marks ready or sends back to draft).
    """
    versions = {v.language: v for v in NewsTranslation.objects.select_for_update().filter(item=item)}
    edits = [
        edit
        for language, text in texts.items()
        if (edit := _apply_text(versions, item, language, text)) is not None
    ]
    for edit in edits:
        versions[edit.version.language] = edit.version
    revisions = {language: v.revision for language, v in versions.items()}
    now = timezone.now()
    for edit in edits:
        version = edit.version
        if edit.change in (ChangeKind.CONTENT, ChangeKind.CATCH_UP):
            version.synced_with = {code: rev for code, rev in revisions.items() if code != version.language}
            version.revised_at = now
        try:
            version.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("%(language)s version: %(problem)s")
                % {"language": version.language_name, "problem": " ".join(error.messages)}
            ) from error
    for edit in edits:
        edit.version.save()
        record_event(
            "news.translation.created" if edit.created else "news.translation.updated",
            actor=actor,
            obj=item,
            changes={"language": edit.version.language, "change": edit.change, **edit.changes},
        )
        _public_change(edit.version)
    if edits:
        NewsItem.objects.filter(pk=item.pk).update(updated_at=now)
    # `ready` moves drafts to ready and back (published versions are left alone), after the words.
    for language, wanted in (ready or {}).items():
        if (current := versions.get(language)) is None:
            continue
        if wanted and current.status == TranslationStatus.DRAFT:
            mark_ready(current, actor=actor)
        elif not wanted and current.status == TranslationStatus.READY:
            mark_draft(current, actor=actor)
    return versions


def update_translation(
    item: NewsItem,
    *,
    actor: User,
    language: str,
    title: str,
    body: str,
    lead: str = "",
    change: str | None = None,
) -> NewsTranslation:
    """Create or edit one language version (see `save_versions` for what `change` means)."""
    texts = {language: VersionText(title=title, body=body, lead=lead, change=change)}
    return save_versions(item, actor=actor, texts=texts)[language]


@transaction.atomic
def create_news_item_in_languages(
    partner: Partner,
    *,
    actor: User,
    texts: Mapping[str, VersionText],
    ready: Mapping[str, bool] | None = None,
) -> NewsItem:
    """A new item with its first language versions (drafts, or ready as `ready` says), all or nothing."""
    if not texts:
        raise ValidationError(_("Write at least one language version."))
    (first, text), *others = texts.items()
    item = create_news_item(
        partner, actor=actor, language=first, title=text.title, body=text.body, lead=text.lead
    )
    save_versions(item, actor=actor, texts=dict(others), ready=ready)
    return item


@transaction.atomic
def mark_translation_current(version: NewsTranslation, *, actor: User) -> NewsTranslation:
    """The translator checked this version against the others and nothing needs to change."""
    version.synced_with = _revisions(version.item, exclude=version.language)
    version.revised_at = timezone.now()
    version.save(update_fields=["synced_with", "revised_at", "updated_at"])
    record_event(
        "news.translation.marked_current",
        actor=actor,
        obj=version.item,
        changes={"language": version.language},
    )
    return version


def _require_text(version: NewsTranslation) -> None:
    missing = [field for field in ("title", "body") if not getattr(version, field).strip()]
    if missing:
        raise ValidationError(_("This language version has no title or text yet; write it first."))


@transaction.atomic
def mark_ready(version: NewsTranslation, *, actor: User) -> NewsTranslation:
    if version.status != TranslationStatus.DRAFT:
        raise ValidationError(_("Only a draft can be marked ready."))
    _require_text(version)
    version.status = TranslationStatus.READY
    version.save(update_fields=["status", "updated_at"])
    record_event(
        "news.translation.marked_ready", actor=actor, obj=version.item, changes={"language": version.language}
    )
    return version


@transaction.atomic
def mark_draft(version: NewsTranslation, *, actor: User) -> NewsTranslation:
    if version.status != TranslationStatus.READY:
        raise ValidationError(_("Only a version marked ready can go back to draft; unpublish it first."))
    version.status = TranslationStatus.DRAFT
    version.save(update_fields=["status", "updated_at"])
    record_event(
        "news.translation.reopened", actor=actor, obj=version.item, changes={"language": version.language}
    )
    return version


@transaction.atomic
def publish_translation(
    version: NewsTranslation, *, actor: User, published_at: dt.datetime | None = None
) -> NewsTranslation:
    """Publish one language version (only one: the others keep their own status).

    Only a version marked ready can be published, so an unchecked draft never reaches the public.
    A `published_at` in the future schedules it.
    """
    if version.status == TranslationStatus.DRAFT:
        raise ValidationError(_("Mark this language version as ready before publishing it."))
    if version.language not in public_languages():
        raise ValidationError(
            _("The public site is only in %(languages)s; this version can be kept but not published.")
            % {"languages": ", ".join(str(LANGUAGE_NAMES[code]) for code in public_languages())}
        )
    _require_text(version)
    before = snapshot(version, ["status", "published_at"])
    version.status = TranslationStatus.PUBLISHED
    version.published_at = published_at or timezone.now()
    version.full_clean()
    version.save(update_fields=["status", "published_at", "updated_at"])
    refresh_publication(version.item)
    record_event(
        "news.translation.published",
        actor=actor,
        obj=version.item,
        changes={
            "language": version.language,
            **diff_fields(before, snapshot(version, ["status", "published_at"])),
        },
    )
    invalidate_public_pages()
    return version


@dataclass(frozen=True)
class PublishPlan:
    """What "publish" would do now: the versions ready to go, and why each other language is not."""

    ready: list[NewsTranslation]
    not_ready: list[tuple[str, str]]  # (language name, reason)


def publish_plan(item: NewsItem, versions: list[NewsTranslation] | None = None) -> PublishPlan:
    """A public-language version is ready when marked ready, complete and not out of date."""
    versions = list(item.translations.all()) if versions is None else versions
    by_language = {v.language: v for v in versions}
    ready: list[NewsTranslation] = []
    not_ready: list[tuple[str, str]] = []
    for code in public_languages():
        version = by_language.get(code)
        outdated = version.outdated_by(versions) if version is not None else []
        if version is None:
            reason = _("not written yet")
        elif version.status == TranslationStatus.PUBLISHED:
            reason = _("already published") if version.is_visible else _("already scheduled")
        elif version.status == TranslationStatus.DRAFT:
            reason = _("still a draft: mark it ready first")
        elif not (version.title.strip() and version.body.strip()):
            reason = _("has no title or text yet")
        elif outdated:
            reason = _("out of date: changed since in %(languages)s") % {
                "languages": ", ".join(other.language_name for other in outdated)
            }
        else:
            ready.append(version)
            continue
        not_ready.append((str(LANGUAGE_NAMES[code]), str(reason)))
    return PublishPlan(ready=ready, not_ready=not_ready)


@transaction.atomic
def publish_ready_versions(
    item: NewsItem, *, actor: User, published_at: dt.datetime | None = None
) -> PublishPlan:
    """Publish every public-language version that is ready, in one step; the plan says what was done.

    The versions are locked and the plan made again under the lock, so a second click (or a twin
    request) finds them published and publishes nothing twice.
    """
    versions = list(NewsTranslation.objects.select_for_update().filter(item=item))
    plan = publish_plan(item, versions)
    for version in plan.ready:
        version.item = item
        publish_translation(version, actor=actor, published_at=published_at)
    return plan


@transaction.atomic
def unpublish_translation(version: NewsTranslation, *, actor: User) -> NewsTranslation:
    """Take one language version off the public site; it stays ready to publish again."""
    if version.status != TranslationStatus.PUBLISHED:
        raise ValidationError(_("This language version is not published."))
    version.status = TranslationStatus.READY
    version.save(update_fields=["status", "updated_at"])
    refresh_publication(version.item)
    record_event(
        "news.translation.unpublished", actor=actor, obj=version.item, changes={"language": version.language}
    )
    invalidate_public_pages()
    return version


@transaction.atomic
def delete_translation(version: NewsTranslation, *, actor: User) -> None:
    if version.item.translations.count() == 1:
        raise ValidationError(
            _("An item needs at least one language version; delete the whole item instead.")
        )
    record_event(
        "news.translation.deleted",
        actor=actor,
        obj=version.item,
        changes={"language": version.language, **snapshot(version, TEXT_FIELDS)},
    )
    _public_change(version)
    version.delete()
    refresh_publication(version.item)


@transaction.atomic
def delete_news_item(item: NewsItem, *, actor: User) -> None:
    versions = list(item.translations.all())
    record_event(
        "news.item.deleted",
        actor=actor,
        obj=item,
        changes={"versions": [f"{v.language}: {v.title} ({v.status})" for v in versions]},
    )
    if any(v.status == TranslationStatus.PUBLISHED for v in versions):
        invalidate_public_pages()
    files = [a.file for a in item.attachments.all()] + [item.image]
    item.delete()
    _delete_after_commit(*files)


def _delete_after_commit(*files: FieldFile) -> None:
    """Stored files go only once the rows that point at them are surely gone."""
    targets: list[tuple[Storage, str]] = []
    for file in files:
        name = file.name if file else None
        if name:
            targets.append((file.storage, name))

    def delete() -> None:
        for storage, name in targets:
            storage.delete(name)

    transaction.on_commit(delete)


def _is_public(item: NewsItem) -> bool:
    return item.translations.filter(status=TranslationStatus.PUBLISHED).exists()


@transaction.atomic
def set_image(
    item: NewsItem,
    *,
    actor: User,
    alt: str,
    alt_en: str = "",
    image: UploadedFile[bytes] | None = None,
) -> NewsItem:
    """Replace the main image and/or its alternative text; an image always has alternative text."""
    old_image = item.image
    before = snapshot(item, ["image", "image_alt", "image_alt_en"])
    if image is not None:
        item.image = image
    item.image_alt, item.image_alt_en = alt.strip(), alt_en.strip()
    item.full_clean()
    item.save()
    changes = diff_fields({k: str(v) for k, v in before.items()}, {k: str(getattr(item, k)) for k in before})
    if image is not None:
        changes["image"] = [before["image"].name if before["image"] else "", item.image.name]
    record_event("news.item.image_changed", actor=actor, obj=item, changes=changes)
    if image is not None:
        _delete_after_commit(old_image)
        sync_file_visibility(item, public=_is_public(item))
    if _is_public(item):
        invalidate_public_pages()
    return item


@transaction.atomic
def remove_image(item: NewsItem, *, actor: User) -> NewsItem:
    if not item.image:
        return item
    old_image = item.image
    item.image = ""
    item.image_alt = item.image_alt_en = ""
    item.save()
    record_event("news.item.image_removed", actor=actor, obj=item, changes={"image": old_image.name})
    _delete_after_commit(old_image)
    if _is_public(item):
        invalidate_public_pages()
    return item


@transaction.atomic
def add_attachment(
    item: NewsItem, *, actor: User, title: str, file: UploadedFile[bytes], language: str = ""
) -> NewsAttachment:
    kind = attachment_kind(file)
    attachment = NewsAttachment(
        item=item,
        title=title.strip(),
        file=file,
        original_name=str(file.name or "")[-255:],
        kind=kind,
        size=file.size or 0,
        language=language,
    )
    attachment.full_clean()
    attachment.save()
    sync_file_visibility(item, public=_is_public(item))
    attachment.refresh_from_db(fields=["file"])
    record_event(
        "news.attachment.added",
        actor=actor,
        obj=item,
        changes={
            "title": attachment.title,
            "file": attachment.file.name,
            "kind": kind,
            "size": attachment.size,
        },
    )
    if _is_public(item):
        invalidate_public_pages()
    return attachment


@transaction.atomic
def remove_attachment(attachment: NewsAttachment, *, actor: User) -> None:
    item = attachment.item
    file = attachment.file
    record_event(
        "news.attachment.removed",
        actor=actor,
        obj=item,
        changes={"title": attachment.title, "file": file.name},
    )
    attachment.delete()
    _delete_after_commit(file)
    if _is_public(item):
        invalidate_public_pages()
