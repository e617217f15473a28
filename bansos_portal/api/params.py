"""Query parameter types of /api/v1/. Each is checked before its view runs, is described in the OpenAPI
document by the same declaration, and is refused with an Indonesian sentence that says what is allowed."""

from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError, PydanticUseDefault

# pydantic's own words for these refusals are English and technical; ours go to integrators as they are.
REFUSAL = "api_parameter"


def refusal(message):
    # The message travels as context, never as the template: it may quote the refused value, braces too.
    return PydanticCustomError(REFUSAL, "{message}", {"message": message})


def whole_number(maximum=None):
    """A whole number from 1 (to `maximum`); empty means the parameter's default."""

    def parse(raw, info: ValidationInfo):
        if raw == "":
            raise PydanticUseDefault()
        # isascii: "²" and other Unicode digits pass isdigit() but not int(); nine digits at most stay
        # a number every database column takes.
        valid = raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) >= 1
        if not valid or (maximum and int(raw) > maximum):
            limit = f" sampai {maximum}" if maximum else " atau lebih"
            raise refusal(f"{info.field_name} harus bilangan bulat 1{limit}.")
        return int(raw)

    return Annotated[int, Field(ge=1, le=maximum), BeforeValidator(parse)]


def one_of(values):
    """One of `values`, written exactly; empty means the parameter's default."""

    def parse(raw, info: ValidationInfo):
        if raw == "":
            raise PydanticUseDefault()
        if raw not in values:
            raise refusal(f"{info.field_name} harus salah satu dari: {', '.join(values)}.")
        return raw

    return Annotated[str, WithJsonSchema({"type": "string", "enum": list(values)}), BeforeValidator(parse)]


def message(errors):
    """The sentence for the first refused parameter of a ninja ValidationError's errors."""
    first = errors[0]
    if first["type"] == REFUSAL:
        return first["msg"]
    name = first["loc"][-1]
    if first["type"] == "missing":
        return required(name)
    return f"Parameter {name} tidak sah."


def required(name):
    return f"Parameter {name} wajib diisi."
