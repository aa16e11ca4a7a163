from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "openadmit.review"
    label = "review"
    verbose_name = _("Review")

    def ready(self) -> None:
        from openadmit.access.policy import register_assignment_source
        from openadmit.audit.events import register_event_types
        from openadmit.catalogue.importing import IntakeFile, register_intake_file
        from openadmit.office import bulk
        from openadmit.office.file import register_file_panel
        from openadmit.office.intakes import register_intake_links
        from openadmit.office.queue import register_review_source
        from openadmit.review import hooks, rubric, service
        from openadmit.review.constants import ReviewEvent

        register_event_types(ReviewEvent)
        register_assignment_source(service.is_assigned, service.assigned_ids)
        register_review_source(service.review_state)
        register_file_panel(hooks.file_panel)
        register_intake_links(hooks.intake_links)
        bulk.register(hooks.AUTO_ASSIGN)
        register_intake_file(
            IntakeFile(rubric.RUBRIC_FILE, rubric.load_rubric, service.import_rubric)
        )
