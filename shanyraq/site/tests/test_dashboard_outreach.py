"""The dashboard's newsletter and youth-exchange figures (issue 14, part 1): rows made here, on
the pinned clock (Tue 2026-12-08 10:00 in Beijing), bucketed in the center's time zone, labelled
in the reader's language; young members only ever counted."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone, translation

from shanyraq.exchange.models import Application, Call, Member, Tandem
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.newsletter.models import ConsentRecord, Delivery, Mailing, Subscriber
from shanyraq.newsletter.tests.factories import SubscriberFactory
from shanyraq.site.dashboard import selectors
from shanyraq.site.dashboard.periods import Period

pytestmark = pytest.mark.django_db

OUTREACH = ("subscribers", "mailings", "unsubscribes", "members", "tandems", "applications")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=timezone.get_current_timezone())


def month_row(chart, label: str) -> list:
    (row,) = [row for row in chart.rows if row[0] == label]
    return row


def test_confirmed_subscribers_accumulate_by_language_in_the_center_time_zone(clock):
    SubscriberFactory(language="kk", confirmed_at=local(2025, 11, 1, 12, 0))  # before the period
    SubscriberFactory(language="ru", confirmed_at=local(2026, 4, 1, 0, 30))  # 31 March in UTC
    SubscriberFactory(language="kk", confirmed_at=local(2026, 12, 2, 18, 0))
    SubscriberFactory(language="en", status=Subscriber.Status.PENDING, confirmed_at=None)
    SubscriberFactory(language="en", status=Subscriber.Status.UNSUBSCRIBED, confirmed_at=local(2026, 2, 1))
    chart = selectors.newsletter_subscribers(Period.last("month"))
    assert chart.columns == ["Months", "Chinese", "English", "Kazakh", "Russian"]
    assert month_row(chart, "Jan 2026") == ["Jan 2026", 0, 0, 1, 0]
    assert month_row(chart, "Mar 2026") == ["Mar 2026", 0, 0, 1, 0]
    assert month_row(chart, "Apr 2026") == ["Apr 2026", 0, 0, 1, 1]
    assert month_row(chart, "Dec 2026") == ["Dec 2026", 0, 0, 2, 1]


def test_the_language_filter_keeps_only_that_languages_subscribers(clock):
    SubscriberFactory(language="kk", confirmed_at=local(2026, 12, 2))
    SubscriberFactory(language="ru", confirmed_at=local(2026, 12, 3))
    chart = selectors.newsletter_subscribers(Period.last("month"), lang="ru")
    assert chart.columns == ["Months", "Russian"]
    assert chart.rows[-1] == ["Dec 2026", 1]


def test_mailings_sent_and_messages_delivered_per_language(clock):
    mailing = Mailing.objects.create(
        title="December", status=Mailing.Status.SENT, finished_at=local(2026, 12, 1, 9, 30)
    )
    Mailing.objects.create(title="Draft", status=Mailing.Status.DRAFT)
    for n, (lang, status) in enumerate([("kk", "sent"), ("kk", "sent"), ("ru", "sent"), ("ru", "failed")]):
        Delivery.objects.create(
            mailing=mailing, email=f"r{n}@example.org", language=lang, status=status,
            sent_at=local(2026, 12, 1, 9, 0) if status == "sent" else None,
        )  # fmt: skip
    chart = selectors.newsletter_mailings(Period.last("month"))
    assert chart.columns == ["Months", "Mailings", "Chinese", "English", "Kazakh", "Russian"]
    assert chart.rows[-1] == ["Dec 2026", 1, 0, 0, 2, 1]
    assert chart.plot == [2, 3, 4, 5]  # the bars are the messages; the mailings are in the table
    assert chart.total == 3


def test_unsubscribes_per_month_and_language(clock):
    reader = SubscriberFactory(language="zh-hans", status=Subscriber.Status.UNSUBSCRIBED)
    ConsentRecord.objects.create(
        subscriber=reader, action=ConsentRecord.Action.WITHDRAWN, source=ConsentRecord.Source.ONE_CLICK,
        language="zh-hans", at=local(2026, 12, 1, 0, 30),  # 30 November in UTC: December here
    )  # fmt: skip
    ConsentRecord.objects.create(
        subscriber=reader, action=ConsentRecord.Action.CONFIRMED, source=ConsentRecord.Source.EMAIL_LINK,
        language="zh-hans", at=local(2026, 10, 1),
    )  # fmt: skip
    chart = selectors.newsletter_unsubscribes(Period.last("month"))
    assert month_row(chart, "Nov 2026") == ["Nov 2026", 0, 0, 0, 0]
    assert month_row(chart, "Dec 2026") == ["Dec 2026", 1, 0, 0, 0]
    assert chart.total == 1


def _members():
    """Ages on the pinned day, 8 December 2026: 12, 17, 18 (today), 24 in Kazakhstan; 26 in China."""
    made = [
        member_make(name="Aru Young", born=dt.date(2013, 12, 9), guardian=guardian_make()),
        member_make(name="Dana Teen", born=dt.date(2008, 12, 9), guardian=guardian_make()),
        member_make(name="Erlan Birthday", born=dt.date(2008, 12, 8)),
        member_make(name="Gulnar Student", born=dt.date(2002, 5, 1)),
        member_make(name="Li Wei", born=dt.date(2000, 1, 1), country="CN", language="zh-hans"),
    ]
    gone = member_make(name="Suspended Sam", born=dt.date(2001, 1, 1))
    Member.objects.filter(pk=gone.pk).update(status=Member.Status.SUSPENDED)
    return made


def test_members_are_counted_by_country_and_age_band_today(clock):
    _members()
    chart = selectors.exchange_members(Period.last("month"))
    assert chart.columns == ["Country", "Under 14", "14 to 17", "18 to 25", "26 and older", "Age not given"]
    assert chart.rows == [["Kazakhstan", 1, 1, 2, 0, 0], ["China", 0, 0, 0, 1, 0]]


def _tandem(a, b, **fields):
    low, high = sorted([a.pk, b.pk])
    return Tandem.objects.create(
        first=a, second=b, first_teaches="kk", second_teaches="zh", low=low, high=high, **fields
    )


def test_active_tandems_at_the_end_of_each_month_with_and_without_a_minor(clock):
    a, b, c, d, e = _members()
    _tandem(a, b, status="active", involves_minor=True, decided_at=local(2026, 10, 15))
    _tandem(c, d, status="ended", decided_at=local(2026, 6, 10), ended_at=local(2026, 9, 5))
    _tandem(c, e, status="requested")
    _tandem(d, e, status="declined", decided_at=local(2026, 5, 1))
    chart = selectors.exchange_tandems(Period.last("month"))
    assert chart.columns == ["Months", "With a young member", "Between adults"]
    assert [row[1:] for row in chart.rows] == [
        [0, 0], [0, 0], [0, 0], [0, 0], [0, 0],  # January to May
        [0, 1], [0, 1], [0, 1],  # June to August
        [0, 0],  # ended on 5 September
        [1, 0], [1, 0], [1, 0],  # October to December (today)
    ]  # fmt: skip


def test_applications_per_call_by_status(clock):
    a, b, c, d, e = _members()
    camp = Call.objects.create(
        title_en="Summer camp", title_ru="Летний лагерь", status="published",
        deadline=local(2026, 12, 20), places=10, criteria=[],
    )  # fmt: skip
    old = Call.objects.create(
        title_en="Old call", status="closed", deadline=local(2025, 5, 1), places=1, criteria=[]
    )
    for member, status in [(a, "submitted"), (b, "accepted"), (c, "accepted"), (d, "draft"), (e, "waiting")]:
        Application.objects.create(call=camp, member=member, status=status)
    Application.objects.create(call=old, member=a, status="declined")
    chart = selectors.exchange_applications(Period.last("month"))
    assert chart.columns == ["Call", "Submitted", "Accepted", "Waiting list", "Declined", "Withdrawn"]
    assert chart.rows == [["Summer camp", 1, 2, 1, 0, 0]]
    with translation.override("ru"):
        assert selectors.exchange_applications(Period.last("month")).rows[0][0] == "Летний лагерь"


def test_the_director_sees_the_outreach_charts_and_no_young_members_name(clock, staff_client):
    _members()
    body = staff_client("director").get("/en/staff/?period=year").content.decode()
    for slug in OUTREACH:
        assert f'<title id="chart-{slug}-title">' in body
    for name in ("Aru", "Dana", "Young", "Teen", "2013"):
        assert name not in body


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("program_coordinator", {"subscribers", "mailings", "unsubscribes"}),
        ("safeguarding_officer", {"members", "tandems"}),
        ("exchange_coordinator", {"applications"}),
        ("librarian", set()),
    ],
)
def test_each_role_sees_only_its_outreach_charts(clock, staff_client, role, sees):
    client = staff_client(role)
    body = client.get("/en/staff/").content.decode()
    assert {slug for slug in OUTREACH if f"chart-{slug}-title" in body} == sees
    for slug in set(OUTREACH) - sees:
        assert client.get(f"/en/staff/?chart={slug}&format=csv").status_code == 404


def test_the_members_csv_names_countries_and_bands_in_russian(clock, staff_client):
    _members()
    response = staff_client("director").get("/ru/staff/?period=month&chart=members&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Страна", "Младше 14", "14–17", "18–25", "26 и старше", "Возраст не указан"],
        ["Казахстан", "1", "1", "2", "0", "0"],
        ["Китай", "0", "0", "0", "1", "0"],
    ]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ["Подписчики рассылки", "Активные тандемы", "Заявки по конкурсам", "Казахстан"]),
        ("kk", ["Таратылым жазылушылары", "Белсенді тандемдер", "Қазақстан"]),
        ("zh-hans", ["简讯订阅者", "进行中的语伴", "哈萨克斯坦"]),
    ],
)
def test_outreach_labels_are_in_the_reader_language(clock, staff_client, lang, words):
    _members()
    body = staff_client("director").get(f"/{lang}/staff/?period=month").content.decode()
    for word in words:
        assert word in body
