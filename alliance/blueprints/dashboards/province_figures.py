"""The province dashboard's figures: each alliance's and the total's progress toward the
targets, and the yearly totals."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ...i18n import format_number
from ...services.province import ORIGINAL_WORDING
from .charts import PALETTE, Bar, bar_chart
from .figures import Cell, Figure, _n


def _percent(value) -> str:
    return "—" if value is None else f"{format_number(value)}%"


def _progress_text(item) -> str:
    if item.progress is None:
        return _("%(measured)s, no baseline", measured=format_number(item.measured))
    return _("%(measured)s of %(target)s (%(percent)s)", measured=format_number(item.measured),
             target=format_number(item.target), percent=_percent(item.progress))


def progress_figure(metric: str, title: str, alliances, data: dict, targets) -> Figure:
    rows, bars = [], []
    measured_year = data["measured_year"]
    entries = [(a, data["rows"][a.id][metric]) for a in alliances]
    entries.append((None, data["rows"][None][metric]))
    top = max([100.0] + [float(item.progress) for _a, item in entries
                         if item.progress is not None])
    for alliance, item in entries:
        name = alliance.name if alliance is not None else _("All alliances (each patent once)")
        link = url_for("dashboards.alliance", code=alliance.code) if alliance else None
        now_link = None
        if metric == "inventions" and alliance is not None:
            now_link = url_for("patents.index", alliance=alliance.code, kind="invention",
                               status="granted")
        rows.append([Cell(name, link), _n(item.baseline), _n(item.target), _n(item.measured),
                     Cell(_percent(item.progress), raw=item.progress), _n(item.gap),
                     Cell(format_number(item.now), now_link, raw=item.now)])
        bars.append(Bar(name, [(float(item.progress or 0), PALETTE[0 if alliance else 5],
                                name)], _progress_text(item), link))
    columns = [_("Alliance"), _("%(year)s (baseline)", year=targets.baseline_year),
               _("Target for %(year)s", year=targets.target_year),
               _("%(year)s (measured)", year=measured_year), _("Progress"), _("Gap"),
               _("In force now") if metric == "inventions"
               else _("%(year)s so far", year=data["this_year"])]
    figure = Figure(metric, title, columns, rows, bar_chart(bars, scale_to=top))
    figure.note = _("Target: the %(baseline)s level × %(multiplier)s by %(target)s "
                    "(original wording: %(wording)s).", baseline=targets.baseline_year,
                    multiplier=format_number(targets.multiplier), target=targets.target_year,
                    wording=ORIGINAL_WORDING)
    return figure


def series_figure(data: dict) -> Figure:
    rows = [[Cell(str(year), raw=year), _n(item["inventions"]), _n(item["pct"])]
            for year, item in data["series"].items()]
    return Figure("series", _("All alliances by year"),
                  [_("Year"), _("Invention patents owned at the year's end"),
                   _("PCT applications filed in the year")], rows)


def province_figures(alliances, data: dict, targets) -> list[Figure]:
    return [progress_figure("inventions", _("Invention patents owned"), alliances, data,
                            targets),
            progress_figure("pct", _("PCT applications"), alliances, data, targets),
            series_figure(data)]
