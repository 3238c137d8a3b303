"""The admin is a back office, not a side door: every change form opens and saves, saving it as
it stands changes nothing else, and what a service guards (publication of a deaccessioned artifact,
circulation state, loan state, login links) cannot be changed from it, even by a superuser."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from shanyraq.collection.models import Artifact, LoanOut
from shanyraq.core.models import AuditEvent
from shanyraq.core.tests import world as world_module
from shanyraq.core.tests.dbstate import diff, snapshot
from shanyraq.core.tests.html_forms import form_data
from shanyraq.library.models import Copy, Hold, Loan, Patron
from shanyraq.people.models import Person
from shanyraq.programs.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff_user, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return world_module.build(staff_user)


@pytest.fixture
def superuser_client(client, django_user_model):
    root = django_user_model.objects.create_superuser(username="root", password="pw-for-tests")
    client.force_login(root)
    return client


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# Third-party admins that cannot open under the test settings: the task results page reads each
# task through the configured backend, and the immediate test backend has no queue.
NOT_SWEPT = {"django_tasks_database.dbtaskresult"}


def registered():
    models = [m for m in admin.site._registry if m._meta.label_lower not in NOT_SWEPT]
    return sorted(models, key=lambda m: m._meta.label_lower)


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label_lower)
def test_every_change_form_opens_and_saving_it_unchanged_changes_nothing(world, superuser_client, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the world has no {model._meta.label_lower}: add one to core/tests/world.py"
    client = superuser_client
    assert client.get(url(model, "changelist")).status_code == 200
    model_admin = admin.site._registry[model]
    page = client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    request = page.wsgi_request
    if not model_admin.has_change_permission(request, obj):
        response = client.post(url(model, "change", obj.pk), {})
        assert response.status_code == 403
        return
    data = form_data(page.content.decode(), f"{model._meta.model_name}_form")
    data.pop("_saveasnew", None)
    before = snapshot()
    response = client.post(url(model, "change", obj.pk), data)
    errors = getattr(response, "context", None) and response.context.get("errors")
    assert response.status_code == 302, errors
    changed = diff(before, snapshot())
    assert changed == {}, changed


def test_a_deaccessioned_artifact_cannot_be_published_from_the_admin(world, superuser_client, client):
    gone = world.gone
    assert (gone.status, gone.published) == (Artifact.Status.DEACCESSIONED, False)
    page = superuser_client.get(url(Artifact, "change", gone.pk))
    data = form_data(page.content.decode(), "artifact_form")
    assert "published" not in data
    data["published"] = ["on"]
    response = superuser_client.post(url(Artifact, "change", gone.pk), data)
    assert response.status_code == 302
    gone.refresh_from_db()
    assert gone.published is False
    superuser_client.logout()
    assert client.get(f"/en/collection/artifacts/{gone.accession_number}/").status_code == 404


@pytest.mark.parametrize("status", ["deaccessioned", "returned", "entered"])
def test_the_database_refuses_a_published_artifact_that_can_never_be_public(world, status):
    with pytest.raises(IntegrityError), transaction.atomic():
        Artifact.objects.filter(pk=world.artifact.pk).update(status=status, published=True)
    world.artifact.refresh_from_db()
    assert (world.artifact.status, world.artifact.published) == (Artifact.Status.IN_STORAGE, True)


def test_an_artifact_edited_in_the_admin_is_saved_by_the_service_with_its_audit(world, superuser_client):
    page = superuser_client.get(url(Artifact, "change", world.artifact.pk))
    data = form_data(page.content.decode(), "artifact_form")
    data["title_en"] = ["Felt carpet with ram's horns"]
    assert superuser_client.post(url(Artifact, "change", world.artifact.pk), data).status_code == 302
    world.artifact.refresh_from_db()
    assert world.artifact.title_en == "Felt carpet with ram's horns"
    event = AuditEvent.objects.filter(
        action="collection.artifact_update", target_id=str(world.artifact.pk)
    ).get()
    assert event.data == {"changed": ["title_en"]}


def test_an_artifact_added_in_the_admin_gets_the_next_accession_number_from_the_service(
    world, superuser_client
):
    page = superuser_client.get(url(Artifact, "add"))
    data = form_data(page.content.decode(), "artifact_form")
    data.update({"title_en": ["Dombra"], "accession_number": [""]})
    response = superuser_client.post(url(Artifact, "add"), data)
    assert response.status_code == 302
    artifact = Artifact.objects.get(title_en="Dombra")
    assert re.fullmatch(rf".*{world.today.year}\.\d{{4}}", artifact.accession_number)
    assert artifact.accession_number not in {world.artifact.accession_number, world.gone.accession_number}
    assert (
        AuditEvent.objects.filter(action="collection.artifact_create", target_id=str(artifact.pk)).count()
        == 1
    )


def test_the_copies_inline_does_not_change_a_copy_status(world, superuser_client):
    from shanyraq.library.models import Record

    page = superuser_client.get(url(Record, "change", world.record.pk))
    data = form_data(page.content.decode(), "record_form")
    index = next(k.split("-")[1] for k, v in data.items() if k.startswith("copies-") and v == ["WORLD-C1"])
    assert f"copies-{index}-status" not in data
    data[f"copies-{index}-status"] = ["available"]
    assert superuser_client.post(url(Record, "change", world.record.pk), data).status_code == 302
    assert Copy.objects.get(barcode="WORLD-C1").status == Copy.Status.ON_LOAN


def test_the_copy_form_does_not_change_a_copy_status(world, superuser_client):
    page = superuser_client.get(url(Copy, "change", world.copy.pk))
    data = {**form_data(page.content.decode(), "copy_form"), "status": ["available"]}
    assert superuser_client.post(url(Copy, "change", world.copy.pk), data).status_code == 302
    assert Copy.objects.get(pk=world.copy.pk).status == Copy.Status.ON_LOAN


@pytest.mark.parametrize(
    "model, field, value",
    [
        (Loan, "due_on", "2099-01-01"),
        (Loan, "returned_at_0", "2026-12-08"),
        (Hold, "status", "collected"),
        (Registration, "status", "cancelled"),
        (LoanOut, "status", "returned"),
        (Patron, "person", "__guardian__"),
        (Person, "user", "__other_login__"),
    ],
)
def test_state_a_service_guards_is_read_only_in_the_admin(world, superuser_client, model, field, value):
    obj = {
        Loan: world.loan,
        Hold: world.hold,
        Registration: world.registration,
        LoanOut: world.loan_out,
        Patron: world.patron,
        Person: world.guardian,
    }[model]
    value = {"__guardian__": str(world.guardian.pk), "__other_login__": str(world.other_login.pk)}.get(
        value, value
    )
    page = superuser_client.get(url(model, "change", obj.pk))
    data = form_data(page.content.decode(), f"{model._meta.model_name}_form")
    assert field not in data
    before = snapshot()
    data[field] = [value]
    response = superuser_client.post(url(model, "change", obj.pk), data)
    assert response.status_code == 302
    changed = diff(before, snapshot())
    assert changed == {}, changed


@pytest.mark.parametrize("model", [Loan, Hold, Registration, LoanOut], ids=lambda m: m._meta.label_lower)
def test_records_made_only_by_services_cannot_be_added_in_the_admin(world, superuser_client, model):
    before = model.objects.count()
    assert superuser_client.get(url(model, "add")).status_code == 403
    assert superuser_client.post(url(model, "add"), {}).status_code == 403
    assert model.objects.count() == before


def test_users_are_untouched_by_a_person_save(world, superuser_client):
    before = list(get_user_model().objects.values_list("pk", "username"))
    page = superuser_client.get(url(Person, "change", world.adult.pk))
    data = form_data(page.content.decode(), "person_form")
    assert superuser_client.post(url(Person, "change", world.adult.pk), data).status_code == 302
    assert list(get_user_model().objects.values_list("pk", "username")) == before
    world.adult.refresh_from_db()
    assert world.adult.user == world.patron_login
