import pytest

from shanyraq.programs import demo
from shanyraq.programs.models import Program, Registration, Session
from shanyraq.site import demo as site_demo
from shanyraq.spaces.models import Booking

pytestmark = pytest.mark.django_db


def test_demo_loads_a_term_in_the_demo_spaces_without_clashes(roles, clock):
    site_demo.load()
    counts = demo.load()
    assert counts["programs"] == 6 and counts["sessions"] == Session.objects.count() == 41
    assert set(Session.objects.values_list("space__slug", flat=True)) == {
        "classroom",
        "dombra-studio",
        "felt-studio",
        "concert-hall",
        "hall-archaeology",
    }
    assert Booking.objects.filter(kind="program").count() == counts["sessions"]
    assert Registration.objects.count() == counts["registrations"] == 7
    felt = Program.objects.get(title_en__startswith="Felt")
    assert (felt.min_age, felt.max_age, felt.title_zh_hans) == (7, 12, "儿童毡艺大师班")


def test_demo_sessions_are_in_the_coming_weeks(roles):
    from django.utils import timezone

    site_demo.load()
    demo.load()
    first = Session.objects.order_by("start").first().start
    assert timezone.now() < first < timezone.now() + timezone.timedelta(days=8)


def test_running_the_demo_twice_adds_nothing(roles):
    site_demo.load()
    demo.load()
    assert demo.load() == {"programs": 0, "sessions": 0, "registrations": 0}
