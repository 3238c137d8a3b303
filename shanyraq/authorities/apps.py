from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "shanyraq.authorities"
    label = "authorities"
    verbose_name = _("Name authorities")

    def ready(self) -> None:
        # Search knows nothing of authorities (imports flow one way); we hand it our expander.
        from shanyraq.authorities.selectors import search_expander
        from shanyraq.search.selectors import register_expander

        register_expander(search_expander)
