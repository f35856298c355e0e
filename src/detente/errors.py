"""One exception tree. Every error has a code (E###) and says how to fix the problem."""

from __future__ import annotations


class DetenteError(Exception):
    """Base of all detente errors."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(DetenteError):
    """A document could not be read or is not usable text."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class TooLargeError(InputError):
    code = "E104"


class NotEnglishError(InputError):
    code = "E105"


class BadRecordError(InputError):
    """A JSON Lines record is malformed."""

    code = "E106"


class PublishedDateError(InputError):
    """A document's publication date that is not a date."""

    code = "E107"


class KnowledgeBaseError(DetenteError):
    """A knowledge-base or lexicon file is invalid."""

    code = "E200"


class StoreError(DetenteError):
    code = "E300"


class ScaleError(StoreError):
    """A Ray run (``detente scale``) that cannot start: Ray missing, bad options, no inputs, a bad output folder."""

    code = "E310"


class EvaluationError(DetenteError):
    code = "E400"


class CodingError(DetenteError):
    """A document was read but could not be coded."""

    code = "E500"


class DocumentTimeoutError(CodingError):
    """A document ran past the per-document time budget."""

    code = "E501"


class UsageProblem(DetenteError):
    """A command-line option or argument is wrong (E150-E199); the message says what to give instead."""

    code = "E150"


class BadStatusError(UsageProblem):
    code = "E151"


class BadNumberError(UsageProblem):
    code = "E152"


class BadDateError(UsageProblem):
    code = "E153"


class OutputPathError(UsageProblem):
    code = "E154"


class UnknownActorError(UsageProblem):
    code = "E155"


class MissingArgumentError(UsageProblem):
    code = "E156"


class BadTypeError(UsageProblem):
    code = "E157"


class ApiError(DetenteError):
    """An HTTP request to ``detente serve`` that cannot be answered (E600-E699); ``status`` is the HTTP status."""

    code = "E600"
    status = 400


class BadParameterError(ApiError):
    code = "E601"


class NotFoundError(ApiError):
    code = "E602"
    status = 404


class BodyTooLargeError(ApiError):
    code = "E603"
    status = 413


class BatchTooLargeError(ApiError):
    code = "E604"
    status = 413


class UnauthorizedError(ApiError):
    code = "E605"
    status = 401


class WritesDisabledError(ApiError):
    code = "E606"
    status = 403


class RequestTimeoutError(ApiError):
    code = "E607"
    status = 504


class BusyError(ApiError):
    code = "E608"
    status = 503
