"""One small center with a real object of every kind the back office and the staff pages show,
made through the services, with unique marker values in every sensitive field.

The admin tests, the role x URL matrix and the sensitive-field sweep share it."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone

# Values nobody else uses, so finding one on a page means the field leaked.
CONTACT_EMAIL = "contact-marker@example.org"
CONTACT_PHONE = "+77005550199"
GUARDIAN_EMAIL = "guardian-marker@example.org"
GUARDIAN_NAME = "Zhanar Guardianova"
CHILD_BIRTH = dt.date(2016, 2, 29)
INSURANCE_IN = Decimal("987654.32")
INSURANCE_OUT = Decimal("876543.21")


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (180, 90, 30)).save(out, format="PNG")
    return out.getvalue()


def build(staff_user) -> SimpleNamespace:
    """Build the world; `staff_user` is the root conftest fixture (role -> saved user)."""
    from django_tasks_db.models import DBTaskResult

    from shanyraq.collection.models import Exhibition, Term
    from shanyraq.collection.services.artifacts import artifact_create
    from shanyraq.collection.services.images import image_add
    from shanyraq.collection.services.loans import loan_in_create, loan_out_create
    from shanyraq.collection.services.procedures import artifact_deaccession, condition_check_record
    from shanyraq.core.models import AuditEvent
    from shanyraq.library.marc.common import RecordData
    from shanyraq.library.models import Copy, Holiday, LoanRule, OpeningDay
    from shanyraq.library.services.catalogue import record_create
    from shanyraq.library.services.circulation import copy_checkout, hold_place
    from shanyraq.library.services.patrons import patron_create
    from shanyraq.people.models import Consent
    from shanyraq.people.services import person_create
    from shanyraq.programs.services.registrations import registration_create
    from shanyraq.programs.tests.factories import ProgramFactory, make_session
    from shanyraq.site.models import Page
    from shanyraq.spaces.models import Space
    from shanyraq.spaces.services import booking_request

    curator = staff_user("curator", username="world-curator")
    today = timezone.localdate()
    w = SimpleNamespace(today=today)
    w.hall = Space.objects.create(
        slug="world-hall", kind=Space.Kind.HALL, name_en="Hall", is_public=True, capacity=50
    )
    w.storage = Space.objects.create(
        slug="world-storage", kind=Space.Kind.STORAGE, name_en="Store", capacity=0
    )
    w.term = Term.objects.create(
        vocabulary=Term.Vocabulary.CATEGORY, slug="world-textiles", name_en="Textiles"
    )
    w.artifact = artifact_create(actor=curator, title_en="Felt carpet", published=True, category=w.term)
    w.gone = artifact_create(actor=curator, title_en="Broken bowl", published=True)
    artifact_deaccession(actor=curator, artifact=w.gone, method="destroyed", reason="Broken beyond repair")
    w.gone.refresh_from_db()
    w.lent = artifact_create(actor=curator, title_en="Silver belt", published=True)
    w.image = image_add(actor=curator, artifact=w.artifact, data=png_bytes(), primary=True, alt_en="A carpet")
    w.check = condition_check_record(actor=curator, artifact=w.artifact, grade="good", notes="Fine")
    w.loan_in = loan_in_create(
        actor=curator,
        lender="State Museum",
        agreement_number="LI-WORLD-1",
        artifacts=[artifact_create(actor=curator, title_en="Borrowed saddle")],
        insurance_value=INSURANCE_IN,
        start_date=today,
        end_date=today + dt.timedelta(days=90),
    )
    w.loan_out = loan_out_create(
        actor=curator,
        borrower="City Gallery",
        agreement_number="LO-WORLD-1",
        artifacts=[w.lent],
        insurance_value=INSURANCE_OUT,
        start_date=today,
        end_date=today + dt.timedelta(days=60),
    )
    w.exhibition = Exhibition.objects.create(
        slug="world-show", title_en="Felt", start_date=today, published=True
    )

    # People: an adult patron with contacts, a guardian and a child.
    w.adult = person_create(name="Aigerim Reader", language="kk", email=CONTACT_EMAIL, phone=CONTACT_PHONE)
    w.guardian = person_create(name=GUARDIAN_NAME, language="ru", email=GUARDIAN_EMAIL)
    w.child = person_create(
        name="Timur Child", language="ru", birth_date=CHILD_BIRTH, guardian=w.guardian, guardian_consent=True
    )
    w.consent = Consent.objects.get(person=w.child)
    User = get_user_model()
    w.patron_login = User.objects.create_user(username="world-patron", password="pw-for-tests")
    w.other_login = User.objects.create_user(username="world-other", password="pw-for-tests")
    w.adult.user = w.patron_login
    w.adult.save(update_fields=["user"])
    other = person_create(name="Other Reader", language="en", user=w.other_login)

    # Library: a record with copies, a loan and a hold of the patron.
    LoanRule.objects.create(patron_category="adult", copy_type="standard", loan_days=21)
    OpeningDay.objects.create(weekday=1, opens=dt.time(9), closes=dt.time(18))
    Holiday.objects.create(date=dt.date(today.year + 1, 1, 1), name="New Year")
    w.record = record_create(
        data=RecordData(
            title="Abai zholy",
            language="kaz",
            year=1942,
            contributors=[("Auezov, Mukhtar", "", "author")],
            subjects=["Kazakh novels"],
            classifications=[("udc", "821.512.122")],
        )
    )
    w.copy = Copy.objects.create(record=w.record, barcode="WORLD-C1")
    w.copy2 = Copy.objects.create(record=w.record, barcode="WORLD-C2")
    w.patron = patron_create(person=w.adult, barcode="WORLD-P1")
    w.other_patron = patron_create(person=other, barcode="WORLD-P2")
    w.loan = copy_checkout(barcode="WORLD-C1", patron=w.patron)
    w.record_on_loan = record_create(data=RecordData(title="Qan men ter", language="kaz", year=1970))
    Copy.objects.create(record=w.record_on_loan, barcode="WORLD-C3")
    copy_checkout(barcode="WORLD-C3", patron=w.other_patron)
    w.hold = hold_place(record=w.record_on_loan, patron=w.patron)

    # Programs: a session with the child registered by the guardian; a booking request.
    w.program = ProgramFactory()
    w.session = make_session(program=w.program, days=3)
    w.registration = registration_create(session=w.session, person=w.child, booker=w.guardian, notify=False)
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=5)
    w.booking = booking_request(
        space=w.hall,
        start=start,
        end=start + dt.timedelta(hours=2),
        purpose="Choir rehearsal",
        requester_name="Choir",
        requester_email=CONTACT_EMAIL,
    )
    from shanyraq.spaces.models import ClosedDay

    w.closed_day = ClosedDay.objects.create(
        date=timezone.localdate() + dt.timedelta(days=400), reason="Holiday"
    )
    w.page = Page.objects.create(slug="world-about", title_en="About")
    # A task result as the database queue keeps it (the test settings run tasks immediately).
    w.task_result = DBTaskResult.objects.create(
        args_kwargs={"args": [w.registration.pk], "kwargs": {}},
        task_path="shanyraq.programs.tasks.send_registration_email",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    w.audit = AuditEvent.objects.filter(target_type="people.person").first()
    from shanyraq.mail.models import OutboxMessage

    # The registration's e-mail, as the outbox keeps it (written on commit in real use).
    w.message = OutboxMessage.objects.create(
        to_email=CONTACT_EMAIL, language="en", subject="Your registration", body="See you soon."
    )
    from shanyraq.newsletter.models import Mailing, Subscriber

    w.subscriber = Subscriber.objects.create(email=CONTACT_EMAIL, language="kk", status="confirmed")
    w.mailing = Mailing.objects.create(
        title="Winter", subject_en="Winter at the center", body_en="Felt carpets."
    )
    from shanyraq.authorities.services import AuthorityData, authority_create

    w.authority = authority_create(
        AuthorityData(kind="person", names={"en": "Abai Qunanbaiuly", "kk": "Абай Құнанбайұлы"})
    )
    return w
