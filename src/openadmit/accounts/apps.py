from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openadmit.accounts"
    label = "accounts"
    verbose_name = _("Applicant accounts")

    def ready(self) -> None:
        from openadmit.accounts import personal_data, service

        service.register_data_holder(
            "account", export=personal_data.export_account, erase=personal_data.erase_account
        )
