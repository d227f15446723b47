"""The errors of the patent file layer: one per field, all of a row, or one for the file."""

from __future__ import annotations

from alliance.validators import ValidationError


class FieldError(ValidationError):
    """A ``ValidationError`` about one canonical field of a row (``field``, e.g. ``"ipc"``)."""

    def __init__(self, field: str, template: str, params: dict | None = None) -> None:
        self.field = field
        super().__init__(template, params)

    def __reduce__(self):
        return (self.__class__, (self.field, self.template, self.params))

    @classmethod
    def wrap(cls, field: str, error: ValidationError) -> FieldError:
        """The validator's ``error`` attributed to ``field``."""
        return cls(field, error.template, error.params)


class RowErrors(ValueError):
    """Every problem found in one row: ``errors`` is a list of :class:`FieldError`."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    def __reduce__(self):
        return (self.__class__, (self.errors,))


class FileError(ValidationError):
    """The file as a whole cannot be read (encoding, format, headers, size)."""
