"""django-axes hooks: what an attempt is counted against, what a locked-out visitor sees, and
what reaches the logs (no e-mail address, name or IP address; see core/logging.py)."""

from __future__ import annotations

from django.forms.utils import ErrorList
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from shanyraq.accounts import conf
from shanyraq.accounts.identifiers import normalize, resolve


def key_for_user(user) -> str:
    return f"user-{user.pk}"


def attempt_key(request, credentials: dict | None) -> str:
    """Failures count against the login the identifier names, however it was typed (card
    number, e-mail, username, any case), so switching between them does not reset the count.
    Unknown identifiers count under a keyed hash: the attempts table keeps no typed address."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    text = normalize(raw)
    cache = getattr(request, "_signin_attempt_keys", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._signin_attempt_keys = cache
    if text not in cache:
        user = resolve(text)
        if user is not None:
            cache[text] = key_for_user(user)
        else:
            cache[text] = "unknown-" + salted_hmac("accounts.attempt", text.casefold()).hexdigest()[:16]
    return cache[text]


def lockout_message() -> str:
    minutes = int(conf.cool_off().total_seconds() // 60)
    return _(
        "Too many failed sign-in attempts. Signing in to this account from your network is paused "
        "for %(minutes)s min. Try again later, or reset your password by e-mail."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page it came from, with the reason in the visitor's language, status 429."""
    message = lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is not None and getattr(original_response, "template_name", None):
        form.errors["__all__"] = ErrorList([message], error_class="nonfield")
        response = TemplateResponse(request, original_response.template_name, context, status=429)
    else:
        response = TemplateResponse(request, "accounts/locked.html", {"message": message}, status=429)
    response["Retry-After"] = str(int(conf.cool_off().total_seconds()))
    return response.render()  # built in middleware, after Django renders responses


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """How axes names a client in its log lines: the pseudonymous attempt key and the path only."""
    return f"{{login: {username}, path: {path_info}}}"
