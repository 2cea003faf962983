"""The audit actions of the good-practices app, with the labels the practice's trail shows."""

from django.utils.translation import gettext_lazy as _

from secon.core.audit import register_actions

# One code per workflow step: the trail names each step by its label.
TRANSITION_CODES = {
    "submit": "practices.practice.submitted",
    "accept": "practices.practice.accepted",
    "return": "practices.practice.returned",
    "reject": "practices.practice.rejected",
    "submit_to_programme": "practices.practice.submitted_to_programme",
    "approve": "practices.practice.approved",
    "validate": "practices.practice.validated",
    "select": "practices.practice.selected",
    "not_select": "practices.practice.not_selected",
}

register_actions(
    {
        "practices.practice.created": _("Good practice created"),
        "practices.practice.updated": _("Good practice edited"),
        "practices.practice.submitted": _("Submitted to the Lead Partner"),
        "practices.practice.accepted": _("Accepted by the Lead Partner"),
        "practices.practice.returned": _("Returned with comments"),
        "practices.practice.rejected": _("Rejected by the Lead Partner"),
        "practices.practice.submitted_to_programme": _("Submitted to the programme"),
        "practices.practice.approved": _("Approved by the project's web administrator"),
        "practices.practice.validated": _("Validated by the programme's secretariat"),
        "practices.practice.selected": _("Selected for the Policy Learning Platform"),
        "practices.practice.not_selected": _("Not selected for the Policy Learning Platform"),
        "practices.practice.scored": _("Scores recorded"),
        "practices.version.marked_current": _("Language version marked up to date"),
        "practices.image.added": _("Image added"),
        "practices.image.removed": _("Image removed"),
        "practices.attachment.added": _("Attachment added"),
        "practices.attachment.removed": _("Attachment removed"),
    },
    change_labels={
        "comment": _("comment"),
        "versions": _("language versions"),
        "assessor": _("assessed by"),
        "total": _("total score"),
        "language": _("language"),
    },
)
