"""The audit actions of the projects app, with the labels the record history shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

register_actions(
    {
        "projects.work_item.created": _("Work plan item added"),
        "projects.work_item.updated": _("Work plan item changed"),
        "projects.work_item.deleted": _("Work plan item deleted"),
        # Written by the Django admin (core.admin.AuditedAdmin) for the project's configuration.
        "projects.programme.created": _("Programme added"),
        "projects.programme.updated": _("Programme changed"),
        "projects.programme.deleted": _("Programme deleted"),
        "projects.project.created": _("Project added"),
        "projects.project.updated": _("Project changed"),
        "projects.project.deleted": _("Project deleted"),
        "projects.partner.created": _("Partner added"),
        "projects.partner.updated": _("Partner changed"),
        "projects.partner.deleted": _("Partner deleted"),
    }
)
