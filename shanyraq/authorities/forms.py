from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shanyraq.authorities.models import Authority
from shanyraq.authorities.services import AuthorityData, VariantData

SEPARATOR = "|"


class AuthorityForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Authority.Kind.choices)
    name_zh_hans = forms.CharField(label=_("Preferred name in Chinese"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Preferred name in English"), max_length=300, required=False)
    name_kk = forms.CharField(label=_("Preferred name in Kazakh"), max_length=300, required=False)
    name_ru = forms.CharField(label=_("Preferred name in Russian"), max_length=300, required=False)
    dates = forms.CharField(label=_("dates"), max_length=100, required=False)
    note_en = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    variants = forms.CharField(
        label=_("Variant forms"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("One form a line; after a | the source, e.g. «Abay Kunanbayev | LCNAF»."),
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{x}") for x in ("zh_hans", "en", "kk", "ru")):
            raise ValidationError(_("Give the preferred name in at least one language."))
        return data

    @staticmethod
    def initial_for(authority: Authority) -> dict:
        initial = {
            f: getattr(authority, f)
            for f in ("kind", "name_zh_hans", "name_en", "name_kk", "name_ru", "dates", "note_en")
        }
        initial["variants"] = "\n".join(
            f"{v.text} {SEPARATOR} {v.source}" if v.source else v.text for v in authority.variants.all()
        )
        return initial

    def to_data(self, control_number: str = "") -> AuthorityData:
        d = self.cleaned_data
        variants = []
        for line in d["variants"].splitlines():
            text, _sep, source = line.partition(SEPARATOR)
            if text.strip():
                variants.append(VariantData(text.strip(), source.strip()))
        return AuthorityData(
            kind=d["kind"],
            names={x: d[f"name_{x}"] for x in ("zh_hans", "en", "kk", "ru")},
            dates=d["dates"],
            notes={"en": d["note_en"]},
            control_number=control_number,
            variants=variants,
        )


class LinkForm(forms.Form):
    """Link one library record, artifact or program to the authority."""

    TARGETS = [
        ("record", _("Library record (number)")),
        ("artifact", _("Artifact (accession number)")),
        ("program", _("Program (number)")),
    ]
    ROLES = [
        ("author", pgettext_lazy("authority link", "Author")),
        ("contributor", pgettext_lazy("authority link", "Contributor")),
        ("maker", pgettext_lazy("authority link", "Maker")),
        ("place", pgettext_lazy("authority link", "Place")),
        ("performer", pgettext_lazy("authority link", "Performer")),
        ("subject", pgettext_lazy("authority link", "Subject")),
    ]
    target = forms.ChoiceField(label=_("Link to"), choices=TARGETS)
    identifier = forms.CharField(label=_("Number"), max_length=60)
    role = forms.ChoiceField(label=_("role"), choices=ROLES)
