import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from shanyraq.programs.tests.factories import PersonFactory, SpaceFactory, at
from shanyraq.spaces.models import Booking
from shanyraq.spaces.services import booking_create, booking_decide, booking_move, booking_request

pytestmark = pytest.mark.django_db


def test_booking_refuses_an_overlap_in_the_same_space():
    space = SpaceFactory()
    booking_create(space=space, start=at(2, 10), end=at(2, 12))
    with pytest.raises(ValidationError) as exc:
        booking_create(space=space, start=at(2, 11), end=at(2, 13))
    assert "space" in exc.value.message_dict
    assert Booking.objects.count() == 1


def test_booking_refuses_a_slot_inside_the_cleanup_buffer():
    space = SpaceFactory()
    booking_create(space=space, start=at(2, 10), end=at(2, 12), cleanup_minutes=30)
    with pytest.raises(ValidationError):
        booking_create(space=space, start=at(2, 12, 15), end=at(2, 13))


def test_booking_refuses_a_slot_whose_setup_buffer_overlaps():
    space = SpaceFactory()
    booking_create(space=space, start=at(2, 10), end=at(2, 12))
    with pytest.raises(ValidationError):
        booking_create(space=space, start=at(2, 12, 20), end=at(2, 13), setup_minutes=30)


def test_back_to_back_bookings_without_buffers_are_allowed():
    space = SpaceFactory()
    booking_create(space=space, start=at(2, 10), end=at(2, 12))
    booking_create(space=space, start=at(2, 12), end=at(2, 13))
    assert Booking.objects.count() == 2


def test_a_teacher_cannot_be_in_two_spaces_at_once():
    teacher = PersonFactory()
    booking_create(space=SpaceFactory(), start=at(2, 10), end=at(2, 12), teachers=[teacher])
    with pytest.raises(ValidationError) as exc:
        booking_create(space=SpaceFactory(), start=at(2, 11), end=at(2, 12), teachers=[teacher])
    assert "teachers" in exc.value.message_dict


def test_refused_and_cancelled_bookings_free_the_space():
    space = SpaceFactory()
    request = booking_request(
        space=space,
        start=at(2, 10),
        end=at(2, 12),
        purpose="Film club",
        requester_name="A",
        requester_email="a@example.org",
    )
    booking_decide(booking=request, approve=False)
    booking_create(space=space, start=at(2, 10), end=at(2, 12))
    assert Booking.objects.filter(status=Booking.Status.APPROVED).count() == 1


def test_moving_a_booking_onto_another_is_refused():
    space = SpaceFactory()
    booking_create(space=space, start=at(2, 10), end=at(2, 12))
    other = booking_create(space=space, start=at(2, 14), end=at(2, 15))
    with pytest.raises(ValidationError):
        booking_move(booking=other, start=at(2, 11), end=at(2, 12, 30))
    other.refresh_from_db()
    assert other.start == at(2, 14)


def test_moving_a_booking_within_its_own_time_is_allowed():
    space = SpaceFactory()
    booking = booking_create(space=space, start=at(2, 10), end=at(2, 12))
    booking_move(booking=booking, start=at(2, 10, 30), end=at(2, 12, 30))
    booking.refresh_from_db()
    assert booking.end == at(2, 12, 30)


def test_only_a_requested_booking_can_be_decided():
    booking = booking_create(space=SpaceFactory(), start=at(2, 10), end=at(2, 12))
    with pytest.raises(ValidationError):
        booking_decide(booking=booking, approve=True)


def _race(n, target):
    barrier = threading.Barrier(n)
    results = []

    def worker(i):
        close_old_connections()
        try:
            barrier.wait()
            target(i)
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_racing_threads_book_one_space_exactly_once():
    space = SpaceFactory()
    results = _race(8, lambda i: booking_create(space=space, start=at(2, 10, i), end=at(2, 12)))
    assert results.count("ok") == 1
    assert Booking.objects.filter(space=space).count() == 1


@pytest.mark.django_db(transaction=True)
def test_racing_threads_book_one_teacher_exactly_once_across_spaces():
    teacher = PersonFactory()
    spaces = [SpaceFactory() for _ in range(8)]
    results = _race(
        8, lambda i: booking_create(space=spaces[i], start=at(2, 10), end=at(2, 11), teachers=[teacher])
    )
    assert results.count("ok") == 1
    assert Booking.objects.filter(teachers=teacher).count() == 1
