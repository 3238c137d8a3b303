import datetime as dt

import pytest
from django.utils import timezone

from shanyraq.exchange.models import Application, Call, Question, Review
from shanyraq.exchange.tests.factories import member_make
from shanyraq.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_an_applicant_applies_two_reviewers_score_and_the_coordinator_accepts(client, clock, staff_user):
    call = Call.objects.create(
        title_en="Student delegation to Beijing",
        title_zh_hans="赴北京学生代表团",
        status="published",
        deadline=timezone.now() + dt.timedelta(days=7),
        places=3,
        criteria=[{"code": "motivation", "max": 10}],
    )
    question = Question.objects.create(call=call, kind="text", label_en="Why?", label_kk="Неге?")
    reviewers = [staff_user("reviewer", username=f"panel{i}") for i in (1, 2)]
    call.panel.add(*reviewers)
    member = member_make(language="kk")
    client.force_login(member.person.user)
    page = client.get(f"/kk/exchange/calls/{call.pk}/").content.decode()
    assert "Неге?" in page
    assert (
        client.post(
            f"/kk/exchange/calls/{call.pk}/", {f"q{question.pk}": "Қытай тілін үйренемін", "submit": "1"}
        ).status_code
        == 302
    )
    application = Application.objects.get()
    assert application.status == "submitted"
    for reviewer, score in zip(reviewers, (7, 9), strict=True):
        client.force_login(reviewer)
        assert (
            client.post(
                f"/en/staff/exchange/reviews/{application.pk}/", {"motivation": str(score)}
            ).status_code
            == 302
        )
    assert sorted(Review.objects.values_list("scores__motivation", flat=True)) == [7, 9]
    client.force_login(staff_user("exchange_coordinator"))
    client.post(f"/en/staff/exchange/applications/{application.pk}/decide/", {"decision": "accepted"})
    application.refresh_from_db()
    assert application.status == "accepted"
    assert OutboxMessage.objects.get(topic="exchange.application_decision").language == "kk"
    export = client.post(f"/en/staff/exchange/calls/{call.pk}/export.csv")
    assert export.status_code == 200 and member.person.name in export.content.decode("utf-8-sig")


def test_the_coordinators_list_shows_each_application_with_its_scores(client, clock, staff_user):
    call = Call.objects.create(
        title_en="Camp", status="published", deadline=timezone.now() + dt.timedelta(days=7), places=3,
        criteria=[{"code": "motivation", "max": 10}],
    )  # fmt: skip
    app = Application.objects.create(call=call, member=member_make(name="Aruzhan Sapar"), status="submitted")
    Review.objects.create(application=app, reviewer=staff_user("reviewer"), scores={"motivation": 8})
    client.force_login(staff_user("exchange_coordinator"))
    page = client.get(f"/en/staff/exchange/calls/{call.pk}/applications/").content.decode()
    assert "<td>Aruzhan Sapar</td><td>Submitted</td><td>8</td>" in page
