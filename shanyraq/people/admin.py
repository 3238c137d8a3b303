"""People in the back office. Which login a person has (`user`) is read-only for every role:
whoever controls the login reads and erases the person's data. A director changes it on the
person's own "Change login" page, which calls `services.person_login_link` (audited)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from shanyraq.core.admin import GuardedModelAdmin, SensitiveFieldsMixin
from shanyraq.core.services import audit_record
from shanyraq.people.models import Consent, Person
from shanyraq.people.services import person_login_link

LOGIN_FIELDS = ["user"]


class ConsentInline(SensitiveFieldsMixin, admin.TabularInline):
    model = Consent
    fk_name = "person"
    extra = 0
    readonly_fields = ["kind", "granted", "text_version", "given_by", "recorded_by", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class LoginLinkForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Login (user name)"),
        required=False,
        help_text=gettext_lazy("Leave empty to remove the login."),
    )
    reason = forms.CharField(label=pgettext_lazy("login change", "Reason"), max_length=500)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise ValidationError(_("No login with this user name."))


@admin.register(Person)
class PersonAdmin(GuardedModelAdmin):
    list_display = ["name", "language", "email", "birth_date", "guardian"]
    search_fields = ["name", "email"]
    list_filter = ["language"]
    raw_id_fields = ["guardian"]
    readonly_fields = LOGIN_FIELDS
    inlines = [ConsentInline]

    def get_readonly_fields(self, request, obj=None):
        """A person with a login: their e-mail is where password-reset links go, so changing it
        would hand over the login. Only a director (who may move logins, audited) changes it."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.user_id and not request.user.has_perm("people.link_login"):
            fields.append("email")
        return fields

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = "person.update" if change else "person.create"
            audit_record(
                actor=request.user, action=action, target=obj, changed=sorted(form.changed_data), via="admin"
            )

    def get_urls(self):
        view = self.admin_site.admin_view(self.login_link_view)
        return [path("<int:object_id>/login/", view, name="people_person_login"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_link_login": request.user.has_perm("people.link_login"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def login_link_view(self, request, object_id: int):
        if not request.user.has_perm("people.link_login"):
            raise PermissionDenied
        person = get_object_or_404(Person, pk=object_id)
        form = LoginLinkForm(request.POST or None, initial={"username": getattr(person.user, "username", "")})
        if request.method == "POST" and form.is_valid():
            try:
                person_login_link(
                    actor=request.user,
                    person=person,
                    user=form.cleaned_data["username"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error("username" if field == "user" else field, errors)
            else:
                person.refresh_from_db()
                if person.user_id:
                    text = _("The login of %(name)s is now %(login)s.") % {
                        "name": person.name,
                        "login": person.user.get_username(),
                    }
                else:
                    text = _("%(name)s has no login now.") % {"name": person.name}
                messages.success(request, text)
                return redirect(reverse("admin:people_person_change", args=[person.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change login"),
            "opts": self.model._meta,
            "original": person,
            "form": form,
        }
        return TemplateResponse(request, "admin/people/person/login_link.html", context)
