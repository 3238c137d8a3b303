"""API of the programs module: read programs and sessions, register, cancel.

Translated fields come as {"zh-hans": .., "en": .., "kk": .., "ru": ..}. Public registration is
rate-limited per IP (cache) and carries a honeypot field `website` that people leave empty;
a filled honeypot gets a 202 with nothing written, so bots learn nothing. Every field and list
of the input has a bound in the schema (maxLength, maxItems, minimum, maximum), checked before
the handler runs; the service checks them again before its transaction (issue 13).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from shanyraq.api.inputs import READ_ERRORS, WRITE_ERRORS, Text
from shanyraq.core import languages
from shanyraq.programs import conf, ratelimit, selectors, tokens
from shanyraq.programs.models import Program, Registration, Session
from shanyraq.programs.services.public import ChildInput, Submission, registration_submit
from shanyraq.programs.services.registrations import registration_cancel

router = Router()

Texts = dict[str, str]


class SessionOut(Schema):
    id: int
    program_id: int
    start: dt.datetime
    end: dt.datetime
    space: str
    space_name: Texts
    capacity: int
    seats_left: int
    is_cancelled: bool
    url: str


class ProgramOut(Schema):
    id: int
    kind: str
    title: Texts
    description: Texts
    min_age: int | None
    max_age: int | None
    level: str
    language: str
    price: str
    registers_as_whole: bool
    url: str


class ProgramDetailOut(ProgramOut):
    teachers: list[str]
    sessions: list[SessionOut]


# Bounds of the schema (programs/conf.py holds the same defaults; the service reads the settings).
NAME_MAX = conf.DEFAULTS["PROGRAMS_NAME_MAX_LENGTH"]
EMAIL_MAX = conf.DEFAULTS["PROGRAMS_EMAIL_MAX_LENGTH"]
PHONE_MAX = conf.DEFAULTS["PROGRAMS_PHONE_MAX_LENGTH"]
GROUP_MAX = conf.DEFAULTS["PROGRAMS_GROUP_NAME_MAX_LENGTH"]
CHILDREN_MAX = conf.DEFAULTS["PROGRAMS_MAX_CHILDREN"]
SEATS_MAX = 1000  # no group is larger; the program's own "largest group" is checked by the service
ID_MAX = 2**53  # ids beyond this are not ours (and overflow the database's integer)
Language = Literal[tuple(settings.LANGUAGE_CODES)]
Kind = Literal[("", *Program.Kind.values)]


class ChildIn(Schema):
    name: Text(NAME_MAX)
    birth_date: dt.date


class RegistrationIn(Schema):
    name: Text(NAME_MAX) = ""
    email: Text(EMAIL_MAX) = ""
    phone: Text(PHONE_MAX) = ""
    language: Language = Field("en", description="The language of the e-mails.")
    birth_date: dt.date | None = None
    children: list[ChildIn] = Field([], max_length=CHILDREN_MAX)
    guardian_consent: bool = False
    together: bool = Field(
        True,
        description="Children: all get seats or all wait together (true), or seats for as many as fit (false).",
    )
    group_name: Text(GROUP_MAX) = ""
    seats: int = Field(1, ge=1, le=SEATS_MAX)
    website: Text(NAME_MAX) = Field("", description="Honeypot: leave empty.")


class RegistrationOut(Schema):
    id: int
    code: str
    person: str
    status: str
    position: int | None
    cancel_token: str


class CancelIn(Schema):
    token: Text(500)


class Message(Schema):
    detail: str


SessionId = Path(..., ge=1, le=ID_MAX)
ProgramId = Path(..., ge=1, le=ID_MAX)
KindQuery = Query("", description="Only programs of this kind.")


def _program(p: Program) -> dict:
    return {
        "id": p.pk,
        "kind": p.kind,
        "title": languages.as_dict(p, "title"),
        "description": languages.as_dict(p, "description"),
        "min_age": p.min_age,
        "max_age": p.max_age,
        "level": p.level,
        "language": p.language,
        "price": str(p.price),
        "registers_as_whole": p.registers_as_whole,
        "url": p.get_absolute_url(),
    }


def _session(s: Session) -> dict:
    return {
        "id": s.pk,
        "program_id": s.program_id,
        "start": s.start,
        "end": s.end,
        "space": s.space.slug,
        "space_name": languages.as_dict(s.space, "name"),
        "capacity": s.capacity,
        "seats_left": getattr(s, "seats_left", None) if hasattr(s, "seats_left") else selectors.seats_left(s),
        "is_cancelled": s.is_cancelled,
        "url": s.get_absolute_url(),
    }


@router.get("/programs", response={200: list[ProgramOut], **READ_ERRORS}, summary="Published programs")
def program_list(request, kind: Kind = KindQuery):
    qs = selectors.programs_public()
    if kind:
        qs = qs.filter(kind=kind)
    return [_program(p) for p in qs[:500]]


@router.get(
    "/programs/{program_id}",
    response={200: ProgramDetailOut, **READ_ERRORS},
    summary="A program with its upcoming sessions",
)
def program_detail(request, program_id: int = ProgramId):
    program = get_object_or_404(selectors.programs_public(), pk=program_id)
    sessions = selectors.with_seats_left(selectors.sessions_public().filter(program=program))
    return {
        **_program(program),
        "teachers": [t.name for t in program.teachers.all()],
        "sessions": [_session(s) for s in sessions],
    }


@router.get(
    "/sessions/{session_id}",
    response={200: SessionOut, **READ_ERRORS},
    summary="A session and its seats left",
)
def session_detail(request, session_id: int = SessionId):
    session = get_object_or_404(selectors.sessions_public(include_past=True), pk=session_id)
    return _session(session)


@router.post(
    "/sessions/{session_id}/registrations",
    response={201: list[RegistrationOut], 202: Message, **WRITE_ERRORS},
    summary="Register for a session (a course: for the whole course)",
    description="Seats are confirmed in arrival order; when full, the registration joins the waiting list "
    "(status `waiting`, `position` from 1). Rate-limited per IP. The e-mail with the ticket, a calendar file "
    "and a cancellation link goes out in `language`.",
)
def registration_post(request, payload: RegistrationIn, session_id: int = SessionId):
    session = get_object_or_404(selectors.sessions_public(include_past=True), pk=session_id)
    lang = payload.language
    if payload.website:
        return Status(202, {"detail": _("Thank you.")})
    if not ratelimit.allow(request):
        return Status(429, {"detail": _("Too many registrations from your network. Please try again later.")})
    data = Submission(
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
        language=lang,
        birth_date=payload.birth_date,
        children=[ChildInput(name=c.name, birth_date=c.birth_date) for c in payload.children],
        guardian_consent=payload.guardian_consent,
        together=payload.together,
        group_name=payload.group_name,
        seats=payload.seats,
    )
    try:
        registrations = registration_submit(session=session, data=data, user=request.user, actor=request.user)
    except ValidationError as exc:
        return Status(422, {"detail": _("The request is not valid."), "errors": exc.message_dict})
    return Status(
        201,
        [
            {
                "id": r.pk,
                "code": r.code,
                "person": r.person.name,
                "status": r.status,
                "position": r.position,
                "cancel_token": tokens.make(r.pk, "cancel"),
            }
            for r in registrations
        ],
    )


@router.post(
    "/registrations/cancel",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Cancel with the signed token from the e-mail or the registration answer",
)
def registration_cancel_post(request, payload: CancelIn):
    reg_id = tokens.read(payload.token, "cancel")
    registration = (
        Registration.objects.select_related("program", "session", "person").filter(pk=reg_id).first()
    )
    if registration is None:
        return Status(404, {"detail": _("This link is not valid.")})
    try:
        registration = registration_cancel(registration=registration, actor=request.user)
    except ValidationError as exc:
        return Status(422, {"detail": _("The request is not valid."), "errors": exc.message_dict})
    return Status(
        200,
        {
            "id": registration.pk,
            "code": registration.code,
            "person": registration.person.name,
            "status": registration.status,
            "position": registration.position,
            "cancel_token": payload.token,
        },
    )
