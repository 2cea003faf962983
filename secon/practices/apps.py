"""The good-practices app: practices in the programme's template, their review workflow and scoring."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "secon.practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        # The access gate (record history) and the audit codes, registered at start-up.
        from secon.practices import access, audit_actions, personal_data  # noqa: F401

        personal_data.register()
