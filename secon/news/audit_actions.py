"""The audit actions of the news app, with the labels the record history shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

TRANSLATION_CODES = [
    f"news.translation.{verb}"
    for verb in ("created", "updated", "marked_ready", "reopened", "marked_current", "published")
] + ["news.translation.unpublished", "news.translation.deleted"]

register_actions(
    {
        "news.item.created": _("News item created"),
        "news.item.deleted": _("News item deleted"),
        "news.item.image_changed": _("Image changed"),
        "news.item.image_removed": _("Image removed"),
        "news.translation.created": _("Language version added"),
        "news.translation.updated": _("Language version edited"),
        "news.translation.marked_ready": _("Language version marked ready"),
        "news.translation.reopened": _("Language version reopened"),
        "news.translation.marked_current": _("Language version marked up to date"),
        "news.translation.published": _("Language version published"),
        "news.translation.unpublished": _("Language version unpublished"),
        "news.translation.deleted": _("Language version deleted"),
        "news.attachment.added": _("Attachment added"),
        "news.attachment.removed": _("Attachment removed"),
    },
    # The item's trail also records its language versions and attachments, whose fields these are.
    describes={
        "news.item.created": "news.NewsTranslation",
        **{code: "news.NewsTranslation" for code in TRANSLATION_CODES},
        "news.attachment.added": "news.NewsAttachment",
        "news.attachment.removed": "news.NewsAttachment",
    },
    change_labels={"versions": _("language versions")},
)
