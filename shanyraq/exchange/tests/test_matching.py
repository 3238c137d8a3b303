import datetime as dt

import pytest

from shanyraq.exchange import selectors
from shanyraq.exchange.services.messages import block_create
from shanyraq.exchange.tests.factories import guardian_make, member_make

pytestmark = pytest.mark.django_db

SAT = [{"day": 5, "start": "10:00", "end": "14:00"}]
MON = [{"day": 0, "start": "18:00", "end": "20:00"}]


def test_the_complementary_partner_ranks_first_with_the_reasons(clock):
    me = member_make(name="Li Wei", speaks={"zh": 7}, learns={"kk": 2}, city="Almaty", interests=["music"])
    best = member_make(
        name="Aigerim", speaks={"kk": 7}, learns={"zh": 2}, interests=["music"], availability=SAT
    )
    far = member_make(name="Dana", speaks={"kk": 4}, learns={"zh": 2}, city="Astana", availability=MON)
    member_make(name="Ivan", speaks={"ru": 7}, learns={"en": 3})  # no pair with me
    with_reasons = selectors.suggestions(me)
    assert [s.member_id for s in with_reasons] == [best.pk, far.pk]
    assert with_reasons[0].reasons[0].startswith("Speaks Kazakh (native) and learns Chinese")
    assert "Shared interests: Music" in with_reasons[0].reasons
    assert "Lives in your city" in with_reasons[0].reasons
    assert "Free at the same times" in with_reasons[0].reasons


def test_adults_are_never_offered_minors_nor_minors_adults(clock):
    adult = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2007, 1, 1))  # 19
    minor = member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2009, 6, 1), guardian=guardian_make()
    )
    assert selectors.suggestions(adult) == []
    assert selectors.suggestions(minor) == []
    assert not selectors.may_meet(adult, minor)


def test_minors_meet_only_minors_of_a_close_age_and_only_at_the_center(clock):
    me = member_make(speaks={"zh": 7}, learns={"kk": 2}, born=dt.date(2011, 3, 1), guardian=guardian_make())
    close = member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2010, 1, 1), guardian=guardian_make()
    )
    member_make(
        speaks={"kk": 7}, learns={"zh": 2}, born=dt.date(2008, 1, 1), guardian=guardian_make()
    )  # 18? no, 3 years apart
    member_make(
        speaks={"kk": 7},
        learns={"zh": 2},
        born=dt.date(2011, 5, 1),
        guardian=guardian_make(),
        meeting="online",
    )
    assert [s.member_id for s in selectors.suggestions(me)] == [close.pk]


def test_blocked_and_hidden_members_are_not_suggested(clock):
    me = member_make(speaks={"zh": 7}, learns={"kk": 2})
    other = member_make(speaks={"kk": 7}, learns={"zh": 2})
    assert [s.member_id for s in selectors.suggestions(me)] == [other.pk]
    block_create(blocker=other, blocked=me)
    assert selectors.suggestions(me) == []


def test_partner_card_shows_only_what_the_member_shares(clock):
    me = member_make(speaks={"zh": 7}, learns={"kk": 2})
    other = member_make(name="Aigerim Nurlanovna", speaks={"kk": 7}, learns={"zh": 2}, shares=["city"])
    card = selectors.partner_card(other, viewer=me)
    assert card["name"] == "Aigerim"
    assert card["city"] == "Almaty"
    assert "age" not in card and "school" not in card and "interests" not in card
