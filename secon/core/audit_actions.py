"""Names of the keys every app's audit events share, for the record history (each app adds its own)."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

register_actions(
    {},
    change_labels={
        "via": _("made through"),
        "note": _("note"),
        "reason": _("reason"),
        "error": _("error"),
        "format": _("format"),
        "file": _("file"),
        "status": _("status"),
        "kind": _("kind"),
        "import": _("import no."),
        "language": _("language"),
        "change": _("kind of change"),
        "size": _("size (bytes)"),
    },
    app="core",
)
