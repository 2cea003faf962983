from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "secon.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # A malformed rate limit or proxy address stops the start-up rather than switching a limit off.
        from secon.core.ratelimit import check_settings

        check_settings()
        # Names of the keys audit events share; each app registers its own actions in audit_actions.py.
        from secon.core import audit_actions  # noqa: F401
