"""News files get platform-chosen names: existing files are renamed (type sniffed from their bytes) and
the files of items with no published version move to private storage, away from public media."""

import posixpath
import re

from django.db import migrations, models, transaction

import secon.core.uploads
import secon.news.files

PLATFORM_BASENAME = re.compile(r"[0-9a-f]{32}\.[a-z]+")


def _relocate(storage, name, *, public):
    """The new stored name of `name`; the old copy is deleted once the migration commits."""
    from secon.core.uploads import PRIVATE_PREFIX, is_private, platform_name, sniff_kind

    if not name or not storage.exists(name):
        return name  # no file, or a database restored without its media: left as it is
    well_named = PLATFORM_BASENAME.fullmatch(posixpath.basename(name))
    if well_named and is_private(name) != public:
        return name
    directory = posixpath.dirname(name.removeprefix(PRIVATE_PREFIX))
    with storage.open(name) as source:
        new_name = platform_name(sniff_kind(source), directory)
        saved = storage.save(new_name if public else PRIVATE_PREFIX + new_name, source)
    transaction.on_commit(lambda: storage.delete(name))
    return saved


def rename_files(apps, schema_editor):
    from secon.core.uploads import publishable_storage

    storage = publishable_storage()
    NewsItem = apps.get_model("news", "NewsItem")
    NewsAttachment = apps.get_model("news", "NewsAttachment")
    NewsTranslation = apps.get_model("news", "NewsTranslation")
    published = set(NewsTranslation.objects.filter(status="published").values_list("item_id", flat=True))
    for item in NewsItem.objects.exclude(image=""):
        new = _relocate(storage, item.image.name, public=item.pk in published)
        if new != item.image.name:
            NewsItem.objects.filter(pk=item.pk).update(image=new)
    for attachment in NewsAttachment.objects.all():
        old = attachment.file.name
        new = _relocate(storage, old, public=attachment.item_id in published)
        original = attachment.original_name or posixpath.basename(old)[-255:]
        NewsAttachment.objects.filter(pk=attachment.pk).update(file=new, original_name=original)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsattachment",
            name="original_name",
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name="file name"),
        ),
        migrations.AlterField(
            model_name="newsattachment",
            name="file",
            field=secon.core.uploads.UploadFileField(
                kinds=["docx", "jpeg", "ods", "odt", "pdf", "png", "xlsx"],
                max_bytes_setting="MAX_ATTACHMENT_UPLOAD_BYTES",
                upload_to="news/files/%Y/",
                validators=[secon.news.files.validate_attachment],
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="image",
            field=secon.core.uploads.UploadImageField(
                blank=True,
                kinds=["jpeg", "png"],
                max_bytes_setting="MAX_IMAGE_UPLOAD_BYTES",
                upload_to="news/images/%Y/",
                validators=[secon.news.files.validate_image],
                verbose_name="main image",
            ),
        ),
        migrations.RunPython(rename_files, migrations.RunPython.noop),
    ]
