"""OAI-PMH provider: a real harvester (oaipmh-scythe) takes the whole demo center over HTTP; the
protocol's error cases and every page's shape are checked against the schemas' rules."""

from __future__ import annotations

import datetime
import io
from urllib.parse import urlencode

import pymarc
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.exceptions import CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

from shanyraq.collection.models import Artifact
from shanyraq.collection.tests.factories import ArtifactFactory, TermFactory
from shanyraq.interop.tests.oai_shape import OAI, check_response
from shanyraq.library.models import Record
from shanyraq.library.tests.factories import RecordFactory

REPO = "shanyraq.example"


@pytest.fixture
def oai_settings(settings):
    settings.OAI_REPOSITORY_IDENTIFIER = REPO
    settings.OAI_PAGE_SIZE = 7
    return settings


def get(client, **params) -> etree._Element:
    response = client.get("/oai?" + urlencode(params))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return check_response(body)


def error_code(root) -> str:
    errors = root.findall(f"{OAI}error")
    assert len(errors) == 1, etree.tostring(root)
    return errors[0].get("code")


def harvest_pages(client, **params) -> list[etree._Element]:
    """Every page of a list, following resumption tokens by hand (each page checked)."""
    pages = [get(client, **params)]
    while (token := pages[-1].find(f".//{OAI}resumptionToken")) is not None and token.text:
        pages.append(get(client, verb=params["verb"], resumptionToken=token.text))
    return pages


@pytest.mark.django_db(transaction=True)
def test_a_harvester_takes_the_whole_demo_center_in_every_format_set_and_date_range(
    live_server, oai_settings, tmp_path, clock
):
    oai_settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    Record.objects.filter(pk=Record.objects.order_by("pk")[3].pk).update(is_public=False)
    withdrawn_record = Record.objects.get(is_public=False)
    records = set(Record.objects.values_list("pk", flat=True))
    artifacts = dict(Artifact.objects.values_list("accession_number", "published"))
    assert len(records) >= 200 and len(artifacts) >= 40
    with Scythe(f"{live_server.url}/oai", http_config=HTTPConfig(timeout=30)) as scythe:
        harvest_demo(scythe, records, artifacts, withdrawn_record, clock)


def harvest_demo(scythe, records, artifacts, withdrawn_record, clock) -> None:
    identify = scythe.identify()
    assert identify.repositoryName.startswith("Shanyraq")
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"

    harvested = list(scythe.list_records(metadata_prefix="oai_dc"))
    ids = [r.header.identifier for r in harvested]
    assert len(ids) == len(set(ids))  # no page boundary sends an item twice
    assert set(ids) == {f"oai:{REPO}:library:{pk}" for pk in records} | {
        f"oai:{REPO}:collection:{acc}" for acc in artifacts
    }
    deleted = {r.header.identifier for r in harvested if r.deleted}
    assert deleted == {f"oai:{REPO}:library:{withdrawn_record.pk}"} | {
        f"oai:{REPO}:collection:{acc}" for acc, published in artifacts.items() if not published
    }
    abai = next(r for r in harvested if r.metadata.get("title") == ["Абай жолы", "Abai joly"])
    assert abai.metadata["language"] == ["kaz"]
    dombra = Artifact.objects.filter(published=True, category__slug="musical-instruments").first()
    item = next(r for r in harvested if r.header.identifier.endswith(f":{dombra.accession_number}"))
    assert dombra.title_kk in item.metadata["title"] and dombra.title_zh_hans in item.metadata["title"]
    assert "collection:category:musical-instruments" in item.header.setSpecs

    marc = list(scythe.list_records(metadata_prefix="marc21", ignore_deleted=True))
    assert len(marc) == len(records) - 1
    parsed = pymarc.parse_xml_to_array(io.BytesIO(etree.tostring(marc[0].xml.find(".//{*}metadata")[0])))
    first = Record.objects.get(pk=marc[0].header.identifier.rsplit(":", 1)[1])
    twins = {f["6"][:3]: f["a"] for f in parsed[0].get_fields("880")}
    assert (parsed[0].title, twins["245"]) == (first.title_romanized, first.title)  # 245 and its 880 twin

    museum = list(scythe.list_records(metadata_prefix="lido", ignore_deleted=True))
    assert len(museum) == sum(artifacts.values())
    lido_record = next(r for r in museum if r.header.identifier.endswith(f":{dombra.accession_number}"))
    titles = {
        t.getparent()
        .getparent()
        .getparent()
        .getparent()
        .get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
        for t in lido_record.xml.iter("{http://www.lido-schema.org}appellationValue")
        if t.getparent().tag.endswith("titleSet")
    }
    assert titles == {
        "zh-Hans": dombra.title_zh_hans,
        "en": dombra.title_en,
        "kk": dombra.title_kk,
        "ru": dombra.title_ru,
    }

    kazakh = {
        h.identifier for h in scythe.list_identifiers(metadata_prefix="marc21", set_="library:lang:kaz")
    }
    assert kazakh == {
        f"oai:{REPO}:library:{pk}"
        for pk in Record.objects.filter(language="kaz").values_list("pk", flat=True)
    }
    specs = {s.setSpec for s in scythe.list_sets()}
    assert {
        "library",
        "library:lang:kaz",
        "library:lang:chi",
        "collection",
        "collection:category:weapons",
    } <= specs
    with pytest.raises(NoRecordsMatch):
        list(scythe.list_identifiers(metadata_prefix="marc21", set_="collection"))

    # An incremental harvest from a later moment gets what changed since, and only that.
    clock.move_to(datetime.datetime(2027, 1, 5, 12, 0, tzinfo=datetime.UTC))
    from shanyraq.collection.services.artifacts import artifact_publish

    artifact_publish(actor=None, artifact=dombra, published=False)
    changed = list(scythe.list_records(metadata_prefix="oai_dc", from_="2027-01-05T11:59:59Z"))
    assert [(r.header.identifier, r.deleted) for r in changed] == [
        (f"oai:{REPO}:collection:{dombra.accession_number}", True)
    ]
    until = list(scythe.list_identifiers(metadata_prefix="oai_dc", until="2027-01-04"))
    assert len(until) == len(ids) - 1
    record = scythe.get_record(identifier=f"oai:{REPO}:collection:{dombra.accession_number}")
    assert record.deleted and record.header.datestamp == "2027-01-05T12:00:00Z"


@pytest.mark.django_db
def test_every_page_of_a_paged_harvest_has_the_schema_shape_and_the_last_token_is_empty(client, oai_settings):
    for n in range(10):
        RecordFactory(language="rus" if n % 2 else "kaz")
    ArtifactFactory.create_batch(6, category=TermFactory(slug="ceramics"))
    for verb in ("ListRecords", "ListIdentifiers"):
        pages = harvest_pages(client, verb=verb, metadataPrefix="oai_dc")
        assert len(pages) == 3  # 16 items, 7 a page
        tokens = [p.find(f".//{OAI}resumptionToken") for p in pages]
        assert [t.get("cursor") for t in tokens] == ["0", "7", "14"]
        assert tokens[-1].text is None
    pages = harvest_pages(client, verb="ListRecords", metadataPrefix="marc21")
    assert sum(len(p.findall(f".//{OAI}record")) for p in pages) == 10
    pages = harvest_pages(client, verb="ListRecords", metadataPrefix="lido")  # each page checked as LIDO
    assert sum(len(p.findall(f".//{OAI}record")) for p in pages) == 6


@pytest.mark.django_db
def test_a_token_freezes_until_so_an_item_changed_mid_harvest_waits_for_the_next_harvest(
    client, oai_settings
):
    records = [RecordFactory() for _ in range(10)]
    first = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(f".//{OAI}resumptionToken").text
    Record.objects.filter(pk=records[-1].pk).update(
        updated_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)
    )
    second = get(client, verb="ListIdentifiers", resumptionToken=token)
    assert [h.text.rsplit(":", 1)[1] for h in second.iter(f"{OAI}identifier")] == [
        str(r.pk) for r in records[7:9]
    ]


@pytest.mark.django_db
def test_get_record_and_list_metadata_formats_follow_the_item(client, oai_settings):
    record = RecordFactory(title="Қара сөздер")
    artifact = ArtifactFactory()
    root = get(
        client, verb="GetRecord", identifier=f"oai:{REPO}:library:{record.pk}", metadataPrefix="marc21"
    )
    assert root.find(".//{http://www.loc.gov/MARC21/slim}datafield[@tag='245']")[0].text == "Қара сөздер"
    formats = get(
        client, verb="ListMetadataFormats", identifier=f"oai:{REPO}:collection:{artifact.accession_number}"
    )
    assert [p.text for p in formats.iter(f"{OAI}metadataPrefix")] == ["oai_dc", "lido"]
    formats = get(client, verb="ListMetadataFormats")
    assert [p.text for p in formats.iter(f"{OAI}metadataPrefix")] == ["oai_dc", "marc21", "lido"]
    # POST is the same protocol.
    response = client.post(
        "/oai",
        {"verb": "GetRecord", "identifier": f"oai:{REPO}:library:{record.pk}", "metadataPrefix": "oai_dc"},
    )
    assert (
        check_response(response.content).find(".//{http://purl.org/dc/elements/1.1/}title").text
        == "Қара сөздер"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListThings"}, "badVerb"),
        ({"verb": "Identify", "set": "library"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:x:library:1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T00:00:00"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2026-01-01",
                "until": "2026-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-01", "until": "2026-01-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "any"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2099-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "library:lang:xyz"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "marc21", "set": "collection"}, "noRecordsMatch"),
        (
            {"verb": "GetRecord", "identifier": "oai:elsewhere.org:library:1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "identifier": f"oai:{REPO}:library:999999", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "identifier": f"oai:{REPO}:library:abc", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": f"oai:{REPO}:collection:NOPE"}, "idDoesNotExist"),
    ],
)
def test_protocol_errors(client, oai_settings, params, code):
    RecordFactory()
    root = get(client, **params)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    # On badVerb and badArgument the request element echoes no arguments.
    assert (request.attrib == {}) == (code in ("badVerb", "badArgument"))


@pytest.mark.django_db
def test_repeated_arguments_are_bad_and_a_token_from_another_verb_is_refused(client, oai_settings):
    RecordFactory.create_batch(9)
    root = check_response(
        client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21").content
    )
    assert error_code(root) == "badArgument"
    token = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc").find(f".//{OAI}resumptionToken").text
    assert error_code(get(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    assert (
        error_code(get(client, verb="ListIdentifiers", resumptionToken=token[:-2] + "xx"))
        == "badResumptionToken"
    )


@pytest.mark.django_db
def test_an_artifact_refuses_marc21_and_a_withdrawn_item_is_a_deleted_header(client, oai_settings):
    artifact = ArtifactFactory(published=False)
    root = get(
        client,
        verb="GetRecord",
        identifier=f"oai:{REPO}:collection:{artifact.accession_number}",
        metadataPrefix="marc21",
    )
    assert error_code(root) == "cannotDisseminateFormat"
    root = get(
        client,
        verb="GetRecord",
        identifier=f"oai:{REPO}:collection:{artifact.accession_number}",
        metadataPrefix="oai_dc",
    )
    header = root.find(f".//{OAI}header")
    assert header.get("status") == "deleted" and root.find(f".//{OAI}metadata") is None


def test_scythe_reads_our_errors_as_its_exceptions(live_server, oai_settings, transactional_db):
    with Scythe(f"{live_server.url}/oai", http_config=HTTPConfig(timeout=30)) as scythe:
        with pytest.raises(IdDoesNotExist):
            scythe.get_record(identifier=f"oai:{REPO}:library:1")
        with pytest.raises(CannotDisseminateFormat):
            list(scythe.list_records(metadata_prefix="ese"))


HOSTILE = st.one_of(
    st.sampled_from(
        ["", "0", "oai_dc", "marc21", "library", "library:lang:kaz", "2026-01-01", "9999-12-31T23:59:59Z"]
    ),
    st.sampled_from(["0001-01-01", "2026-02-30", "oai:shanyraq.example:library:1", "\u202e", "x" * 5000]),
    st.text(max_size=40).filter(lambda t: "\x00" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    verb=st.sampled_from(
        ["Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords", "x"]
    ),
    args=st.dictionaries(
        st.sampled_from(["identifier", "metadataPrefix", "from", "until", "set", "resumptionToken", "other"]),
        HOSTILE,
    ),
)
def test_any_arguments_get_a_well_formed_answer_never_a_crash(client, oai_settings, verb, args):
    root = get(client, verb=verb, **args)
    assert root.find(f"{OAI}error") is not None or root.find(f"{OAI}{verb}") is not None


@pytest.mark.django_db
def test_a_stray_marc_delimiter_in_a_title_still_gives_well_formed_xml(client, oai_settings):
    record = RecordFactory(title="Абай\x1f жолы")
    for prefix in ("oai_dc", "marc21"):
        root = get(
            client, verb="GetRecord", identifier=f"oai:{REPO}:library:{record.pk}", metadataPrefix=prefix
        )
        assert "Абай\ufffd жолы" in etree.tostring(root, encoding="unicode")
