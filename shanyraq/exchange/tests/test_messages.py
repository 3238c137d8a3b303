import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shanyraq.core.models import AuditEvent
from shanyraq.exchange.models import Message, Report, Tandem
from shanyraq.exchange.services import messages, tandems
from shanyraq.exchange.tests.factories import guardian_make, member_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def tandem(clock):
    li = member_make(speaks={"zh": 7}, learns={"kk": 2})
    aigerim = member_make(speaks={"kk": 7}, learns={"zh": 2})
    t = tandems.tandem_request(member=li, partner=aigerim)
    return tandems.tandem_decide(tandem=t, member=aigerim, accept=True)


def test_only_accepted_partners_write(tandem, clock):
    stranger = member_make(speaks={"kk": 7}, learns={"zh": 2})
    with pytest.raises(PermissionDenied):
        messages.message_send(tandem=tandem, sender=stranger, body="hi")
    requested = tandems.tandem_request(member=stranger, partner=tandem.first)
    with pytest.raises(PermissionDenied):
        messages.message_send(tandem=requested, sender=stranger, body="hi")  # not accepted yet
    assert messages.message_send(tandem=tandem, sender=tandem.first, body=" 你好 ").body == "你好"
    assert Message.objects.count() == 1


def test_messages_are_rate_limited(tandem, settings):
    settings.EXCHANGE_MESSAGE_RATE = "3/600"
    for i in range(3):
        messages.message_send(tandem=tandem, sender=tandem.first, body=f"m{i}")
    with pytest.raises(ValidationError):
        messages.message_send(tandem=tandem, sender=tandem.first, body="one too many")
    assert Message.objects.count() == 3


def test_a_message_is_reported_by_its_receiver_and_audited(tandem):
    message = messages.message_send(tandem=tandem, sender=tandem.first, body="rude")
    with pytest.raises(PermissionDenied):
        messages.report_create(reporter=tandem.first, message=message, reason="harassment")
    messages.report_create(reporter=tandem.second, message=message, reason="harassment")
    assert Report.objects.get().message == message
    assert AuditEvent.objects.filter(action="exchange.report").count() == 1


def test_block_ends_the_tandem_and_stops_messages(tandem):
    messages.block_create(blocker=tandem.second, blocked=tandem.first)
    tandem.refresh_from_db()
    assert tandem.status == Tandem.Status.ENDED
    with pytest.raises(PermissionDenied):
        messages.message_send(tandem=tandem, sender=tandem.first, body="still there?")


def test_safeguarding_officer_reads_and_hides_minors_messages(clock, staff_client):
    a = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2011, 1, 1), guardian=guardian_make())
    b = member_make(speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2010, 6, 1), guardian=guardian_make())
    t = tandems.tandem_decide(tandem=tandems.tandem_request(member=a, partner=b), member=b, accept=True)
    assert t.involves_minor
    message = messages.message_send(tandem=t, sender=a, body="meet me outside")
    officer = staff_client("safeguarding_officer")
    page = officer.get(f"/en/staff/exchange/safeguarding/tandems/{t.pk}/")
    assert page.status_code == 200 and "meet me outside" in page.content.decode()
    response = officer.post(f"/en/staff/exchange/messages/{message.pk}/hide/", {"reason": "contact outside"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.hidden
    assert AuditEvent.objects.filter(action="exchange.message_hide").count() == 1


def test_moderator_cannot_read_minors_messages(clock, staff_client):
    a = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2011, 1, 1), guardian=guardian_make())
    b = member_make(speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2010, 6, 1), guardian=guardian_make())
    t = tandems.tandem_request(member=a, partner=b)
    assert (
        staff_client("moderator").get(f"/en/staff/exchange/safeguarding/tandems/{t.pk}/").status_code == 403
    )


def test_an_adults_reported_message_reaches_the_officer_and_other_adult_talk_stays_private(
    tandem, staff_client
):
    private = messages.message_send(tandem=tandem, sender=tandem.first, body="see you on Saturday")
    officer = staff_client("safeguarding_officer")
    assert officer.get(f"/en/staff/exchange/safeguarding/tandems/{tandem.pk}/").status_code == 404
    assert officer.post(f"/en/staff/exchange/messages/{private.pk}/hide/", {"reason": "x"}).status_code == 404
    rude = messages.message_send(tandem=tandem, sender=tandem.second, body="rude words")
    messages.report_create(reporter=tandem.first, message=rude, reason="harassment")
    assert "rude words" in officer.get("/en/staff/exchange/safeguarding/").content.decode()
    assert (
        officer.post(f"/en/staff/exchange/messages/{rude.pk}/hide/", {"reason": "harassment"}).status_code
        == 302
    )
    rude.refresh_from_db()
    private.refresh_from_db()
    assert (rude.hidden, private.hidden) == (True, False)
