# The programme, the project and each partner get a logo an administrator uploads (none is shipped).
from django.db import migrations

import secon.core.uploads


def logo(help_text: str) -> secon.core.uploads.UploadImageField:
    return secon.core.uploads.UploadImageField(
        blank=True,
        help_text=help_text,
        kinds=["jpeg", "png"],
        max_bytes_setting="MAX_LOGO_UPLOAD_BYTES",
        private=False,
        upload_to="logos/",
        verbose_name="logo",
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_partner_short_names")]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="logo",
            field=logo("The programme's logo as its visibility rules give it. PNG or JPEG, not SVG."),
        ),
        migrations.AddField(
            model_name="project",
            name="logo",
            field=logo(
                "Shown at the top of every public page, in documents and e-mails. PNG or JPEG, not SVG."
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="logo",
            field=logo("Shown on the partner's public page. PNG or JPEG, not SVG."),
        ),
    ]
