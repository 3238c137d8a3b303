from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "shanyraq.exchange"
    label = "exchange"
    verbose_name = _("Youth exchange")

    def ready(self) -> None:
        # The scheduler's registry (ops.jobs) is extended here, as its docstring invites.
        import datetime as dt

        from shanyraq.ops.jobs import Daily, Every, Job, register

        register(
            Job(
                "exchange_meeting_reminders", Every(minutes=30), call="shanyraq.exchange.tasks.send_reminders"
            )
        )
        # Calls whose deadline passed are marked closed (applying already stops at the deadline).
        register(Job("exchange_close_calls", Every(minutes=5), call="shanyraq.exchange.tasks.close_calls"))
        register(
            Job("exchange_join_prune", Daily(dt.time(3, 50)), call="shanyraq.exchange.tasks.prune_joins")
        )
