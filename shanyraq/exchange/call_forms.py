"""The coordinator's call form: texts on one tab per language, eligibility, criteria, the panel,
and a list of questions (a formset: blank rows add a question, a ticked box removes one).
The forms check the shape; services.call_editing decides (and reports every problem at once)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from shanyraq.exchange.forms import language_choices
from shanyraq.exchange.models import Call, Question
from shanyraq.exchange.services.call_editing import SUFFIXES
from shanyraq.exchange.vocab import LEVELS

LANGUAGE_ROWS = 3
TEXTS = {
    "title": (_("Title"), {"max_length": 200}),
    "description": (_("Description"), {"widget": forms.Textarea(attrs={"rows": 6})}),
}


def _language_label(label, code: str) -> str:
    return f"{label} ({get_language_info(code)['name_translated']})"


class CallForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000)
    min_age = forms.IntegerField(label=_("Youngest age"), min_value=14, max_value=30, initial=14)
    max_age = forms.IntegerField(label=_("Oldest age"), min_value=14, max_value=30, initial=30)
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        max_length=300,
        help_text=_("Two-letter codes separated by commas, e.g. KZ, CN. Empty: any country."),
    )
    panel = forms.ModelMultipleChoiceField(
        label=_("Review panel"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = (
            get_user_model().objects.filter(groups__name="reviewer", is_active=True).order_by("username")
        )
        self.fields["panel"].label_from_instance = lambda user: str(getattr(user, "person", None) or user)
        for i in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{i}"] = forms.ChoiceField(
                label=_("Language required"), choices=language_choices(), required=False
            )
            self.fields[f"language_{i}_level"] = forms.TypedChoiceField(
                label=_("At least"), choices=LEVELS, coerce=int, required=False, initial=1
            )
        self.tabs = []
        for code, _name in settings.LANGUAGES:
            names = []
            for field, (label, options) in TEXTS.items():
                options = dict(options)
                widget = options.pop("widget", None) or forms.TextInput()
                widget.attrs["lang"] = code
                name = f"{field}_{SUFFIXES[code]}"
                self.fields[name] = forms.CharField(label=label, required=False, widget=widget, **options)
                names.append(name)
            self.tabs.append((code, get_language_info(code)["name_local"], names))

    def tab_fields(self):
        """(code, language name, bound fields, has errors) per language tab, for the template."""
        for code, name, names in self.tabs:
            bound = [self[n] for n in names]
            yield code, name, bound, any(b.errors for b in bound)

    def language_rows(self):
        return [(self[f"language_{i}"], self[f"language_{i}_level"]) for i in range(1, LANGUAGE_ROWS + 1)]

    def clean_countries(self):
        return [c.strip() for c in self.cleaned_data["countries"].replace(";", ",").split(",") if c.strip()]

    def data_for_service(self) -> dict:
        cd = self.cleaned_data
        languages = [
            {"language": cd[f"language_{i}"], "level": cd.get(f"language_{i}_level") or 1}
            for i in range(1, LANGUAGE_ROWS + 1)
            if cd.get(f"language_{i}")
        ]
        return {
            **{field: {code: cd.get(f"{field}_{s}", "") for code, s in SUFFIXES.items()} for field in TEXTS},
            "deadline": cd["deadline"],
            "places": cd["places"],
            "min_age": cd["min_age"],
            "max_age": cd["max_age"],
            "languages": languages,
            "countries": cd["countries"],
            "panel": list(cd["panel"]),
        }

    @staticmethod
    def initial_for(call: Call) -> dict:
        initial = {
            "deadline": call.deadline,
            "places": call.places,
            "min_age": call.min_age,
            "max_age": call.max_age,
            "countries": ", ".join(call.countries),
            "panel": list(call.panel.all()),
        }
        for field in TEXTS:
            for s in SUFFIXES.values():
                initial[f"{field}_{s}"] = getattr(call, f"{field}_{s}")
        for i, need in enumerate(call.languages[:LANGUAGE_ROWS], start=1):
            initial[f"language_{i}"] = need["language"]
            initial[f"language_{i}_level"] = need["level"]
        return initial


class CriterionForm(forms.Form):
    """One criterion reviewers score: a short code (the key of the scores), its top score, and its
    name in each language (what reviewers read; the code when none is given)."""

    code = forms.CharField(
        label=_("Short code"), max_length=40, required=False, help_text=_("Latin letters, e.g. motivation")
    )
    max = forms.IntegerField(label=_("Top score"), min_value=1, max_value=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"label_{SUFFIXES[code]}"] = forms.CharField(
                label=_language_label(_("Name"), code),
                max_length=100,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )

    def labels(self):
        return [self[f"label_{s}"] for s in SUFFIXES.values()]

    def clean(self):
        cd = super().clean()
        if (cd.get("code") or any(cd.get(f"label_{s}") for s in SUFFIXES.values())) and not cd.get("max"):
            self.add_error("max", _("Give the top score."))
        return cd

    def item(self) -> dict | None:
        """The criterion for the service; None for a blank row or a row ticked for removal."""
        cd = self.cleaned_data
        if not cd or cd.get("DELETE") or not (cd.get("code") or cd.get("max")):
            return None
        return {
            "code": cd.get("code", ""),
            "max": cd.get("max"),
            "label": {code: cd.get(f"label_{s}", "") for code, s in SUFFIXES.items()},
        }

    @staticmethod
    def initial_for(criterion: dict) -> dict:
        labels = criterion.get("label") or {}
        return {
            "code": criterion["code"],
            "max": criterion["max"],
            **{f"label_{s}": labels.get(code, "") for code, s in SUFFIXES.items()},
        }


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=20, absolute_max=30)


class QuestionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Question.Kind.choices], required=False)
    choices = forms.CharField(
        label=_("Answers to choose from, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"label_{SUFFIXES[code]}"] = forms.CharField(
                label=_language_label(_("Question"), code),
                max_length=300,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )

    def labels(self):
        return [self[f"label_{s}"] for s in SUFFIXES.values()]

    def item(self) -> dict | None:
        """The question for the service; None for a blank row or a row ticked for removal."""
        cd = self.cleaned_data
        if (
            not cd
            or cd.get("DELETE")
            or not (cd.get("kind") or any(cd.get(f"label_{s}") for s in SUFFIXES.values()))
        ):
            return None
        return {
            "id": cd.get("id"),
            "kind": cd.get("kind"),
            "label": {code: cd.get(f"label_{s}", "") for code, s in SUFFIXES.items()},
            "choices": cd.get("choices", "").splitlines(),
            "required": cd.get("required", False),
        }

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {
            "id": question.pk,
            "kind": question.kind,
            "choices": "\n".join(question.choices),
            "required": question.required,
            **{f"label_{s}": getattr(question, f"label_{s}") for s in SUFFIXES.values()},
        }


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=30, absolute_max=40)
