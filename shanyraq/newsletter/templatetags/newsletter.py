"""`{% newsletter_signup_form as form %}`: the footer's sign-up form on every page, pre-set to the
page's language and every topic."""

from django import template

from shanyraq.core import languages
from shanyraq.newsletter.forms import CONSENT_TEXT, SignupForm
from shanyraq.newsletter.models import Topic

register = template.Library()


@register.simple_tag
def newsletter_signup_form():
    return SignupForm(
        initial={"language": languages.current(), "topics": list(Topic.values)}, auto_id="nl_%s"
    )


@register.simple_tag
def newsletter_consent_text():
    return CONSENT_TEXT
