"""Events written from the admin used `projects.workitem.updated`; services write `projects.work_item.…`.

The admin now writes the services' spelling (see core/admin.py); old rows are renamed so a record's
trail filters by one code per action.
"""

from django.db import migrations

RENAMED = {"projects.workitem.": "projects.work_item."}


def rename(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        for event in AuditEvent.objects.filter(code__startswith=old).only("pk", "code"):
            AuditEvent.objects.filter(pk=event.pk).update(code=new + event.code[len(old) :])


def rename_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        for event in AuditEvent.objects.filter(code__startswith=new).only("pk", "code"):
            AuditEvent.objects.filter(pk=event.pk).update(code=old + event.code[len(new) :])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_submission_token")]

    operations = [migrations.RunPython(rename, rename_back)]
