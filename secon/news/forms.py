"""Forms of the news back office and the public partner filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.forms import BoundedDateTimeField
from secon.news.files import ACCEPTED_TYPES, attachment_kind, validate_image
from secon.news.models import (
    CONTENT_LANGUAGES,
    LANGUAGE_NAMES,
    ChangeKind,
    NewsItem,
    NewsTranslation,
    TranslationStatus,
)
from secon.projects.models import Partner

# A long news story is a few thousand characters; the limit keeps a request's work (and a preview) bounded.
MAX_BODY_CHARS = 50_000


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    lead = forms.CharField(
        label=_("Lead"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists and feeds."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…), ## headings."),
    )
    change = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=ChangeKind.choices,
        widget=forms.RadioSelect,
        help_text=_("It decides which language versions are marked out of date."),
    )

    def __init__(self, *args: Any, existing: bool = True, out_of_date: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if existing:
            self.fields["change"].initial = ChangeKind.CATCH_UP if out_of_date else ChangeKind.CONTENT
        else:
            del self.fields["change"]


class VersionForm(forms.Form):
    """One language's column of the side-by-side editor. A column left entirely empty is not written."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    lead = forms.CharField(
        label=_("Lead"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists and feeds."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "markdown-input"}),
    )
    change = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=ChangeKind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("It decides which language versions are marked out of date."),
    )
    ready = forms.BooleanField(
        label=_("Ready to publish"),
        required=False,
        help_text=_("Tick when this version has been checked; only ready versions can be published."),
    )

    def __init__(
        self, *args: Any, language: str, version: NewsTranslation | None, out_of_date: bool, **kwargs: Any
    ) -> None:
        if version is not None and kwargs.get("initial") is None:
            kwargs["initial"] = {
                "title": version.title,
                "lead": version.lead,
                "body": version.body,
                "ready": version.status == TranslationStatus.READY,
            }
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language, self.version = language, version
        for name in ("title", "lead", "body"):
            self.fields[name].widget.attrs["lang"] = language
        self.fields["ready"].widget.attrs["aria-describedby"] = f"id_{language}-ready_helptext"
        if version is None:
            del self.fields["change"]
        else:
            self.fields["change"].initial = ChangeKind.CATCH_UP if out_of_date else ChangeKind.CONTENT
        if version is not None and version.status == TranslationStatus.PUBLISHED:
            del self.fields["ready"]  # published: taken off the site on the item's page, not here

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES[self.language])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("title", "lead", "body"):
            # Browsers send line breaks as CRLF; stored text uses LF, so an untouched column compares
            # equal and is not taken for new content (which would mark the other language out of date).
            value = (data.get(name) or "").replace("\r\n", "\n")
            data[name] = value.strip() if name != "body" else value
        written = any(data[name].strip() for name in ("title", "lead", "body"))
        self.is_empty = not written and not self.errors
        if self.is_empty and self.version is not None:
            raise forms.ValidationError(
                _(
                    "This version cannot be emptied. To remove it, use “Delete version…” on the item's "
                    "page; to keep it, write its title and text."
                )
            )
        if self.is_empty and data.get("ready"):
            self.is_empty = False
            self.add_error("ready", _("Write this version before marking it ready."))
        if written:
            if not data["title"] and "title" not in self.errors:
                self.add_error("title", _("Write a title, or leave this whole language empty."))
            if not data["body"].strip() and "body" not in self.errors:
                self.add_error("body", _("Write the text, or leave this whole language empty."))
        return data


class NewsVersionsForm:
    """The side-by-side editor: one `VersionForm` per public language; valid only when every column is."""

    def __init__(
        self,
        data: Any = None,
        *,
        languages: list[str],
        versions: dict[str, NewsTranslation],
        outdated: dict[str, bool],
        posted: Any = None,
    ) -> None:
        """`posted` (without `data`) shows submitted values again without checking them (a preview)."""
        self.columns = []
        for code in languages:
            initial = None
            if posted is not None:
                initial = {name: posted.get(f"{code}-{name}", "") for name in ("title", "lead", "body")}
                initial["change"] = posted.get(f"{code}-change") or None
                initial["ready"] = bool(posted.get(f"{code}-ready"))
            form = VersionForm(
                data,
                language=code,
                version=versions.get(code),
                out_of_date=outdated.get(code, False),
                initial=initial,
            )
            if posted is not None and initial and initial["change"] is None and "change" in form.fields:
                form.initial.pop("change", None)
            self.columns.append(form)
        self.errors: list[str] = []

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.columns])  # every column checked, to show all errors
        if valid and all(form.is_empty for form in self.columns):
            self.errors.append(str(_("Write at least one language version: a title and the text.")))
            valid = False
        return valid

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(form.errors for form in self.columns)

    def texts(self) -> dict[str, Any]:
        """What to save, by language: the columns that were written (call after `is_valid`)."""
        return {form.language: form.cleaned_data for form in self.columns if not form.is_empty}

    def ready(self) -> dict[str, bool]:
        """Which written versions should be ready to publish (published ones are not asked)."""
        return {
            form.language: bool(form.cleaned_data.get("ready"))
            for form in self.columns
            if not form.is_empty and "ready" in form.fields
        }


class PublishForm(forms.Form):
    published_at = BoundedDateTimeField(
        label=_("Publication date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Now, a date in the past (for news already announced elsewhere), or a future date."),
    )

    @staticmethod
    def initial_now() -> dt.datetime:
        return timezone.localtime().replace(second=0, microsecond=0)


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        validators=[validate_image],
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    image_alt = forms.CharField(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Required. Say what the image shows, for people who cannot see it."),
    )
    image_alt_en = forms.CharField(
        label=_("Alternative text in English"),
        max_length=250,
        required=False,
        help_text=_("Shown on the English site; the text above is used when this is empty."),
    )

    def __init__(self, *args: Any, item: NewsItem, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"image_alt": item.image_alt, "image_alt_en": item.image_alt_en})
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["image"].help_text = _("PNG or JPEG, at most %(limit)s.") % {
            "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES)
        }
        self.fields["image"].required = not item.image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_image = bool(data.get("image")) or bool(self.item.image)
        if has_image and not (data.get("image_alt") or "").strip() and "image_alt" not in self.errors:
            self.add_error(
                "image_alt", _("Describe the image: alternative text is required when there is an image.")
            )
        return data


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("E.g. “Meeting agenda”."))
    file = forms.FileField(label=_("File"))
    language = forms.ChoiceField(label=_("Language of the document"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s, at most %(limit)s.") % {
            "types": ACCEPTED_TYPES,
            "limit": filesizeformat(settings.MAX_ATTACHMENT_UPLOAD_BYTES),
        }
        self.fields["language"].choices = [("", _("Not stated")), *CONTENT_LANGUAGES]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        attachment_kind(file)
        return file


SORTS = {
    "-updated": ("-updated_at", "-id"),
    "updated": ("updated_at", "id"),
    "-created": ("-created_at", "-id"),
    "-published": ("-first_published_at", "-id"),
    "partner": ("partner__order", "-updated_at"),
}


class NewsFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *TranslationStatus.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *CONTENT_LANGUAGES]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-updated", _("Last changed first")),
            ("updated", _("Last changed last")),
            ("-created", _("Newest first")),
            ("-published", _("Publication date")),
            ("partner", _("Partner")),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]


class PublicPartnerFilterForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [  # type: ignore[attr-defined]
            ("", _("All partners")),
            *[(p.slug, p.short_name) for p in partners],
        ]
