"""State changes that cannot be lost to a concurrent request."""

from __future__ import annotations

from sqlalchemy import or_, update

from ..extensions import db


def compare_and_set(obj, column: str, expected, **values) -> bool:
    """Update ``obj``'s row only while ``column`` still holds one of ``expected``.

    One UPDATE ... WHERE id = :id AND column IN (:expected) (NULL-aware): of two concurrent requests
    that both saw the old state, exactly one wins. Returns whether this one did; on success
    ``obj`` is refreshed from the database.
    """
    model = type(obj)
    allowed = list(expected) if isinstance(expected, list | tuple | set) else [expected]
    field = getattr(model, column)
    still_expected = or_(*[field.is_(None) if value is None else field == value
                           for value in allowed])
    result = db.session.execute(
        update(model)
        .where(model.id == obj.id, still_expected)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    won = result.rowcount == 1
    if won:
        db.session.refresh(obj)
    return won
