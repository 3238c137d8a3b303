import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from shanyraq.exchange import tokens
from shanyraq.exchange.models import JoinRequest, MatchKey, Member
from shanyraq.exchange.services import members
from shanyraq.mail.models import OutboxMessage
from shanyraq.people.models import Consent, Person

pytestmark = pytest.mark.django_db


def join_data(**over):
    data = {
        "name": "Aigerim Nurlanovna",
        "other_names": [{"script": "Hani", "text": "艾格琳"}],
        "display_name": "Aigerim",
        "email": "aigerim@example.org",
        "birth_date": dt.date(2003, 3, 1),
        "city": "Almaty",
        "country": "kz",
        "school": "KazNU",
        "interests": ["music", "films"],
        "availability": [{"day": 5, "start": "10:00", "end": "14:00"}],
        "meeting": "both",
        "shares": ["age", "city"],
        "languages": [
            {"language": "kk", "direction": "speaks", "level": 7},
            {"language": "zh", "direction": "learns", "level": 2},
        ],
    }
    data.update(over)
    return data


def test_adult_becomes_a_member_only_after_confirming_the_email(clock):
    join = members.join_request_create(data=join_data(), password="long-password", language="kk")
    assert Person.objects.count() == 0
    mail = OutboxMessage.objects.get(topic="exchange.join")
    assert mail.to_email == "aigerim@example.org" and mail.language == "kk"
    token = re.search(r"/kk/exchange/join/confirm/([^/]+)/", mail.body).group(1)
    assert tokens.read(token, "email") == join.pk
    member = members.join_confirm_email(join_id=join.pk)
    assert isinstance(member, Member)
    assert member.person.other_names == [{"script": "Hani", "text": "艾格琳"}]
    assert member.person.user.check_password("long-password")
    assert member.country == "KZ"
    assert list(MatchKey.objects.filter(member=member).values_list("key", flat=True)) == ["kk>zh"]
    assert JoinRequest.objects.count() == 0


def test_minor_is_kept_only_after_the_guardian_consents(clock):
    data = join_data(birth_date=dt.date(2011, 1, 10), guardian_email="mother@example.org")
    join = members.join_request_create(data=data, password="long-password", language="ru")
    assert members.join_confirm_email(join_id=join.pk).status == JoinRequest.Status.GUARDIAN
    assert Person.objects.count() == 0
    asked = OutboxMessage.objects.get(topic="exchange.guardian")
    assert asked.to_email == "mother@example.org"
    member = members.join_guardian_consent(
        join_id=join.pk, guardian_name="Gulnara", consent=True, photos=True
    )
    child = member.person
    assert child.guardian.email == "mother@example.org"
    kinds = set(Consent.objects.filter(person=child, granted=True).values_list("kind", flat=True))
    assert kinds == {Consent.Kind.CHILD_DATA, Consent.Kind.PHOTOS}
    assert member.name_public_consent_by is None


def test_guardian_refusal_deletes_the_request_and_keeps_nothing(clock):
    data = join_data(birth_date=dt.date(2011, 1, 10), guardian_email="mother@example.org")
    join = members.join_request_create(data=data, password="long-password")
    members.join_confirm_email(join_id=join.pk)
    assert members.join_guardian_consent(join_id=join.pk, guardian_name="", consent=False) is None
    assert (JoinRequest.objects.count(), Person.objects.count(), get_user_model().objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"birth_date": dt.date(2014, 1, 1)}, "birth_date"),  # 12: too young
        ({"birth_date": dt.date(2010, 1, 1), "guardian_email": ""}, "guardian_email"),
        ({"birth_date": dt.date(2010, 1, 1), "guardian_email": "aigerim@example.org"}, "guardian_email"),
        ({"languages": [{"language": "kk", "direction": "speaks", "level": 7}]}, "languages"),
        ({"languages": [{"language": "xx", "direction": "speaks", "level": 9}]}, "languages"),
        ({"country": "Kazakhstan"}, "country"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_bad_join_form_says_which_field_and_writes_nothing(clock, over, field):
    with pytest.raises(ValidationError) as exc:
        members.join_request_create(data=join_data(**over), password="long-password")
    assert field in exc.value.message_dict
    assert (JoinRequest.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_expired_join_link_is_refused_and_the_daily_job_deletes_the_request(clock):
    join = members.join_request_create(data=join_data(), password="long-password")
    clock.shift(dt.timedelta(days=8))
    with pytest.raises(ValidationError):
        members.join_confirm_email(join_id=join.pk)
    assert members.joins_prune() == 1
    assert Person.objects.count() == 0


def test_token_of_one_action_does_not_open_another():
    token = tokens.make(5, "email")
    assert tokens.read(token, "email") == 5
    assert tokens.read(token, "guardian") is None
    assert tokens.read(token + "x", "email") is None


def test_hiding_from_suggestions_removes_the_match_keys(clock):
    member = members._member_from_join(
        JoinRequest.objects.create(
            email="a@example.org",
            language="en",
            data={**join_data(), "birth_date": "2003-03-01", "country": "KZ"},
            password_hash="!",
        ),
        guardian=None,
    )
    data = join_data(discoverable=False)
    members.member_update(member=member, data=data)
    assert MatchKey.objects.filter(member=member).count() == 0
