"""The director's dashboard: figures equal the rows made here, on a pinned clock (Tue 2026-12-08
10:00 in Beijing), bucketed in the center's time zone, labelled in the reader's language."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from shanyraq.collection.models import Artifact
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.library.models import Loan
from shanyraq.library.tests.factories import CopyFactory, PatronFactory
from shanyraq.library.tests.factories import PersonFactory as ReaderFactory
from shanyraq.programs.models import Attendance
from shanyraq.programs.services.registrations import registration_create
from shanyraq.programs.tests.factories import PersonFactory, ProgramFactory, SpaceFactory, make_session
from shanyraq.site.dashboard import selectors
from shanyraq.site.dashboard.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Selector tests read labels in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=timezone.get_current_timezone())


def check_in(session, person, when, seats=1):
    group = {"group_name": "School 5, class 3"} if seats > 1 else {}
    registration = registration_create(session=session, person=person, seats=seats, staff=True, **group)
    return Attendance.objects.create(
        session=session, registration=registration, status=Attendance.Status.PRESENT, checked_in_at=when
    )


def lend(patron, when):
    return Loan.objects.create(
        copy=CopyFactory(),
        patron=patron,
        patron_category=patron.category,
        checked_out_at=when,
        due_on=when.date() + dt.timedelta(days=21),
    )


def test_months_run_from_january_to_the_pinned_december(clock):
    period = Period.last("month")
    assert (period.buckets[0], period.buckets[-1]) == (dt.date(2026, 1, 1), dt.date(2026, 12, 1))
    assert (period.start, period.end) == (local(2026, 1, 1), local(2027, 1, 1))


def test_weeks_start_on_monday_and_end_with_this_week(clock):
    period = Period.last("week")
    assert (period.buckets[0], period.buckets[-1]) == (dt.date(2026, 9, 21), dt.date(2026, 12, 7))


def test_visitors_are_counted_in_seats_per_month_and_language_in_the_center_time_zone(clock):
    session = make_session(program=ProgramFactory(allow_groups=True), capacity=10)
    # 00:30 on 1 December in Beijing is still 30 November in UTC: it belongs to December.
    check_in(session, PersonFactory(language="kk"), local(2026, 12, 1, 0, 30), seats=3)
    check_in(session, PersonFactory(language="ru"), local(2026, 11, 30, 23, 30))
    check_in(session, PersonFactory(language="kk"), local(2025, 12, 31, 12, 0))  # before the period
    chart = selectors.visitors(Period.last("month"))
    assert chart.columns == ["Months", "Chinese", "English", "Kazakh", "Russian"]
    assert chart.rows[-1] == ["Dec 2026", 0, 0, 3, 0]
    assert chart.rows[-2] == ["Nov 2026", 0, 0, 0, 1]
    assert chart.total == 4


def test_the_language_filter_keeps_only_that_language(clock):
    session = make_session(program=ProgramFactory(allow_groups=True), capacity=10)
    check_in(session, PersonFactory(language="kk"), local(2026, 12, 2, 9, 0))
    check_in(session, PersonFactory(language="ru"), local(2026, 12, 2, 9, 5))
    chart = selectors.visitors(Period.last("week"), lang="ru")
    assert chart.columns == ["Weeks", "Russian"]
    assert chart.rows[-2] == ["Nov 30", 1]


def test_registrations_show_seats_with_a_place_and_the_waiting_list(clock):
    session = make_session(capacity=2)
    for _ in range(5):
        registration_create(session=session, person=PersonFactory())
    chart = selectors.registrations(Period.last("year"))
    assert [row[0] for row in chart.rows] == ["2022", "2023", "2024", "2025", "2026"]
    assert chart.rows[-1] == ["2026", 2, 3, 0, 0]


def test_occupancy_names_the_space_and_counts_seats_taken(clock):
    space = SpaceFactory(slug="felt-studio", name_en="Felt studio", name_ru="Войлочная мастерская")
    session = make_session(space=space, capacity=4)
    for _ in range(3):
        registration_create(session=session, person=PersonFactory())
    assert selectors.occupancy(Period.last("month")).rows == [["Felt studio", 1, 2.0, 4, 3, 75]]


def test_loans_by_category_and_new_readers_by_language(clock):
    child = PatronFactory(category="child", person=ReaderFactory(language="zh-hans"))
    adult = PatronFactory(category="adult", person=ReaderFactory(language="kk"))
    lend(child, local(2026, 12, 3, 15, 0))
    lend(adult, local(2026, 12, 4, 15, 0))
    lend(adult, local(2026, 11, 4, 15, 0))
    loans = selectors.loans(Period.last("month"))
    assert loans.columns == ["Months", "adult", "child", "staff"]
    assert (loans.rows[-2], loans.rows[-1]) == (["Nov 2026", 1, 0, 0], ["Dec 2026", 1, 1, 0])
    readers = selectors.new_readers(Period.last("month"))
    assert readers.rows[-1] == ["Dec 2026", 1, 0, 1, 0]


def test_collection_counts_artifacts_on_view_in_storage_and_on_loan(clock):
    ArtifactFactory.create_batch(2, status=Artifact.Status.ON_VIEW)
    ArtifactFactory(status=Artifact.Status.ON_LOAN_OUT, published=False)
    ArtifactFactory(status=Artifact.Status.IN_STORAGE)
    chart = selectors.collection(Period.last("month"))
    assert chart.rows == [["On view", 2], ["In storage", 1], ["On loan out", 1]]


def test_the_director_sees_every_chart_as_svg_with_title_desc_and_table(clock, staff_client):
    make_session()
    body = staff_client("director").get("/en/staff/?period=week").content.decode()
    slugs = ("visitors", "registrations", "occupancy", "loans", "readers", "collection")
    outreach = ("subscribers", "mailings", "unsubscribes", "members", "tandems", "applications")
    for slug in slugs + outreach:
        assert f'<title id="chart-{slug}-title">' in body
        assert f'<desc id="chart-{slug}-desc">' in body
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in body
    assert body.count("<table>") == 12
    assert '<th scope="row">Dec 7</th>' in body


def test_each_role_sees_only_its_charts(clock, staff_client):
    librarian = staff_client("librarian").get("/en/staff/").content.decode()
    assert "chart-loans-title" in librarian and "chart-visitors-title" not in librarian
    teacher = staff_client("teacher")
    assert 'class="chart"' not in teacher.get("/en/staff/").content.decode()
    assert teacher.get("/en/staff/?chart=loans&format=csv").status_code == 404


def test_csv_download_holds_the_chart_table_and_no_formula(clock, staff_client):
    space = SpaceFactory(slug="evil", name_en="=HYPERLINK(1)")
    make_session(space=space, capacity=4)
    response = staff_client("director").get("/en/staff/?period=month&chart=occupancy&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="occupancy-month-2026-01-01.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Space", "Sessions", "Hours", "Seats", "Seats taken", "Occupancy (%)"],
        ["'=HYPERLINK(1)", "1", "2.0", "4", "0", "0"],
    ]


def test_xlsx_download_holds_numbers_and_translated_headers(clock, staff_client):
    session = make_session(program=ProgramFactory(allow_groups=True), capacity=10)
    check_in(session, PersonFactory(language="zh-hans"), local(2026, 12, 8, 9, 0), seats=2)
    response = staff_client("director").get("/ru/staff/?period=month&chart=visitors&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Месяцы", "китайский", "английский", "казахский", "русский"]
    assert rows[-1] == ["дек. 2026\xa0г.", 2, 0, 0, 0]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ["Посетители", "дек. 2026\xa0г.", "казахский", "взрослый", "В экспозиции", "Все языки"]),
        ("kk", ["келушілер", "2026\xa0ж. жел.", "қазақ тілі", "ересек", "Көрмеде"]),
        ("zh-hans", ["访客", "2026年12月", "哈萨克语", "成人", "展出中"]),
    ],
)
def test_labels_are_in_the_reader_language_never_codes(clock, staff_client, lang, words):
    ArtifactFactory(status=Artifact.Status.ON_VIEW)
    lend(PatronFactory(category="adult"), local(2026, 12, 3, 15, 0))
    body = staff_client("director").get(f"/{lang}/staff/?period=month").content.decode()
    for word in words:
        assert word in body
    for code in (">adult<", ">child<", ">on_view<", ">kk<", ">zh-hans<"):
        assert code not in body
