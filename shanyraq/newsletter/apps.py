from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "shanyraq.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        import datetime as dt

        from shanyraq.ops import jobs

        # Starts scheduled mailings and resumes any a dead worker left half-sent (decision 019).
        jobs.register(
            jobs.Job("newsletter_send", jobs.Every(minutes=1), call="shanyraq.newsletter.tasks.send_due")
        )
        jobs.register(
            jobs.Job("newsletter_prune", jobs.Daily(dt.time(3, 50)), call="shanyraq.newsletter.tasks.prune")
        )
