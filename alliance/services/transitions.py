"""One way to change the state of a record: check the rule, compare-and-set, audit.

Every workflow with states (registrations, join requests, and those to come: licence
requests, licences, agreements, ledger runs) declares a ``Workflow``, a table of allowed
``Move`` values, and runs them with ``Workflow.run``. ``transition`` is the step underneath,
for a move with no permission rule of its own (a system job, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import FunctionType
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import InstrumentedAttribute

from ..extensions import db
from . import Conflict, ServiceError
from .audit import record, snapshot


def compare_and_set(obj, column: InstrumentedAttribute, expected, **values) -> bool:
    """Update ``obj``'s row only while ``column`` still holds one of ``expected``.

    One ``UPDATE ... WHERE id = :id AND column IN (:expected)`` (NULL-aware): of two
    concurrent requests that both saw the old state, exactly one wins. Returns whether this
    one did; on success ``obj`` is refreshed from the database.
    """
    model = type(obj)
    allowed = list(expected) if isinstance(expected, list | tuple | set | frozenset) \
        else [expected]
    still_expected = or_(*[column.is_(None) if value is None else column == value
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


def transition(obj, column: InstrumentedAttribute, sources, target, actor, *, action: str,
               fields: Iterable[str], conflict, **values):
    """Move ``obj`` from one of ``sources`` to ``target`` (setting ``values`` too) and write
    the audit event ``action`` with the ``fields`` before and after.

    Raises ``Conflict(conflict)`` when the row has left ``sources`` (a concurrent request
    moved it first); nothing is written then.
    """
    fields = list(fields)
    before = snapshot(obj, fields)
    if not compare_and_set(obj, column, sources, **{column.key: target}, **values):
        raise Conflict(conflict)
    record(actor, action, obj, before, snapshot(obj, fields))
    return obj


Rule = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Move:
    """One allowed move of a state machine.

    ``rule(obj, actor)`` is the model's permission (``Membership.is_decider``...): who may
    make the move, whatever the current state; the state itself is checked by the
    compare-and-set, so a move made twice answers 409, not 403. ``refused`` is the message
    for a refused actor, or a function ``(obj, actor) -> message`` when it depends on why.
    """

    action: str
    sources: tuple
    target: Any
    rule: Rule
    refused: Any
    conflict: Any

    def refusal(self, obj, actor):
        return self.refused(obj, actor) if isinstance(self.refused, FunctionType) \
            else self.refused


@dataclass(frozen=True)
class Workflow:
    """A state machine: its state column, the fields its audit events record, and the table
    of its allowed moves by name."""

    column: InstrumentedAttribute
    fields: tuple[str, ...]
    moves: dict[str, Move]

    def permit(self, name: str, obj, actor) -> Move:
        """The move ``name``, if ``actor`` may make it; else ServiceError (403)."""
        move = self.moves[name]
        if not move.rule(obj, actor):
            raise ServiceError(move.refusal(obj, actor), 403)
        return move

    def run(self, name: str, obj, actor, **values):
        """Make move ``name`` on ``obj`` as ``actor``: 403 when the rule refuses the actor,
        409 when the row is no longer in a source state; otherwise moved and audited."""
        move = self.permit(name, obj, actor)
        return transition(obj, self.column, move.sources, move.target, actor,
                          action=move.action, fields=self.fields, conflict=move.conflict,
                          **values)
