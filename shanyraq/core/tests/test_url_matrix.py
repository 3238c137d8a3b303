"""Role x URL matrix, generated from the URL conf: every staff, admin and account URL, requested
as anonymous, as two patrons, as every staff role and as a superuser, answers what the policy
below declares; a refused request changes nothing in the database (audit trail included).

The Django admin is for superusers only (docs/decisions/028): anyone else signed in gets 403 on
every admin page (a staff member opening its sign-in page is sent to the staff pages), and the
superuser gets each registered model's pages as the model rules below say.

A new staff, admin or account page fails `test_every_guarded_url_has_a_policy` until it gets a
line in POLICY (or, for a model registered in the admin, follows the model permissions rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from shanyraq.core.roles import ROLES, declared_permissions
from shanyraq.core.tests import world as W
from shanyraq.core.tests.dbstate import diff, snapshot

pytestmark = pytest.mark.django_db

GUARDED = re.compile(r"^(en/staff/|en/library/account/|en/library/records/<int:pk>/hold/)")


@dataclass(frozen=True)
class Policy:
    """guard: "perm" (staff_permission_required: anonymous -> staff sign-in, others 403),
    "signed_in" (login_required), "admin" (any staff login), "admin_perm" (staff login + perms),
    "owner" (signed in; someone else's object is 404), "anyone".
    method: how the page is used (a POST-only action is requested only by those it refuses).
    ok: the answer to a persona allowed (an int, or {persona kind: int})."""

    guard: str
    perms: tuple[str, ...] = ()
    method: str = "GET"
    ok: int | dict = 200
    not_theirs: frozenset[str] = frozenset()  # roles refused (403) on the world's object: not theirs


def perm(*perms, method="GET", ok=200, not_theirs=()):
    return Policy("perm", perms, method, ok, frozenset(not_theirs))


# Answers that depend on who asks: a patron persona has a library card, staff do not.
CARD = {"patron": 200, "other": 200, "staff": 302}

POLICY: dict[str, Policy] = {
    "staff:dashboard": Policy("signed_in"),
    "staff:login": Policy("anyone", ok={"anonymous": 200, "patron": 302, "other": 302, "staff": 302}),
    "staff:logout": Policy("anyone", method="POST", ok=302),
    "admin:index": Policy("admin"),
    # Staff are sent on to the staff pages, the superuser to the admin's index.
    "admin:login": Policy("anyone", ok={"anonymous": 200, "patron": 200, "other": 200, "staff": 302}),
    "admin:logout": Policy(
        "anyone", method="POST", ok={"anonymous": 200, "patron": 200, "other": 200, "staff": 200}
    ),
    "admin:password_change": Policy("admin"),
    "admin:password_change_done": Policy("admin"),
    "admin:autocomplete": Policy("admin", ok=403),  # no field named: refused for everyone
    "admin:jsi18n": Policy("admin"),
    "admin:view_on_site": Policy("admin", ok=302),
    "admin:app_list": Policy("admin_perm"),  # 200 with a permission in the app, else 404
    "admin:people_person_login": Policy("admin_perm", ("people.link_login",)),
    "admin:auth_user_password_change": Policy("admin_perm", ("auth.change_user",)),
    # Someone already signed in is sent on (to their account or the staff pages).
    "library:login": Policy("anyone", ok={"anonymous": 200, "patron": 302, "other": 302, "staff": 302}),
    "library:logout": Policy("anyone", method="POST", ok=302),
    "admin:<path:object_id>/": Policy("admin", ok=302),  # old-style change URL: redirects
    "admin:(?P<url>.*)$": Policy("admin", ok=404),
    "collection_staff:move": perm("collection.move_artifact"),
    "collection_staff:import": perm("collection.import_artifacts"),
    "collection_staff:loans_due": perm("collection.view_loanin"),
    "collection_staff:loan_in_new": perm("collection.add_loanin"),
    "collection_staff:loans_out": perm("collection.view_loanout"),
    "collection_staff:loan_out_new": perm("collection.add_loanout"),
    "collection_staff:loan_out": perm("collection.view_loanout"),
    "collection_staff:artifact_find": perm("collection.view_artifact"),
    "collection_staff:artifact": perm("collection.view_artifact"),
    "collection_staff:artifact_conditions": perm(
        "collection.view_artifact", "collection.view_conditioncheck"
    ),
    "collection_staff:artifact_images": perm("collection.view_artifact", "collection.view_artifactimage"),
    "collection_staff:artifact_image_texts": perm("collection.change_artifactimage", method="POST"),
    "collection_staff:artifact_image_primary": perm("collection.change_artifactimage", method="POST"),
    "collection_staff:artifact_image_remove": perm("collection.delete_artifactimage", method="POST"),
    "collection_staff:artifact_edit": perm("collection.change_artifact"),
    "collection_staff:artifact_new": perm("collection.add_artifact"),
    "collection_staff:inventory": perm("collection.add_inventorysweep"),
    "collection_staff:labels_index": perm("collection.view_artifact"),
    "collection_staff:labels": perm("collection.view_artifact"),
    "library_staff:desk": perm("library.circulate"),
    "library_staff:desk_end": perm("library.circulate", method="POST"),
    "library_staff:checkin": perm("library.circulate"),
    "library_staff:copy_mark": perm("library.circulate", method="POST"),
    "library_staff:patron_new": perm("library.add_patron"),
    "library_staff:import": perm("library.import_marc"),
    "library_staff:record_new": perm("library.add_record"),
    "library_staff:record_edit": perm("library.change_record"),
    "library_staff:reports": perm("library.view_reports"),
    "library_staff:report_export": perm("library.view_reports"),
    "authorities_staff:index": perm("authorities.view_authority"),
    "authorities_staff:new": perm("authorities.add_authority"),
    "authorities_staff:edit": perm("authorities.change_authority"),
    "authorities_staff:links": perm("authorities.change_authority", method="POST", ok=302),
    "authorities_staff:export": perm("authorities.view_authority"),
    "programs_staff:checkin": perm("programs.check_in"),
    "programs_staff:classes": perm("programs.mark_attendance"),
    # A teacher marks attendance only in the sessions they teach (the world's session is not theirs).
    "programs_staff:attendance": perm("programs.mark_attendance", not_theirs=["teacher"]),
    "programs_staff:reports": perm("programs.view_reports"),
    "programs_staff:new": perm("programs.add_program"),
    "programs_staff:list": perm("programs.view_program"),
    "programs_staff:sessions": perm("programs.add_session"),
    "programs_staff:edit": perm("programs.change_program"),
    "programs_staff:registrations": perm("programs.view_registration"),
    "programs_staff:session_registrations": perm("programs.view_registration"),
    "programs_staff:session_message": perm("programs.change_registration", method="POST", ok=302),
    "spaces_staff:requests": perm("spaces.view_booking"),
    "ops_staff:jobs": perm("ops.view_jobrun"),
    "ops_staff:audit": perm("core.view_auditevent"),
    "spaces_staff:decide": perm("spaces.approve_booking", method="POST"),
    "spaces_staff:closed_days": perm("spaces.view_closedday"),
    "spaces_staff:closed_day_delete": perm("spaces.delete_closedday", method="POST", ok=302),
    "mail_staff:outbox": perm("mail.view_outboxmessage"),
    "mail_staff:retry": perm("mail.change_outboxmessage", method="POST", ok=302),
    # The demo mailbox exists only in demo mode (the tests' locmem backend is one), for staff.
    "mail_staff:viewer": Policy("signed_in", ok={"patron": 404, "other": 404, "staff": 200}),
    "newsletter_staff:mailings": perm("newsletter.view_mailing"),
    "newsletter_staff:new": perm("newsletter.add_mailing"),
    "newsletter_staff:digest": perm("newsletter.add_mailing", method="POST", ok=302),
    "newsletter_staff:mailing": perm("newsletter.view_mailing"),
    "newsletter_staff:edit": perm("newsletter.change_mailing"),
    "newsletter_staff:preview": perm("newsletter.view_mailing"),
    "newsletter_staff:test": perm("newsletter.change_mailing", method="POST", ok=302),
    "newsletter_staff:schedule": perm("newsletter.send_mailing", method="POST", ok=302),
    "newsletter_staff:send": perm("newsletter.send_mailing", method="POST", ok=302),
    "newsletter_staff:subscribers": perm("newsletter.view_subscriber"),
    "newsletter_staff:export": perm("newsletter.view_subscriber"),
    "newsletter_staff:import": perm("newsletter.add_subscriber"),
    "newsletter_staff:subscriber_data": perm("newsletter.view_subscriber"),
    "newsletter_staff:subscriber_erase": perm("newsletter.delete_subscriber", method="POST", ok=302),
    "library:account": Policy("signed_in"),
    "library:loan_renew": Policy("owner", method="POST"),
    "library:hold_cancel": Policy("owner", method="POST"),
    "library:hold_place": Policy("signed_in", method="POST"),
    "library:history_choice": Policy("signed_in", method="POST"),
    "library:data_export": Policy("signed_in", ok=CARD),
    "library:data_erase": Policy("signed_in", ok=CARD),
    "exchange_staff:moderation": perm("exchange.moderate_post"),
    "exchange_staff:moderate": perm("exchange.moderate_post", method="POST"),
    "exchange_staff:safeguarding": perm("exchange.view_minor_messages"),
    "exchange_staff:safeguarding_tandem": perm("exchange.view_minor_messages"),
    "exchange_staff:message_hide": perm("exchange.view_minor_messages", method="POST"),
    "exchange_staff:applications": perm("exchange.decide_application"),
    "exchange_staff:calls": perm("exchange.view_call"),
    "exchange_staff:call_new": perm("exchange.add_call"),
    "exchange_staff:call_edit": perm("exchange.change_call"),
    "exchange_staff:call_publish": perm("exchange.change_call", method="POST"),
    "exchange_staff:call_report": perm("exchange.view_application"),
    "exchange_staff:call_report_export": perm("exchange.view_application"),
    "exchange_staff:export": perm("exchange.decide_application", method="POST"),
    "exchange_staff:decide": perm("exchange.decide_application", method="POST"),
    "exchange_staff:reviews": perm("exchange.review_application"),
    # A reviewer scores only the calls whose panel they sit on (the world's call has no panel).
    "exchange_staff:review": perm("exchange.review_application", not_theirs=["reviewer"]),
}

# The admin's own pages for each registered model follow the model permissions; these models are
# read-only there (made and changed only by services), which the rule below must know.
ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")
NO_ADD = {
    "core.auditevent",
    "library.loan",
    "library.hold",
    "programs.registration",
    "collection.loanin",
    "collection.loanout",
    "django_tasks_database.dbtaskresult",
}
# A library record is withdrawn, never deleted, even by a superuser (decision 021).
NO_DELETE = NO_ADD | {"collection.artifact", "library.record"}

SUPERUSER = "superuser"
PERSONAS = ["anonymous", "patron", "other", *ROLES, SUPERUSER]


def walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p.name, p


def guarded_urls():
    """(route, policy key, pattern) for every guarded URL in the English URL conf."""
    from django.utils import translation

    with translation.override("en"):
        for route, namespace, name, pattern in walk(get_resolver().url_patterns):
            if not GUARDED.match(route):
                continue
            key = f"{namespace}:{name}" if name else f"{namespace}:{pattern.pattern}"
            yield route, key, pattern


def admin_model_view(key: str):
    """(model, view) when `key` is one of the admin's own pages for a registered model."""
    for model in admin.site._registry:
        for view in ADMIN_VIEWS:
            if key == f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}":
                return model, view
    return None


def test_every_guarded_url_has_a_policy():
    keys = {key for _route, key, _p in guarded_urls()}
    missing = sorted(k for k in keys if k not in POLICY and admin_model_view(k) is None)
    assert missing == []
    assert sorted(set(POLICY) - keys) == []  # and no policy for a page that is gone


def fill(world, key: str, route: str) -> list[str]:
    """The paths to request for a route: its parameters filled with the world's real objects."""
    artifact = {"accession": world.artifact.accession_number, "pk": world.image.pk}
    values = {
        "collection_staff:loan_out": {"pk": world.loan_out.pk},
        "collection_staff:labels": {"slug": world.hall.slug},
        "library_staff:record_edit": {"pk": world.record.pk},
        "library_staff:report_export": {"name": "loans", "fmt": "csv"},
        "authorities_staff:edit": {"pk": world.authority.pk},
        "authorities_staff:links": {"pk": world.authority.pk},
        "programs_staff:attendance": {"pk": world.session.pk},
        "programs_staff:sessions": {"pk": world.program.pk},
        "programs_staff:edit": {"pk": world.program.pk},
        "programs_staff:session_registrations": {"pk": world.session.pk},
        "programs_staff:session_message": {"pk": world.session.pk},
        "spaces_staff:decide": {"pk": world.booking.pk},
        "spaces_staff:closed_day_delete": {"pk": world.closed_day.pk},
        "mail_staff:retry": {"pk": world.message.pk},
        "newsletter_staff:mailing": {"pk": world.mailing.pk},
        "newsletter_staff:edit": {"pk": world.mailing.pk},
        "newsletter_staff:preview": {"pk": world.mailing.pk, "lang": "en"},
        "newsletter_staff:test": {"pk": world.mailing.pk},
        "newsletter_staff:schedule": {"pk": world.mailing.pk},
        "newsletter_staff:send": {"pk": world.mailing.pk},
        "newsletter_staff:export": {"fmt": "csv"},
        "newsletter_staff:subscriber_data": {"pk": world.subscriber.pk},
        "newsletter_staff:subscriber_erase": {"pk": world.subscriber.pk},
        "exchange_staff:moderate": {"pk": world.exchange["post"].pk},
        "exchange_staff:safeguarding_tandem": {"pk": world.exchange["tandem"].pk},
        "exchange_staff:message_hide": {"pk": world.exchange["message"].pk},
        "exchange_staff:applications": {"pk": world.exchange["call"].pk},
        "exchange_staff:call_edit": {"pk": world.exchange["call"].pk},
        "exchange_staff:call_publish": {"pk": world.exchange["call"].pk},
        "exchange_staff:call_report": {"pk": world.exchange["call"].pk},
        "exchange_staff:call_report_export": {"pk": world.exchange["call"].pk, "fmt": "csv"},
        "exchange_staff:export": {"pk": world.exchange["call"].pk, "fmt": "csv"},
        "exchange_staff:decide": {"pk": world.exchange["application"].pk},
        "exchange_staff:review": {"pk": world.exchange["application"].pk},
        "library:hold_place": {"pk": world.record.pk},
        "library:loan_renew": {"pk": world.loan.pk},
        "library:hold_cancel": {"pk": world.hold.pk},
        "admin:people_person_login": {"object_id": world.adult.pk},
        "admin:auth_user_password_change": {"id": world.patron_login.pk},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(world.artifact).pk,
            "object_id": world.artifact.pk,
        },
        "admin:(?P<url>.*)$": {"url": "no-such-page/"},
    }.get(key)
    if key.startswith("collection_staff:artifact"):
        values = artifact
    if key == "admin:app_list":
        labels = sorted({m._meta.app_label for m in admin.site._registry})
        return [
            "/" + re.sub(r"\(\?P<app_label>[^)]*\)\)?", label, route).replace("$", "").replace("^", "")
            for label in labels
        ]
    found = admin_model_view(key)
    if found or key == "admin:<path:object_id>/":
        model = found[0] if found else world.artifact.__class__
        values = {"object_id": model._default_manager.order_by("pk").first().pk}
    params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    names = [a or b for a, b in params]
    if names and values is None:
        raise AssertionError(f"give {key} real objects for {names} in fill()")
    path = route
    for name in names:
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)\$?", str(values[name]), path)
    return ["/" + path.replace("^", "").replace("$", "")]


def kind(persona: str) -> str:
    return persona if persona in ("anonymous", "patron", "other") else "staff"


def has(persona: str, perms) -> bool:
    if persona == SUPERUSER:
        return True
    granted = declared_permissions().get(persona, set())
    return all(p in granted for p in perms)


def admin_model_allowed(persona: str, model, view: str) -> bool:
    label, app, name = model._meta.label_lower, model._meta.app_label, model._meta.model_name
    if view in ("changelist", "change", "history"):
        return has(persona, [f"{app}.view_{name}"]) or has(persona, [f"{app}.change_{name}"])
    if view == "add":
        return label not in NO_ADD and has(persona, [f"{app}.add_{name}"])
    return label not in NO_DELETE and has(persona, [f"{app}.delete_{name}"])


def app_allowed(persona: str, app_label: str) -> bool:
    """The admin lists an app to a role that may see or add one of its registered models."""
    return any(
        admin_model_allowed(persona, m, view)
        for m in admin.site._registry
        if m._meta.app_label == app_label
        for view in ("changelist", "add")
    )


def expected(persona: str, key: str, path: str) -> tuple[bool, int]:
    """(allowed, status) for this persona on this path."""
    k = kind(persona)
    found = admin_model_view(key)
    policy = POLICY.get(key) or Policy("admin_perm")
    is_admin = key.startswith("admin:")
    login_redirect = 302
    if policy.guard == "anyone":
        ok = policy.ok[k] if isinstance(policy.ok, dict) else policy.ok
        return True, ok
    if k == "anonymous":
        return False, login_redirect
    if is_admin and persona != SUPERUSER:
        return False, 403  # signed in, but the admin is for superusers only
    if policy.guard == "perm":
        return (
            (True, policy.ok)
            if has(persona, policy.perms) and persona not in policy.not_theirs
            else (False, 403)
        )
    if policy.guard in ("signed_in",):
        return True, policy.ok[k] if isinstance(policy.ok, dict) else policy.ok
    if policy.guard == "owner":
        return (True, 302) if persona == "patron" else (False, 404)
    if policy.guard == "admin":
        return True, policy.ok
    # admin_perm
    if found:
        model, view = found
        return (True, 200) if admin_model_allowed(persona, model, view) else (False, 403)
    if key == "admin:app_list":
        app_label = path.rstrip("/").rsplit("/", 1)[-1]
        return (True, 200) if app_allowed(persona, app_label) else (False, 404)
    return (True, 200) if has(persona, policy.perms) else (False, 403)


@pytest.fixture
def world(staff_user, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from shanyraq.exchange.tests.factories import matrix_world

    world = W.build(staff_user)
    world.exchange = matrix_world()
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_guarded_url_answers_each_persona_as_the_policy_says(
    world, staff_user, django_user_model, client, persona
):
    user = {"anonymous": None, "patron": world.patron_login, "other": world.other_login}.get(persona)
    if persona in ROLES:
        user = staff_user(persona, username=f"matrix-{persona}")
    if persona == SUPERUSER:
        user = django_user_model.objects.create_superuser(username="matrix-root", password="pw-for-tests")
    wrong = []
    before = snapshot(skip={"sessions.session"})
    for route, key, _pattern in guarded_urls():
        policy = POLICY.get(key) or Policy("admin_perm")
        for path in fill(world, key, route):
            allowed, status = expected(persona, key, path)
            if allowed and policy.method == "POST":
                continue  # a permitted action: its own tests cover what it does
            methods = ["POST"] if policy.method == "POST" else (["GET"] if allowed else ["GET", "POST"])
            if not allowed and key.endswith(("_changelist", "_history")):
                methods = ["GET"]  # read-only admin pages: the change, add and delete pages take the POSTs
            for method in methods:
                if user is not None and "_auth_user_id" not in client.session:
                    client.force_login(user)  # again, after a sign-out page
                response = getattr(client, method.lower())(path)
                if response.status_code != status:
                    wrong.append((method, path, response.status_code, status))
                elif not allowed and status == 302 and "login" not in response["Location"]:
                    wrong.append((method, path, response["Location"], "a sign-in page"))
    assert wrong == [], "\n".join(map(str, wrong))
    assert diff(before, snapshot(skip={"sessions.session"})) == {}  # refused requests changed nothing
