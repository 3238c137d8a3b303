from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", **kwargs):
    """The database cache's table comes with `migrate` wherever it runs (make migrate, tests,
    benchmarks, a deploy guide): rate limits fail closed without it. No-op on Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "shanyraq.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="shanyraq.core.cache_table")
