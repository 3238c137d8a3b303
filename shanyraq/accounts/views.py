"""Sign-in pages: the sign-in view every form uses, password change and reset, two-step sign-in."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from shanyraq.accounts import conf, selectors, services
from shanyraq.accounts.forms import CodeForm, PasswordResetRequestForm, SignInForm

SETUP_KEY = "accounts_totp_key"


class SignInView(auth_views.LoginView):
    """Django's login view with our form (username, e-mail or card number)."""

    form_class = SignInForm
    redirect_authenticated_user = True


def _home_for(user) -> str:
    return reverse("staff:dashboard") if user.is_staff else reverse("library:account")


def _sign_in_for(user) -> str:
    return reverse("staff:login") if user.is_staff else reverse("library:login")


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}" if target else reverse(url_name)


# --- Password reset by e-mail -----------------------------------------------------------------


def password_reset(request):
    """Same answer for every address, known or not: the 'sent' page."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"], fallback_language=get_language())
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request):
    return render(request, "accounts/password_reset_sent.html", {"hours": conf.reset_link_hours()})


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's view (it moves the token from the URL into the session before showing the form);
    saving goes through our service, which also lifts a sign-in lockout."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm

    def form_valid(self, form):
        services.password_set(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return redirect(_sign_in_for(form.user))


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_set(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
        return redirect(_home_for(request.user))
    return render(request, "accounts/password_change.html", {"form": form})


# --- Two-step sign-in (TOTP) --------------------------------------------------------------------


@login_required
def two_factor(request):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": selectors.totp_device(request.user),
            "required": selectors.two_factor_required(request.user),
        },
    )


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, border=2)


@login_required
def two_factor_setup(request):
    user = request.user
    if selectors.totp_device(user) is not None and not user.is_verified():
        return redirect(with_next("accounts:two_factor_verify", _next(request, _home_for(user))))
    key = request.session.get(SETUP_KEY) or services.totp_key_new()
    request.session[SETUP_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_confirm(user=user, key=key, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            del request.session[SETUP_KEY]
            otp_login(request, device)
            messages.success(
                request, _("Two-step sign-in is on. You will be asked for a code at each sign-in.")
            )
            return redirect(_next(request, reverse("accounts:two_factor")))
    url = TOTPDevice(user=user, key=key).config_url
    secret = base64.b32encode(bytes.fromhex(key)).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": _qr_svg(url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": selectors.two_factor_required(user),
            "next": _next(request, ""),
        },
    )


@login_required
def two_factor_verify(request):
    user = request.user
    device = selectors.totp_device(user)
    if device is None:
        return redirect(with_next("accounts:two_factor_setup", _next(request, _home_for(user))))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            otp_login(request, verified)
            return redirect(_next(request, _home_for(user)))
        form.add_error(
            "code",
            _("That code is not right, or there were too many tries. Wait for a new code and try again."),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request, "")})


@require_POST
@login_required
def two_factor_remove(request):
    try:
        services.totp_device_remove(user=request.user, actor=request.user)
        messages.success(request, _("Two-step sign-in is off."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:two_factor")
