from modeltranslation.translator import TranslationOptions, register

from shanyraq.exchange.models import Call, Post, PostImage, Question


@register(Post)
class PostTranslation(TranslationOptions):
    """A member writes in one or more of the four languages; the page marks a fallback with `lang`."""

    fields = ("title", "body")


@register(PostImage)
class PostImageTranslation(TranslationOptions):
    fields = ("alt",)


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("label",)
