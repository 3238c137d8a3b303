"""Member-facing forms: they parse and check the shape; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from shanyraq.core.optin import optin_field
from shanyraq.exchange.models import Member, Post, Report
from shanyraq.exchange.vocab import INTERESTS, LANGUAGES, LEVELS, language_name

DAYS = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
]  # fmt: skip
PARTS = [
    ("morning", pgettext_lazy("time of day", "morning"), "08:00", "12:00"),
    ("afternoon", pgettext_lazy("time of day", "afternoon"), "12:00", "17:00"),
    ("evening", pgettext_lazy("time of day", "evening"), "17:00", "21:00"),
]
# Lazy: the labels are put together in the reader's language, not at import time.
SLOTS = [
    (f"{d}-{code}", format_lazy("{} {}", day, label)) for d, day in DAYS for code, label, _s, _e in PARTS
]
LANGUAGE_ROWS = 2


def language_choices():
    from django.utils.translation import get_language

    return [("", "—")] + [(c, language_name(c, get_language() or "en")) for c in LANGUAGES]


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("First name shown to partners"), max_length=60)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country (two letters, e.g. KZ, CN)"), max_length=2, min_length=2)
    school = forms.CharField(label=_("School or university"), max_length=200, required=False)
    interests = forms.MultipleChoiceField(
        label=_("Interests"), choices=INTERESTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you free?"), choices=SLOTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    meeting = forms.ChoiceField(label=_("How would you like to meet?"), choices=Member.Meeting.choices)
    shares = forms.MultipleChoiceField(
        label=_("What may your tandem partners see?"),
        choices=Member.SHARE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your first name and your languages are always shown."),
    )
    discoverable = forms.BooleanField(label=_("Suggest me to other members"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for direction, label in (("speaks", _("I speak")), ("learns", _("I am learning"))):
            for i in range(1, LANGUAGE_ROWS + 1):
                self.fields[f"{direction}_{i}"] = forms.ChoiceField(
                    label=label, choices=language_choices(), required=(i == 1)
                )
                self.fields[f"{direction}_{i}_level"] = forms.TypedChoiceField(
                    label=_("Level"), choices=LEVELS, coerce=int, required=False, initial=3
                )

    def profile(self) -> dict:
        """The cleaned form in the shape services.members expects."""
        data = self.cleaned_data
        langs = []
        for direction in ("speaks", "learns"):
            for i in range(1, LANGUAGE_ROWS + 1):
                code = data.get(f"{direction}_{i}")
                if code:
                    langs.append(
                        {
                            "language": code,
                            "direction": direction,
                            "level": data.get(f"{direction}_{i}_level") or 3,
                        }
                    )
        parts = {code: (start, end) for code, _label, start, end in PARTS}
        availability = []
        for slot in data.get("availability") or []:
            day, part = slot.split("-")
            start, end = parts[part]
            availability.append({"day": int(day), "start": start, "end": end})
        return {
            "display_name": data.get("display_name", ""),
            "city": data["city"],
            "country": data["country"],
            "school": data.get("school", ""),
            "interests": data.get("interests") or [],
            "availability": availability,
            "meeting": data["meeting"],
            "shares": data.get("shares") or [],
            "discoverable": data.get("discoverable", False),
            "languages": langs,
        }

    @staticmethod
    def initial_for(member: Member) -> dict:
        initial = {
            "display_name": member.display_name,
            "city": member.city,
            "country": member.country,
            "school": member.school,
            "interests": member.interests,
            "meeting": member.meeting,
            "shares": member.shares,
            "discoverable": member.discoverable,
        }
        parts = {(start, end): code for code, _label, start, end in PARTS}
        initial["availability"] = [
            f"{r['day']}-{parts[(r['start'], r['end'])]}"
            for r in member.availability
            if (r["start"], r["end"]) in parts
        ]
        counters = {"speaks": 0, "learns": 0}
        for lang in member.languages.all():
            counters[lang.direction] += 1
            i = counters[lang.direction]
            if i <= LANGUAGE_ROWS:
                initial[f"{lang.direction}_{i}"] = lang.language
                initial[f"{lang.direction}_{i}_level"] = lang.level
        return initial


class JoinForm(ProfileForm):
    name = forms.CharField(label=_("Full name"), max_length=200)
    newsletter = optin_field()
    name_other = forms.CharField(
        label=_("Your name in another script (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example 阿依达 or Айгерім."),
    )
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=8)
    birth_date = forms.DateField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    guardian_email = forms.EmailField(
        label=_("Parent's or guardian's e-mail (if you are under 18)"), required=False
    )

    field_order = ["name", "name_other", "display_name", "email", "password", "birth_date", "guardian_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletter"] = self.fields.pop("newsletter")  # last, after the member's own data

    def join_data(self) -> dict:
        data = self.profile()
        cd = self.cleaned_data
        data.update(
            name=cd["name"],
            email=cd["email"],
            birth_date=cd["birth_date"],
            guardian_email=cd.get("guardian_email", ""),
            other_names=[{"script": "", "text": cd["name_other"]}] if cd.get("name_other") else [],
        )
        return data


class GuardianForm(forms.Form):
    guardian_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    photos = forms.BooleanField(
        label=_("Photos showing my child's face may be published on the showcase"), required=False
    )
    full_name = forms.BooleanField(
        label=_("My child's full name may be shown on the showcase"), required=False
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Report.Reason.choices)
    details = forms.CharField(label=_("Details (optional)"), max_length=500, required=False)


class MeetingForm(forms.Form):
    space = forms.TypedChoiceField(label=_("Room"), coerce=int)
    start = forms.DateTimeField(
        label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.TypedChoiceField(
        label=_("Length"), coerce=int, choices=[(60, "60"), (90, "90"), (120, "120")]
    )

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [(s.pk, str(s)) for s in spaces]


LANG_FIELDS = [("zh-hans", "中文"), ("en", "English"), ("kk", "Қазақша"), ("ru", "Русский")]


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Post.Kind.choices)
    image = forms.FileField(label=_("Image (optional)"), required=False)
    alt = forms.CharField(
        label=_("What the image shows (for people who cannot see it)"), max_length=300, required=False
    )
    shows_face = forms.BooleanField(label=_("The image shows someone's face"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in LANG_FIELDS:
            key = code.replace("-", "_")
            self.fields[f"title_{key}"] = forms.CharField(
                label=f"{_('Title')} ({get_language_info(code)['name_translated']})",
                max_length=200,
                required=False,
            )
            self.fields[f"body_{key}"] = forms.CharField(
                label=f"{_('Text')} ({get_language_info(code)['name_translated']})",
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
            )

    def texts(self) -> dict:
        cd = self.cleaned_data
        return {
            code: {
                "title": cd.get(f"title_{code.replace('-', '_')}", ""),
                "body": cd.get(f"body_{code.replace('-', '_')}", ""),
            }
            for code, _name in LANG_FIELDS
        }


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Approve")),
            ("hide", _("Hide")),
            ("restore", _("Restore")),
            ("delete", _("Delete")),
        ]
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
