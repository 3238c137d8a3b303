from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from shanyraq.api import collection, library, programs, search

api = NinjaAPI(
    title="Shanyraq API",
    version="1",
    description="Collection, library, programs and search of the cultural center.",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def django_validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": detail}, status=422
    )


@api.exception_handler(NinjaValidationError)
def input_validation_error(request, exc: NinjaValidationError):
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422
    )


api.add_router("/search", search.router, tags=["search"])
api.add_router("/", collection.router, tags=["collection"])
api.add_router("/", library.router, tags=["library"])
api.add_router("/", programs.router, tags=["programs"])
