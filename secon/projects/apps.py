from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "secon.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        # The audit codes the app writes, with their labels (record_event refuses any other), and the
        # receivers that drop this process's copy of the project when it is edited.
        from secon.projects import audit_actions, current  # noqa: F401
