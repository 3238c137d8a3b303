import factory

from shanyraq.mail.models import OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    to_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    subject = factory.Sequence(lambda n: f"Message {n}")
    body = "Hello."
    language = "en"
    topic = "test"
