"""Statements and an alliance's totals as CSV that Excel opens with Chinese intact: UTF-8
with a BOM, CRLF line ends, text cells guarded against formula injection, amounts as plain
numbers with two decimals."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from flask_babel import gettext as _

from ..patent_io.exporter import guard_formula
from .statements import PASSED_ON, RECEIVED, AllianceTotals, Statement


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return guard_formula(str(value))


def _csv(rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def kind_label(kind: str) -> str:
    return {RECEIVED: _("Received"), PASSED_ON: _("Passed on"),
            "reversal": _("Reversal")}.get(kind, kind)


def statement_csv(item: Statement, labels: dict[str, str]) -> bytes:
    """The statement: a heading block (account, period, opening), one row per line, then
    the closing balance."""
    rows = [
        [_("Account"), labels.get(item.account, item.account)],
        [_("Period"), f"{item.period.start.isoformat()} – {item.period.end.isoformat()}"],
        [_("Opening balance"), item.opening],
        [],
        [_("Posted"), _("Kind"), _("Licence"), _("Licensor"), _("Licensee"), _("Patents"),
         _("Payment received on"), _("Payment reference"), _("Payment amount"),
         _("From or to"), _("Amount")],
    ]
    for line in item.lines:
        source = line.source
        rows.append([
            line.first_posted.isoformat() if line.first_posted else "", kind_label(line.kind),
            _("Patent pool %(pool)s, allocation of %(period)s", pool=source.pool,
              period=source.period) if source.pool else source.licence_reference,
            source.licensor, source.licensee,
            "; ".join(source.patents),
            source.received_on.isoformat() if source.received_on else "", source.reference,
            source.amount, "; ".join(labels.get(a, a) for a in line.counterparts),
            line.amount])
    rows += [[], [_("Closing balance"), item.closing]]
    return _csv(rows)


def totals_csv(totals: AllianceTotals) -> bytes:
    """One row per member and year: organisation, USCC, year, income."""
    rows = [[_("Organisation"), _("Unified social credit code"), _("Year"), _("Income")]]
    for org, amounts in totals.rows:
        for year in totals.years:
            if year in amounts:
                rows.append([org.name, org.uscc, str(year), amounts[year]])
    return _csv(rows)
