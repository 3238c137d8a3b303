"""The coordinator writes a call in four languages with its questions, publishes it, and reads its
report; bad input answers with clear errors and writes nothing; what applicants and reviewers
rely on (answered questions, scored criteria) does not change under them."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from shanyraq.core.models import AuditEvent
from shanyraq.exchange.models import Application, Call, Question, Review
from shanyraq.exchange.services import calls as call_services
from shanyraq.exchange.tests.factories import member_make

pytestmark = pytest.mark.django_db

TITLES = {
    "zh_hans": "翻译工作坊",
    "en": "Translation workshop",
    "kk": "Аударма шеберханасы",
    "ru": "Переводческая мастерская",
}


def form_data(**over) -> dict:
    data = {
        **{f"title_{s}": t for s, t in TITLES.items()},
        "description_en": "Three days of translating Abai.",
        "description_kk": "Абайды аударудың үш күні.",
        "deadline": (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        "places": "12",
        "min_age": "16",
        "max_age": "30",
        "language_1": "kk",
        "language_1_level": "2",
        "language_2": "zh",
        "language_2_level": "3",
        "countries": "kz, CN",
        "c-TOTAL_FORMS": "3",
        "c-INITIAL_FORMS": "0",
        "c-0-code": "motivation",
        "c-0-max": "10",
        "c-0-label_kk": "Ынта",
        "c-0-label_zh_hans": "动机",
        "c-1-code": "languages",
        "c-1-max": "5",
        "q-TOTAL_FORMS": "3",
        "q-INITIAL_FORMS": "0",
        "q-0-kind": "text",
        "q-0-label_en": "Why this workshop?",
        "q-0-label_zh_hans": "为什么参加这个工作坊？",
        "q-0-required": "on",
        "q-1-kind": "choice",
        "q-1-label_en": "Which day suits you?",
        "q-1-choices": "1\n2\n3",
        "q-2-kind": "file",
        "q-2-label_en": "A sample translation",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def coordinator(staff_client, clock):
    return staff_client("exchange_coordinator")


def test_coordinator_creates_a_call_in_four_languages_with_three_kinds_of_question(coordinator, staff_user):
    reviewer = staff_user("reviewer", username="rev-a")
    response = coordinator.post("/en/staff/exchange/calls/new/", form_data(panel=[str(reviewer.pk)]))
    call = Call.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/calls/{call.pk}/edit/")
    assert (call.status, call.title_zh_hans, call.title_ru, call.places) == (
        "draft",
        "翻译工作坊",
        TITLES["ru"],
        12,
    )
    assert call.languages == [{"language": "kk", "level": 2}, {"language": "zh", "level": 3}]
    assert (call.countries, call.criteria) == (
        ["CN", "KZ"],
        [
            {"code": "motivation", "max": 10, "label": {"zh-hans": "动机", "kk": "Ынта"}},
            {"code": "languages", "max": 5},
        ],
    )
    assert list(call.panel.all()) == [reviewer]
    assert [(q.order, q.kind, q.label_en, q.choices, q.required) for q in call.questions.all()] == [
        (1, "text", "Why this workshop?", [], True),
        (2, "choice", "Which day suits you?", ["1", "2", "3"], False),
        (3, "file", "A sample translation", [], False),
    ]
    assert AuditEvent.objects.filter(action="exchange.call_create").count() == 1


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({f"title_{s}": "" for s in TITLES}, "Give a title in at least one language."),
        ({"deadline": "2020-01-01T10:00"}, "The deadline must be in the future."),
        ({"deadline": "next week"}, "Enter a valid date/time."),
        ({"c-0-max": "ten"}, "Enter a whole number."),
        ({"c-0-max": ""}, "Give the top score."),
        ({"c-0-code": "=cmd"}, "Each criterion: a short name in Latin letters"),
        (
            {
                "c-0-code": None,
                "c-0-max": None,
                "c-0-label_kk": None,
                "c-0-label_zh_hans": None,
                "c-1-DELETE": "on",
            },
            "Give at least one criterion the reviewers score.",
        ),
        ({"min_age": "25", "max_age": "18"}, "The ages must be between 14 and 30, the youngest first."),
        ({"countries": "Kazakhstan"}, "Countries as two-letter codes"),
        ({"q-1-choices": "only one"}, "A choice question needs at least two different answers"),
        ({"q-0-label_en": "", "q-0-label_zh_hans": ""}, "Write each question in at least one language."),
        ({"language_2": "kk"}, "Each language once, please."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_writes_nothing(coordinator, over, message):
    response = coordinator.post("/en/staff/exchange/calls/new/", form_data(**over))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Call.objects.count(), Question.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


def test_bad_input_is_explained_in_the_coordinators_language(coordinator):
    response = coordinator.post("/kk/staff/exchange/calls/new/", form_data(deadline="2020-01-01T10:00"))
    assert response.status_code == 400
    assert "Соңғы мерзім болашақта болуы керек." in response.content.decode()


def _answered_call(coordinator, staff_user):
    coordinator.post("/en/staff/exchange/calls/new/", form_data())
    call = Call.objects.get()
    call.status = Call.Status.PUBLISHED
    call.save()
    reviewer = staff_user("reviewer", username="rev-b")
    call.panel.add(reviewer)
    member = member_make(speaks={"kk": 7}, learns={"zh": 3}, born=dt.date(2004, 3, 1))
    first = call.questions.get(order=1)
    application = call_services.application_save(
        call=call, member=member, answers={first.pk: "Abai!"}, submit=True
    )
    return call, application, reviewer


def _edit_data(call, **over):
    data = form_data(**{"q-TOTAL_FORMS": "3", "q-INITIAL_FORMS": "3", "c-INITIAL_FORMS": "2"})
    for i, q in enumerate(call.questions.all()):
        data[f"q-{i}-id"] = str(q.pk)
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def test_an_answered_question_is_not_removed_but_can_be_reworded(coordinator, staff_user):
    call, _application, _reviewer = _answered_call(coordinator, staff_user)
    url = f"/en/staff/exchange/calls/{call.pk}/edit/"
    response = coordinator.post(url, _edit_data(call, **{"q-0-DELETE": "on"}))
    assert response.status_code == 400
    assert "A question that has answers cannot be removed." in response.content.decode()
    assert call.questions.count() == 3
    response = coordinator.post(url, _edit_data(call, **{"q-0-label_en": "Why Abai?", "q-2-DELETE": "on"}))
    assert response.status_code == 302
    assert [q.label_en for q in call.questions.all()] == ["Why Abai?", "Which day suits you?"]


def test_scored_criteria_do_not_change(coordinator, staff_user):
    call, application, reviewer = _answered_call(coordinator, staff_user)
    call_services.review_submit(
        application=application, reviewer=reviewer, scores={"motivation": 8, "languages": 4}
    )
    response = coordinator.post(
        f"/en/staff/exchange/calls/{call.pk}/edit/", _edit_data(call, **{"c-0-max": "20"})
    )
    assert response.status_code == 400
    assert "Reviewers have already scored these criteria" in response.content.decode()
    call.refresh_from_db()
    assert [(c["code"], c["max"]) for c in call.criteria] == [("motivation", 10), ("languages", 5)]
    # Their names may still be reworded; reviewers read them in their language.
    response = coordinator.post(
        f"/en/staff/exchange/calls/{call.pk}/edit/", _edit_data(call, **{"c-1-label_kk": "Тілдер"})
    )
    assert response.status_code == 302
    page = coordinator.get(f"/kk/staff/exchange/calls/{call.pk}/report/").content.decode()
    assert "Ынта" in page and "Тілдер" in page


def test_publishing_needs_the_title_in_four_languages_then_members_see_the_call(coordinator, client):
    coordinator.post("/en/staff/exchange/calls/new/", form_data(title_ru=""))
    call = Call.objects.get()
    response = coordinator.post(f"/en/staff/exchange/calls/{call.pk}/publish/", {"publish": "1"}, follow=True)
    assert "Give the title in all four languages before publishing." in response.content.decode()
    call.refresh_from_db()
    assert call.status == "draft"
    assert "Translation workshop" not in client.get("/en/exchange/calls/").content.decode()

    coordinator.post(
        f"/en/staff/exchange/calls/{call.pk}/edit/", _edit_data(call, **{"q-INITIAL_FORMS": "3"})
    )
    coordinator.post(f"/en/staff/exchange/calls/{call.pk}/publish/", {"publish": "1"})
    call.refresh_from_db()
    assert call.status == "published"
    assert "Аударма шеберханасы" in client.get("/kk/exchange/calls/").content.decode()
    coordinator.post(f"/en/staff/exchange/calls/{call.pk}/publish/", {"publish": "0"})
    call.refresh_from_db()
    assert call.status == "draft"
    assert list(
        AuditEvent.objects.filter(action__in=["exchange.call_publish", "exchange.call_unpublish"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "exchange.call_publish",
        "exchange.call_unpublish",
    ]


def test_a_reviewer_cannot_write_calls(staff_client, clock):
    reviewer = staff_client("reviewer")
    assert reviewer.post("/en/staff/exchange/calls/new/", form_data()).status_code == 403
    assert Call.objects.count() == 0


def test_the_report_counts_by_status_averages_scores_and_downloads_safely(coordinator, staff_user):
    call, application, reviewer = _answered_call(coordinator, staff_user)
    second = staff_user("reviewer", username="rev-c")
    call.panel.add(second)
    call_services.review_submit(
        application=application, reviewer=reviewer, scores={"motivation": 8, "languages": 4}
    )
    call_services.review_submit(
        application=application, reviewer=second, scores={"motivation": 7, "languages": 5}
    )
    other = member_make(
        speaks={"zh": 7}, learns={"kk": 2}, country="CN", language="zh-hans", born=dt.date(2003, 1, 1)
    )
    call_services.application_save(call=call, member=other, answers={})  # a draft
    Application.objects.filter(pk=application.pk).update(status="accepted")

    page = coordinator.get(f"/ru/staff/exchange/calls/{call.pk}/report/").content.decode()
    assert "Принята" in page and "Черновик" in page
    assert "7.5" in page and "4.5" in page and "Казахстан" in page

    response = coordinator.get(f"/en/staff/exchange/calls/{call.pk}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["What", "Which", "Count"]
    assert ["Applications", "", "2"] in rows
    assert ["Status", "Accepted", "1"] in rows and ["Status", "Draft", "1"] in rows
    assert ["Average score", "动机 (/10)", "7.5"] in rows  # no English name: another language
    assert ["Country", "Kazakhstan", "1"] in rows  # the draft is not counted
    xlsx = coordinator.get(f"/en/staff/exchange/calls/{call.pk}/report.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["What", "Which", "Count"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert coordinator.get(f"/en/staff/exchange/calls/{call.pk}/report.exe").status_code == 404
    assert Review.objects.count() == 2
