import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from shanyraq.core.models import AuditEvent
from shanyraq.exchange.models import Application, Call, Question
from shanyraq.exchange.services import calls
from shanyraq.exchange.tests.factories import guardian_make, member_make
from shanyraq.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(clock, settings, tmp_path, staff_user):
    settings.MEDIA_ROOT = tmp_path
    c = Call.objects.create(
        title_en="Summer camp in Almaty",
        title_kk="Алматыдағы жазғы лагерь",
        status=Call.Status.PUBLISHED,
        deadline=timezone.now() + dt.timedelta(days=10),
        places=1,
        min_age=16,
        max_age=25,
        languages=[{"language": "kk", "level": 2}],
        criteria=[{"code": "motivation", "max": 10}, {"code": "languages", "max": 5}],
    )
    Question.objects.create(call=c, order=1, kind="text", label_en="Why do you want to come?")
    Question.objects.create(
        call=c, order=2, kind="choice", label_en="T-shirt", choices=["S", "M", "L"], required=False
    )
    Question.objects.create(call=c, order=3, kind="file", label_en="Motivation letter", required=False)
    c.panel.add(staff_user("reviewer", username="rev1"), staff_user("reviewer", username="rev2"))
    return c


def q(call, order):
    return call.questions.get(order=order).pk


def applicant(**kw):
    if kw.get("guardian") == "yes":
        kw["guardian"] = guardian_make()
    defaults = {"speaks": {"zh": 7}, "learns": {"kk": 3}, "born": dt.date(2005, 1, 1), "language": "kk"}
    return member_make(**{**defaults, **kw})


def test_draft_edit_submit_and_withdraw(call):
    member = applicant()
    app = calls.application_save(call=call, member=member, answers={q(call, 1): "draft"})
    assert app.status == Application.Status.DRAFT
    pdf = b"%PDF-1.4 letter"
    app = calls.application_save(
        call=call,
        member=member,
        answers={q(call, 1): "Because", q(call, 2): "M", q(call, 3): ("letter.pdf", pdf)},
        submit=True,
    )
    assert app.status == Application.Status.SUBMITTED
    stored = app.answers.get(question_id=q(call, 3)).file
    with stored.open("rb") as f:
        assert f.read() == pdf
    calls.application_save(
        call=call, member=member, answers={q(call, 1): "Because, edited"}
    )  # until the deadline
    assert calls.application_withdraw(application=app, member=member).status == Application.Status.WITHDRAWN


@pytest.mark.parametrize(
    ("kw", "answers"),
    [
        ({"born": dt.date(2011, 6, 1), "guardian": "yes"}, {}),  # 15: too young for this call
        ({"learns": {"en": 3}}, {}),  # no Kazakh
        ({}, {"choice": "XXL"}),
        ({}, {"file": ("cv.exe", b"MZ\x90\x00")}),
        ({}, {"text": ""}),  # required question left empty
    ],
)
def test_ineligible_or_bad_answers_are_refused_and_nothing_submits(call, kw, answers):
    member = applicant(**kw)
    data = {q(call, 1): answers.get("text", "Because")}
    if "choice" in answers:
        data[q(call, 2)] = answers["choice"]
    if "file" in answers:
        data[q(call, 3)] = answers["file"]
    with pytest.raises(ValidationError):
        calls.application_save(call=call, member=member, answers=data, submit=True)
    assert Application.objects.filter(status=Application.Status.SUBMITTED).count() == 0


def test_after_the_deadline_nothing_can_be_saved(call, clock):
    member = applicant()
    clock.shift(dt.timedelta(days=11))
    with pytest.raises(ValidationError):
        calls.application_save(call=call, member=member, answers={q(call, 1): "late"})
    assert Application.objects.count() == 0


def submitted(call):
    member = applicant()
    return calls.application_save(call=call, member=member, answers={q(call, 1): "Because"}, submit=True)


def test_reviews_are_blind_until_the_reviewer_has_scored(call, django_user_model):
    app = submitted(call)
    rev1, rev2 = (
        django_user_model.objects.get(username="rev1"),
        django_user_model.objects.get(username="rev2"),
    )
    calls.review_submit(application=app, reviewer=rev1, scores={"motivation": 8, "languages": 4})
    assert calls.reviews_visible_to(application=app, user=rev2) == []
    with pytest.raises(ValidationError):
        calls.review_submit(application=app, reviewer=rev2, scores={"motivation": 11, "languages": 4})
    calls.review_submit(application=app, reviewer=rev2, scores={"motivation": 6, "languages": 5})
    assert sorted(r.total for r in calls.reviews_visible_to(application=app, user=rev2)) == [11, 12]


def test_a_declared_conflict_keeps_the_reviewer_out(call, django_user_model, staff_user):
    app = submitted(call)
    rev1 = django_user_model.objects.get(username="rev1")
    calls.conflict_declare(application=app, reviewer=rev1, reason="my cousin")
    with pytest.raises(PermissionDenied):
        calls.review_submit(application=app, reviewer=rev1, scores={"motivation": 8, "languages": 4})
    outsider = staff_user("reviewer", username="rev3")  # not on this call's panel
    with pytest.raises(PermissionDenied):
        calls.review_submit(application=app, reviewer=outsider, scores={"motivation": 8, "languages": 4})


def test_coordinator_decides_the_applicant_is_told_in_their_language_and_places_hold(call, staff_user):
    first, second = submitted(call), submitted(call)
    coordinator = staff_user("exchange_coordinator")
    with pytest.raises(PermissionDenied):
        calls.application_decide(application=first, decision="accepted", actor=staff_user("moderator"))
    calls.application_decide(application=first, decision="accepted", actor=coordinator)
    with pytest.raises(ValidationError):
        calls.application_decide(application=second, decision="accepted", actor=coordinator)  # one place
    calls.application_decide(application=second, decision="waiting", actor=coordinator)
    mail = OutboxMessage.objects.filter(topic="exchange.application_decision").order_by("pk").first()
    assert mail.language == "kk" and "Алматыдағы жазғы лагерь" in mail.subject
    assert AuditEvent.objects.filter(action="exchange.application_decide").count() == 2


def test_export_of_accepted_applicants_is_formula_safe(call, staff_user):
    app = submitted(call)
    person = app.member.person
    person.name = '=HYPERLINK("http://evil")'
    person.save()
    coordinator = staff_user("exchange_coordinator")
    calls.application_decide(application=app, decision="accepted", actor=coordinator)
    rows = list(
        csv.reader(
            io.StringIO(calls.accepted_export(call=call, fmt="csv", actor=coordinator).decode("utf-8-sig"))
        )
    )
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    sheet = load_workbook(io.BytesIO(calls.accepted_export(call=call, fmt="xlsx", actor=coordinator))).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")' and sheet["A2"].data_type == "s"


def test_published_calls_close_once_their_deadline_has_passed(call, clock, staff_user):
    submitted(call)
    draft = Call.objects.create(
        title_en="Not yet published", deadline=timezone.now() - dt.timedelta(days=1), places=1
    )
    assert calls.calls_close_due() == 0  # the deadline is ahead: nothing changes
    clock.shift(dt.timedelta(days=10, minutes=1))
    assert calls.calls_close_due() == 1
    call.refresh_from_db()
    draft.refresh_from_db()
    assert (call.status, draft.status) == (Call.Status.CLOSED, Call.Status.DRAFT)
    event = AuditEvent.objects.get(action="exchange.call_close")
    assert (event.target_id, event.data) == (str(call.pk), {"submitted": 1})
    assert calls.calls_close_due() == 0  # closing twice does nothing
    # The coordinator extends the deadline and publishes again: the call is open once more.
    from shanyraq.exchange.services.call_editing import call_publish

    call.deadline = timezone.now() + dt.timedelta(days=3)
    call.title_zh_hans, call.title_ru = "阿拉木图夏令营", "Летний лагерь в Алматы"
    call.save(update_fields=["deadline", "title_zh_hans", "title_ru"])
    call_publish(call=call, publish=True, actor=staff_user("exchange_coordinator"))
    assert Call.objects.get(pk=call.pk).status == Call.Status.PUBLISHED
    assert calls.calls_close_due() == 0
