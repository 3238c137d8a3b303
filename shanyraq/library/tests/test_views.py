"""Pages: OPAC search and facets, record page, patron account, desk by scanning, import, reports."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from shanyraq.library.marc.common import RecordData
from shanyraq.library.models import Copy, Loan
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.tests.data import DATA
from shanyraq.library.tests.factories import PatronFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def abai():
    record = record_create(
        data=RecordData(
            title="Абай жолы",
            title_romanized="Abai joly",
            publisher="Жазушы",
            year=2007,
            language="kaz",
            contributors=[("Мұхтар Әуезов", "Mukhtar Auezov", "author")],
            subjects=["Қазақ әдебиеті"],
        )
    )
    copy_create(record=record, barcode="KCC0001", call_number="84(5Каз) Ә 78", shelf="A1")
    return record


def test_opac_url_name_exists_and_lists_books(client, abai):
    response = client.get(reverse("library:opac"))
    assert response.status_code == 200
    assert "Абай жолы" in response.text


def test_opac_finds_a_kazakh_book_by_its_romanized_title(client, abai):
    response = client.get(reverse("library:opac"), {"q": "abai"})
    assert response.context["result"].total == 1
    assert response.context["result"].records[0] == abai


def test_opac_facet_filters_by_language(client, abai):
    record_create(data=RecordData(title="Silk Roads", language="eng"))
    response = client.get(reverse("library:opac"), {"language": "kaz"})
    assert [r.title for r in response.context["result"].records] == ["Абай жолы"]
    assert ("kaz", 1) in response.context["result"].facets["language"]


def test_opac_available_now_filter(client, abai):
    record_create(data=RecordData(title="No copies", language="eng"))
    response = client.get(reverse("library:opac"), {"available": "1"})
    assert [r.title for r in response.context["result"].records] == ["Абай жолы"]


def test_record_page_shows_both_scripts_copies_and_json_ld(client, abai):
    response = client.get(reverse("library:record", args=[abai.pk]))
    text = response.text
    assert "Abai joly" in text and "84(5Каз) Ә 78" in text
    start = text.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(text[start : text.index("</script>", start)])
    assert (data["@type"], data["name"], data["inLanguage"]) == ("Book", "Абай жолы", "kk")


def test_permalink_without_language_redirects_to_the_record(client, abai):
    response = client.get(f"/library/records/{abai.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/library/records/{abai.pk}/")


def test_hidden_record_is_404(client):
    record = record_create(data=RecordData(title="Secret"), is_public=False)
    assert client.get(reverse("library:record", args=[record.pk])).status_code == 404


def patron_login(client, django_user_model, **person):
    user = django_user_model.objects.create_user(username="reader", password="pw")
    patron = PatronFactory(person=PersonFactory(user=user, **person))
    client.force_login(user)
    return patron


def test_patron_sees_loans_and_renews(client, django_user_model, abai):
    patron = patron_login(client, django_user_model)
    loan = copy_checkout(barcode="KCC0001", patron=patron, now=timezone.now() - dt.timedelta(days=10))
    assert "Абай жолы" in client.get(reverse("library:account")).text
    client.post(reverse("library:loan_renew", args=[loan.pk]))
    old_due, loan = loan.due_on, Loan.objects.get(pk=loan.pk)
    assert (loan.renewals, loan.due_on > old_due) == (1, True)


def test_patron_cannot_renew_someone_elses_loan(client, django_user_model, abai):
    patron_login(client, django_user_model)
    loan = copy_checkout(barcode="KCC0001", patron=PatronFactory())
    assert client.post(reverse("library:loan_renew", args=[loan.pk])).status_code == 404
    loan.refresh_from_db()
    assert loan.renewals == 0


def test_patron_places_and_cancels_a_hold(client, django_user_model, abai):
    patron = patron_login(client, django_user_model)
    client.post(reverse("library:hold_place", args=[abai.pk]))
    hold = patron.holds.get()
    assert hold.status == "waiting"
    client.post(reverse("library:hold_cancel", args=[hold.pk]))
    hold.refresh_from_db()
    assert hold.status == "cancelled"


def test_loan_history_is_shown_only_after_opting_in(client, django_user_model, abai):
    from shanyraq.library.services.circulation import copy_checkin

    patron = patron_login(client, django_user_model)
    copy_checkout(barcode="KCC0001", patron=patron)
    copy_checkin(barcode="KCC0001")
    assert client.get(reverse("library:account")).context["history"] == []
    client.post(reverse("library:history_choice"), {"keep": "1"})
    assert len(client.get(reverse("library:account")).context["history"]) == 1


def test_patron_downloads_their_data(client, django_user_model, abai):
    patron = patron_login(client, django_user_model, name="Aru")
    copy_checkout(barcode="KCC0001", patron=patron)
    data = json.loads(client.get(reverse("library:data_export")).content)
    assert data["person"]["name"] == "Aru"
    assert [loan["title"] for loan in data["loans"]] == ["Абай жолы"]


def test_erasing_my_data_anonymizes_loans_removes_the_card_and_ends_the_login(
    client, django_user_model, abai
):
    from shanyraq.library.services.circulation import copy_checkin

    patron = patron_login(client, django_user_model)
    user = patron.person.user
    copy_checkout(barcode="KCC0001", patron=patron)
    copy_checkin(barcode="KCC0001")
    response = client.post(reverse("library:data_erase"))
    assert response.status_code == 302
    loan = Loan.objects.get()
    assert (loan.patron_id, loan.anonymized, loan.patron_category) == (None, True, "adult")
    assert not type(patron).objects.filter(pk=patron.pk).exists()
    assert not type(patron.person).objects.filter(pk=patron.person.pk).exists()
    user.refresh_from_db()
    assert (user.is_active, user.has_usable_password(), user.username.startswith("erased-")) == (
        False,
        False,
        True,
    )
    assert client.get(reverse("library:account")).status_code == 302  # signed out


def test_erasure_is_refused_while_a_book_is_borrowed(client, django_user_model, abai):
    patron = patron_login(client, django_user_model)
    copy_checkout(barcode="KCC0001", patron=patron)
    client.post(reverse("library:data_erase"))
    patron.refresh_from_db()
    assert patron.person.user.is_active
    assert Loan.objects.get().patron == patron


def test_desk_checkout_and_checkin_by_scanning(staff_client, abai):
    client = staff_client("front_desk")
    patron = PatronFactory(barcode="P1")
    client.post(reverse("library_staff:desk"), {"scan": "P1"})
    client.post(reverse("library_staff:desk"), {"scan": "KCC0001"})
    page = client.get(reverse("library_staff:desk"))
    assert "Checked out: Абай жолы" in page.text and 'role="status"' in page.text
    assert Loan.objects.get().patron == patron
    client.post(reverse("library_staff:checkin"), {"scan": "KCC0001"})
    assert "Checked in: Абай жолы" in client.get(reverse("library_staff:checkin")).text
    assert Copy.objects.get(barcode="KCC0001").status == "available"


def test_desk_refusal_is_an_alert(staff_client, abai):
    client = staff_client("librarian")
    client.post(reverse("library_staff:desk"), {"scan": "KCC0001"})
    page = client.get(reverse("library_staff:desk"))
    assert 'role="alert"' in page.text and "Scan a library card first." in page.text


def test_desk_tells_to_put_on_the_hold_shelf(staff_client, abai):
    from shanyraq.library.services.circulation import hold_place

    client = staff_client("librarian")
    copy_checkout(barcode="KCC0001", patron=PatronFactory())
    waiting = PatronFactory(person=PersonFactory(name="Dana"), barcode="P9")
    hold_place(record=abai, patron=waiting)
    client.post(reverse("library_staff:checkin"), {"scan": "KCC0001"})
    assert "Put it on the hold shelf for Dana (card P9)." in client.get(reverse("library_staff:checkin")).text


def test_import_page_reports_per_record(staff_client):
    client = staff_client("librarian")
    with open(DATA / "marc-edge-cases" / "pymarc__bad_records.mrc", "rb") as fh:
        response = client.post(reverse("library_staff:import"), {"file": fh, "dry_run": ""})
    report = response.context["report"]
    assert [line.number for line in report.lines] == list(range(1, len(report.lines) + 1))
    assert "not imported" in response.text


def test_new_patron_card_for_a_child_needs_a_guardian_card(staff_client):
    client = staff_client("front_desk")
    response = client.post(
        reverse("library_staff:patron_new"),
        {
            "name": "Child",
            "language": "kk",
            "barcode": "PC1",
            "category": "child",
            "birth_date": "2018-01-01",
        },
    )
    assert response.status_code == 200
    assert "A child can only be registered by a guardian." in response.text


def test_reports_export_is_safe_against_formula_injection(staff_client):
    record = record_create(data=RecordData(title='=HYPERLINK("http://x")'))
    copy_create(record=record, barcode="X1")
    copy_checkout(barcode="X1", patron=PatronFactory())
    client = staff_client("director")
    body = client.get(reverse("library_staff:report_export", args=["popular", "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in body


@pytest.mark.parametrize("lang", ["zh-hans", "en", "kk", "ru"])
def test_opac_renders_in_every_language(client, abai, lang):
    response = client.get(f"/{lang}/library/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert '<span lang="kk">Абай жолы</span>' in response.text


def test_staff_dashboard_links_to_the_desk(staff_client):
    client = staff_client("front_desk")
    text = client.get(reverse("staff:dashboard")).text
    assert reverse("library_staff:desk") in text
    assert reverse("library_staff:import") not in text


def test_home_page_shows_the_newest_books(client, abai):
    text = client.get("/kk/").text
    assert 'id="library-home-h"' in text
    assert f'href="/kk/library/records/{abai.pk}/" lang="kk">Абай жолы</a>' in text


def test_landing_facets_are_cached_and_dropped_when_the_catalogue_changes(
    client, abai, django_capture_on_commit_callbacks
):
    assert client.get(reverse("library:opac")).context["result"].total == 1
    with django_capture_on_commit_callbacks(execute=True):
        record_create(data=RecordData(title="Көшпенділер", language="kaz"))
    assert client.get(reverse("library:opac")).context["result"].total == 2


def test_the_erase_page_says_what_goes_in_the_readers_language(client, django_user_model):
    from django.utils import translation

    patron_login(client, django_user_model)
    with translation.override("kk"):
        url = reverse("library:data_erase")
    page = client.get(url).text
    assert "<h1>Деректерімді өшіру</h1>" in page
    assert "Аккаунтыңыз жабылады." in page
    assert 'href="/kk/privacy/"' in page


def test_a_signed_in_user_without_a_card_cannot_touch_anonymized_loans_or_holds(
    client, django_user_model, abai
):
    from shanyraq.library.models import Hold
    from shanyraq.library.services.circulation import copy_checkin

    copy_checkout(barcode="KCC0001", patron=PatronFactory())
    copy_checkin(barcode="KCC0001")
    Loan.objects.update(patron=None, anonymized=True)
    hold = Hold.objects.create(record=Loan.objects.get().copy.record, patron=None, anonymized=True)
    client.force_login(django_user_model.objects.create_user(username="nocard"))
    assert client.post(reverse("library:loan_renew", args=[Loan.objects.get().pk])).status_code == 404
    assert client.post(reverse("library:hold_cancel", args=[hold.pk])).status_code == 404
    assert Loan.objects.get().renewals == 0
    hold.refresh_from_db()
    assert hold.status == Hold.Status.WAITING
