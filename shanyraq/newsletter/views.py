"""Public pages of the newsletter: sign up, confirm, preferences, one-click unsubscribe."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from shanyraq.core import languages, ratelimit
from shanyraq.core.limits import limit_body
from shanyraq.core.links import absolute_reverse
from shanyraq.newsletter import conf
from shanyraq.newsletter.forms import CONSENT_TEXT, PreferencesForm, SignupForm
from shanyraq.newsletter.models import ConsentRecord, Subscriber
from shanyraq.newsletter.services.subscribers import (
    SignupRequest,
    subscriber_confirm,
    subscriber_from_link,
    subscriber_signup,
    subscriber_unsubscribe,
    subscriber_update,
)


def _link_invalid(request):
    return render(
        request,
        "newsletter/message.html",
        {
            "title": _("This link is not valid"),
            "text": _("It may have expired. Sign up again to get a new one."),
        },
        status=404,
    )


@limit_body
@require_http_methods(["GET", "POST"])
def signup(request):
    """The footer posts here; the same page shows the form alone. Every accepted sign-up gets the
    same answer, whatever the address's state (nothing tells a stranger who is subscribed)."""
    form = SignupForm(request.POST or None, initial={"language": languages.current()})
    if request.method == "POST":
        if form.data.get("website"):
            return render(request, "newsletter/check_mail.html")
        if not ratelimit.allow(request, "newsletter:signup", conf.signup_rate_ip()):
            form.add_error(None, _("Too many sign-ups from your network. Please try again later."))
            return render(request, "newsletter/signup.html", {"form": form}, status=429)
        if form.is_valid():
            d = form.cleaned_data
            try:
                subscriber_signup(
                    request=SignupRequest(
                        email=d["email"],
                        language=d["language"],
                        topics=d["topics"],
                        source=ConsentRecord.Source.FOOTER,
                        text_shown=str(CONSENT_TEXT),
                    )
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return render(request, "newsletter/check_mail.html")
        return render(request, "newsletter/signup.html", {"form": form}, status=400)
    return render(request, "newsletter/signup.html", {"form": form})


@limit_body
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button, POST confirms: mail scanners that open every link confirm nothing."""
    if request.method == "POST":
        subscriber = subscriber_confirm(token=token)
        if subscriber is None:
            return _link_invalid(request)
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"token": token})


@limit_body
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber = subscriber_from_link(token)
    if subscriber is None:
        return _link_invalid(request)
    form = PreferencesForm(
        request.POST or None,
        initial={
            "language": subscriber.language,
            "topics": subscriber.topics,
            "paused": subscriber.status == Subscriber.Status.PAUSED,
        },
    )
    saved = False
    status = 200
    if request.method == "POST":
        if "unsubscribe" in request.POST:
            subscriber = subscriber_unsubscribe(subscriber=subscriber)
            return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber, "token": token})
        if form.is_valid():
            d = form.cleaned_data
            subscriber = subscriber_update(
                subscriber=subscriber, language=d["language"], topics=d["topics"], paused=d["paused"]
            )
            saved = True
        else:
            status = 400
    return render(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscriber": subscriber, "saved": saved, "token": token},
        status=status,
    )


@csrf_exempt
@limit_body
@require_http_methods(["GET", "POST"])
def one_click(request, token: str):
    """RFC 8058: the mail program POSTs `List-Unsubscribe=One-Click` here, without cookies or a
    CSRF token; a person who opens the address in a browser is sent to the preferences page."""
    subscriber = subscriber_from_link(token)
    if request.method == "GET":
        if subscriber is None:
            return _link_invalid(request)
        return HttpResponseRedirect(
            absolute_reverse("newsletter:preferences", lang=subscriber.language, token=token)
        )
    if subscriber is None:
        return HttpResponse(
            _("This link is not valid."), status=404, content_type="text/plain; charset=utf-8"
        )
    subscriber_unsubscribe(subscriber=subscriber, source=ConsentRecord.Source.ONE_CLICK)
    return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
