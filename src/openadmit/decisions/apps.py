from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "openadmit.decisions"
    label = "decisions"
    verbose_name = _("Decisions and offers")

    def ready(self) -> None:
        from openadmit.audit.events import register_event_types
        from openadmit.decisions.constants import DecisionEvent

        register_event_types(DecisionEvent)

        from openadmit.applications.views import register_status_panel
        from openadmit.decisions import views
        from openadmit.office.file import register_file_panel
        from openadmit.office.intakes import register_intake_links

        register_status_panel(views.status_panel)
        register_file_panel(views.file_panel)
        register_intake_links(views.intake_links)
