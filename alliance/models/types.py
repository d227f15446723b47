"""Column types and enum base shared by the models: UTC timestamps, money, labelled enums."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import DateTime, Enum, Numeric, TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend (SQLite stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


CENT = Decimal("0.01")
#: Numeric(14, 2) holds twelve digits before the point.
MONEY_LIMIT = Decimal("1000000000000")


def to_money(value) -> Decimal:
    """``value`` as an exact amount of yuan with two decimals.

    Accepts a Decimal, an int, or a decimal string ("1234.5"); refuses floats (already
    rounded in binary), fractions of a cent, NaN, infinities and amounts beyond
    Numeric(14, 2). Raises TypeError or ValueError.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("money must be a Decimal, an int or a decimal string, not a float")
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation as error:
            raise ValueError(f"not an amount of money: {value!r}") from error
    elif isinstance(value, int):
        value = Decimal(value)
    elif not isinstance(value, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError("money must be a finite amount")
    if value != value.quantize(CENT):
        raise ValueError(f"{value} has a fraction of a cent")
    if abs(value) >= MONEY_LIMIT:
        raise ValueError(f"{value} is beyond the largest amount stored")
    return value.quantize(CENT)


class Money(TypeDecorator):
    """Yuan as ``Numeric(14, 2)`` in the database and ``Decimal`` in Python, exact to the cent.

    Binding a float or a fraction of a cent raises instead of rounding silently. SQLite keeps
    NUMERIC values as 64-bit floats, which hold every 14-digit amount exactly; values are
    handed to it as strings and read back as Decimal quantised to the cent.
    """

    impl = Numeric(14, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            # asdecimal=False: no lossy float->Decimal warning from SQLAlchemy; we convert.
            return dialect.type_descriptor(Numeric(14, 2, asdecimal=False))
        return dialect.type_descriptor(Numeric(14, 2))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        amount = to_money(value)
        return str(amount) if dialect.name == "sqlite" else amount

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            return Decimal(repr(value)).quantize(CENT)
        return Decimal(value).quantize(CENT)


class RichEnum(enum.Enum):
    """An enum whose members carry a translated label.

    A subclass lists its labels once, by value, in ``__labels__`` (lazy strings), like
    Indico's ``RichEnum.__titles__``::

        class OrgStatus(RichEnum):
            __labels__ = {"pending": _l("Awaiting approval"), ...}
            PENDING = "pending"
    """

    __labels__: dict = {}

    @property
    def label(self):
        return self.__labels__.get(self.value, self.value)

    @classmethod
    def choices(cls, members=None) -> list[tuple[str, str]]:
        """(value, label) pairs for a select field, in definition order."""
        return [(member.value, member.label) for member in (members or cls)]

    @classmethod
    def labels(cls) -> dict[str, str]:
        """{value: label} translated now, once, e.g. for a page that shows many rows."""
        return {member.value: translated(member.label) for member in cls}


def translated(label) -> str:
    """A lazy_gettext string in the current language, through the app's fast catalogue
    lookup (alliance.i18n.current_translations) when it is a plain message."""
    args = getattr(label, "_args", None)
    if args and len(args) == 1 and not getattr(label, "_kwargs", None) \
            and isinstance(args[0], str):
        from ..i18n import current_translations

        return current_translations().ugettext(args[0])
    return str(label)


def enum_column(enum_cls: type[enum.Enum], length: int = 32) -> Enum:
    """Store an enum by its value as a short string, portable across SQLite and PostgreSQL."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
