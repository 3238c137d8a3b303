"""The public registration form (phone-friendly, with an invisible honeypot field against bots) and
the staff's program form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shanyraq.core.language_tabs import LanguageTabsMixin, add_language_tabs
from shanyraq.core.languages import LanguageSelect
from shanyraq.core.optin import optin_field
from shanyraq.programs.models import Program
from shanyraq.programs.services.public import ChildInput, Submission

MAX_CHILDREN = 4


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    birth_date = forms.DateField(
        label=_("Your birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Needed only when the program has an age limit."),
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "I am the guardian of the children below and agree that the center keeps their names and birth "
            "dates for this registration."
        ),
        required=False,
    )
    together = forms.TypedChoiceField(
        label=_("If there are not enough seats for all the children"),
        choices=[
            ("1", _("Keep them together: all get seats, or all wait on the waiting list together")),
            ("0", _("Give seats to as many as possible now; the others wait")),
        ],
        coerce=lambda v: v == "1",
        initial="1",
        required=False,
        empty_value=True,
        widget=forms.RadioSelect,
    )
    group_name = forms.CharField(label=_("School and class"), max_length=200, required=False)
    seats = forms.IntegerField(
        label=_("Number of pupils and accompanying adults"),
        min_value=1,
        max_value=1000,
        initial=1,
        required=False,
    )
    # Opt-in only: ticking it asks the newsletter to send a confirmation e-mail (double opt-in).
    newsletter = optin_field()
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(label=_("Leave this empty"), max_length=200, required=False)

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A children's program: the form asks for the children first, and not the guardian's birth date.
        self.for_children = program is not None and program.max_age is not None and program.max_age < 18
        if self.for_children:
            del self.fields["birth_date"]
        for i in range(1, MAX_CHILDREN + 1):
            self.fields[f"child_{i}_name"] = forms.CharField(
                label=_("Child %(n)s: name") % {"n": i}, max_length=200, required=False
            )
            self.fields[f"child_{i}_birth_date"] = forms.DateField(
                label=_("Child %(n)s: birth date") % {"n": i},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
        if program is not None and not program.allow_groups:
            del self.fields["group_name"]
            del self.fields["seats"]

    @property
    def child_rows(self):
        return [(self[f"child_{i}_name"], self[f"child_{i}_birth_date"]) for i in range(1, MAX_CHILDREN + 1)]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def submission(self, language: str) -> Submission:
        d = self.cleaned_data
        children = [
            ChildInput(name=d[f"child_{i}_name"], birth_date=d[f"child_{i}_birth_date"])
            for i in range(1, MAX_CHILDREN + 1)
            if d.get(f"child_{i}_name") or d.get(f"child_{i}_birth_date")
        ]
        return Submission(
            name=d["name"],
            email=d["email"],
            phone=d["phone"],
            language=language,
            birth_date=d.get("birth_date"),
            children=children,
            guardian_consent=d["guardian_consent"],
            group_name=d.get("group_name") or "",
            seats=d.get("seats") or 1,
            together=d.get("together", True) is not False,
        )


PROGRAM_TEXTS = {
    "title": (_("Title"), forms.CharField, {"max_length": 200}),
    "description": (_("Description"), forms.CharField, {"widget": forms.Textarea(attrs={"rows": 6})}),
}


class ProgramForm(LanguageTabsMixin, forms.ModelForm):
    """Everything about a program but its sessions, on one page, the texts on one tab per language.
    Cleans the input only: the change itself goes through `program_update`."""

    class Meta:
        model = Program
        fields = [
            "kind",
            "level",
            "language",
            "min_age",
            "max_age",
            "price",
            "capacity",
            "registration_opens",
            "registration_closes",
            "max_per_booker",
            "allow_groups",
            "max_group_size",
            "is_published",
        ]
        widgets = {
            "language": LanguageSelect,
            "registration_opens": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_closes": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_language_tabs(self, PROGRAM_TEXTS)
        if self.instance.pk and not self.is_bound:
            for name in self.fields:
                if name.startswith(("title_", "description_")):
                    self.initial[name] = getattr(self.instance, name, "") or ""

    def _post_clean(self):
        """No model validation here (it would write the texts onto the instance): the service checks."""

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
