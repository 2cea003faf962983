"""The audit actions of the territory app, with the labels the record history shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

register_actions(
    {
        "territory.service_area.created": _("Service area added"),
        "territory.service_area.updated": _("Service area changed"),
        "territory.service_area.deleted": _("Service area deleted"),
        "territory.teryt.imported": _("TERYT register imported"),
        "territory.lau.imported": _("Local administrative units (LAU) imported"),
    },
    change_labels={
        "encoding": _("encoding"),
        "created": _("added"),
        "updated": _("changed"),
        "retired": _("retired"),
    },
)
