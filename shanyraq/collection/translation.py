from modeltranslation.translator import TranslationOptions, register

from shanyraq.collection.models import Artifact, ArtifactImage, Exhibition, ExhibitionArtifact, Term


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("name",)


@register(Artifact)
class ArtifactTranslation(TranslationOptions):
    fields = (
        "object_name",
        "title",
        "description",
        "label_text",
        "display_date",
        "culture",
        "place_of_origin",
        "credit_line",
    )


@register(Exhibition)
class ExhibitionTranslation(TranslationOptions):
    fields = ("title", "summary", "text")


@register(ExhibitionArtifact)
class ExhibitionArtifactTranslation(TranslationOptions):
    fields = ("label",)


@register(ArtifactImage)
class ArtifactImageTranslation(TranslationOptions):
    fields = ("alt", "credit")
