from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from shanyraq.api import collection, library, newsletter, programs, search
from shanyraq.api.inputs import StrictJSONParser, field_errors

api = NinjaAPI(
    title="Shanyraq API",
    version="1",
    description="Collection, library, programs and search of the cultural center. Every refusal is a "
    "`Problem`: `detail` in the caller's language (Accept-Language), and `errors` per field.",
    urls_namespace="api",
    parser=StrictJSONParser(),
)


@api.exception_handler(ValidationError)
def django_validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": detail}, status=422
    )


@api.exception_handler(NinjaValidationError)
def input_validation_error(request, exc: NinjaValidationError):
    """400 for a bad query or path parameter, 422 for a bad body; messages in the caller's language."""
    body = any(error.get("loc", ("",))[0] == "body" for error in exc.errors)
    return api.create_response(
        request,
        {"detail": _("The request is not valid."), "errors": field_errors(exc.errors)},
        status=422 if body else 400,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = str(exc)
    if detail.startswith("Cannot parse request body"):
        detail = _("The request body is not valid JSON text.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


api.add_router("/search", search.router, tags=["search"])
api.add_router("/", collection.router, tags=["collection"])
api.add_router("/", library.router, tags=["library"])
api.add_router("/", programs.router, tags=["programs"])
api.add_router("/", newsletter.router, tags=["newsletter"])
