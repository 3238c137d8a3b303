from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shanyraq.core"
    label = "core"
    verbose_name = "Core"
