from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openadmit.accounts"
    label = "accounts"
    verbose_name = _("Applicant accounts")

    def ready(self) -> None:
        from openadmit.accounts import personal_data, service
        from openadmit.accounts.constants import AccountEvent
        from openadmit.audit.events import register_event_types

        register_event_types(AccountEvent)

        service.register_data_holder(
            "account", export=personal_data.export_account, erase=personal_data.erase_account
        )
