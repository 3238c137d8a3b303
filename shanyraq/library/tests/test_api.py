"""GET /api/v1/records and /api/v1/records/{id}: public fields only; MARC exports."""

import io

import pymarc
import pytest

from shanyraq.library.marc.common import RecordData
from shanyraq.library.services.catalogue import copy_create, record_create
from shanyraq.library.services.circulation import copy_checkout
from shanyraq.library.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def abai():
    record = record_create(
        data=RecordData(
            title="Абай жолы",
            title_romanized="Abai joly",
            language="kaz",
            year=1956,
            contributors=[("Мұхтар Әуезов", "Mūhtar Äuezov", "author")],
        )
    )
    copy_create(record=record, barcode="SECRET-BARCODE", call_number="KZ 001")
    return record


def test_list_searches_across_scripts(client, abai):
    data = client.get("/api/v1/records", {"q": "abai"}).json()
    assert data["count"] == 1
    assert data["results"][0]["title"] == "Абай жолы"


def test_detail_has_public_fields_only(client, abai):
    copy_checkout(barcode="SECRET-BARCODE", patron=PatronFactory(person__name="Someone"))
    data = client.get(f"/api/v1/records/{abai.pk}").json()
    assert data["copies"][0]["status"] == "on_loan"
    assert data["copies"][0]["call_number"] == "KZ 001"
    text = str(data)
    assert "SECRET-BARCODE" not in text and "Someone" not in text and "marc_raw" not in text


def test_hidden_record_is_404(client):
    record = record_create(data=RecordData(title="Hidden"), is_public=False)
    assert client.get(f"/api/v1/records/{record.pk}").status_code == 404


def test_marc_export_endpoint_reads_back(client, abai):
    body = client.get(f"/api/v1/records/{abai.pk}/marc").content
    record = next(pymarc.MARCReader(io.BytesIO(body), to_unicode=True, force_utf8=True))
    assert record["245"]["a"] == "Abai joly"
    assert client.get(f"/api/v1/records/{abai.pk}/marcxml").status_code == 200
    assert "<dc:title>Абай жолы</dc:title>" in client.get(f"/api/v1/records/{abai.pk}/dc").content.decode()
