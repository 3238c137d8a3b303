"""Demo newsletter: readers in the four languages who confirmed their sign-up, one mailing handed to
the worker (`make run` sends it within a minute, into the demo mailbox), and a what's-on digest
left as a draft for the editor. Loaded after programs, collection and library (the digest reads them)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from shanyraq.newsletter.forms import CONSENT_TEXT
from shanyraq.newsletter.models import ConsentRecord, Mailing, Subscriber, Topic
from shanyraq.newsletter.services.mailings import digest_create
from shanyraq.newsletter.services.sending import mailing_start

# (address, language, topics): every language and every topic has readers.
READERS = [
    ("wang.fang@example.cn", "zh-hans", [Topic.EXHIBITIONS, Topic.CONCERTS]),
    ("li.na@example.cn", "zh-hans", [Topic.CHILDREN, Topic.COURSES]),
    ("zhao.lei@example.cn", "zh-hans", [Topic.EXCHANGE, Topic.COURSES]),
    ("emma.smith@example.org", "en", [Topic.EXHIBITIONS, Topic.LIBRARY]),
    ("david.brown@example.org", "en", [Topic.CONCERTS]),
    ("aigerim.s@example.kz", "kk", [Topic.COURSES, Topic.LIBRARY, Topic.EXCHANGE]),
    ("nurlan.b@example.kz", "kk", [Topic.CONCERTS, Topic.EXHIBITIONS]),
    ("dana.t@example.kz", "kk", [Topic.CHILDREN]),
    ("olga.ivanova@example.ru", "ru", [Topic.LIBRARY, Topic.EXHIBITIONS]),
    ("sergey.p@example.ru", "ru", [Topic.COURSES, Topic.CHILDREN]),
]

WELCOME = {
    "zh-hans": ("哈萨克斯坦文化中心十二月通讯", "## 本月亮点\n\n冬季冬不拉音乐会与儿童毡艺大师班开放报名。\n\n## 图书馆\n\n新到一批哈萨克语和俄语图书。"),
    "en": ("December at the Cultural Center of Kazakhstan", "## This month\n\nWinter dombra concerts and felt-making master classes for children are open for registration.\n\n## Library\n\nNew books in Kazakh and Russian have arrived."),
    "kk": ("Қазақстан мәдени орталығы: желтоқсан", "## Осы айда\n\nҚысқы домбыра кештері мен балаларға арналған киіз басу шеберлік сабақтарына тіркелу ашық.\n\n## Кітапхана\n\nҚазақ және орыс тілдеріндегі жаңа кітаптар келді."),
    "ru": ("Декабрь в Культурном центре Казахстана", "## В этом месяце\n\nОткрыта запись на зимние концерты домбры и мастер-классы по войлоку для детей.\n\n## Библиотека\n\nПоступили новые книги на казахском и русском языках."),
}  # fmt: skip


def load() -> dict:
    now = timezone.now()
    with transaction.atomic():
        for email, language, topics in READERS:
            reader = Subscriber.objects.create(
                email=email,
                language=language,
                topics=list(topics),
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
                confirmation_sent_at=now,
            )
            # What the double opt-in records: the request with the text shown, then the link.
            for action, source in (
                (ConsentRecord.Action.REQUESTED, ConsentRecord.Source.FOOTER),
                (ConsentRecord.Action.CONFIRMED, ConsentRecord.Source.EMAIL_LINK),
            ):
                ConsentRecord.objects.create(
                    subscriber=reader,
                    action=action,
                    source=source,
                    language=language,
                    topics=list(topics),
                    text_shown=str(CONSENT_TEXT),
                )
        mailing = Mailing(title="December newsletter", missing=Mailing.Missing.FALLBACK)
        for language, (subject, body) in WELCOME.items():
            suffix = language.replace("-", "_")
            setattr(mailing, f"subject_{suffix}", subject)
            setattr(mailing, f"body_{suffix}", body)
        mailing.save()
    deliveries = mailing_start(mailing=mailing)
    digest = digest_create()
    return {"subscribers": len(READERS), "mailing deliveries": deliveries, "digest draft": digest.pk}
