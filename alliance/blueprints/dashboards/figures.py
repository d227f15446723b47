"""The alliance dashboard's figures from its counts: a chart, a table of the same numbers
and links to the records behind them, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _

from ...i18n import format_number
from ...models import ListingStatus, PatentKind, PatentStatus, Sector
from ...services.dashboards import REQUEST_OUTCOMES
from .charts import PALETTE, Bar, bar_chart, single


@dataclass
class Cell:
    text: str
    link: str | None = None
    raw: object = None  # the value written to the CSV (the text when None)


@dataclass
class Figure:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: dict | None = None
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, name)
    note: str = ""
    link: tuple[str, str] | None = None  # (url, label): all the records behind it
    stat: Cell | None = None  # a single headline number instead of a chart


def _n(value) -> Cell:
    return Cell(format_number(value), raw=value)


SECTOR_COLOURS = dict(zip(Sector, PALETTE, strict=False))
REQUEST_LABELS = {"open": lambda: _("Open (submitted, under review, countered, accepted)"),
                  "licensed": lambda: _("Licensed"), "rejected": lambda: _("Rejected"),
                  "withdrawn": lambda: _("Withdrawn"), "expired": lambda: _("Expired")}


def members_figure(alliance, counts: dict) -> Figure:
    rows, bars = [], []
    for sector in Sector:
        count = counts.get(sector, 0)
        link = url_for("alliances.detail", code=alliance.code, sector=sector.value)
        rows.append([Cell(str(sector.label), link), _n(count)])
        bars.append(single(str(sector.label), count, format_number(count), link,
                           SECTOR_COLOURS[sector]))
    return Figure("members", _("Members by sector"), [_("Sector"), _("Members")], rows,
                  bar_chart(bars), link=(url_for("alliances.detail", code=alliance.code),
                                         _("Member list")))


def trend_figure(trend: dict) -> Figure:
    sectors = [s for s in Sector if any(year.get(s) for year in trend.values())]
    rows, bars = [], []
    for year, counts in trend.items():
        total = sum(counts.values())
        rows.append([Cell(str(year), raw=year), *(_n(counts.get(s, 0)) for s in sectors),
                     _n(total)])
        bars.append(Bar(str(year), [(counts.get(s, 0), SECTOR_COLOURS[s], str(s.label))
                                    for s in sectors], format_number(total)))
    return Figure("trend", _("Members over the years"),
                  [_("Year"), *(str(s.label) for s in sectors), _("Total")], rows,
                  bar_chart(bars), [(SECTOR_COLOURS[s], str(s.label)) for s in sectors],
                  note=_("Today's members counted from the year each joined (approved)."))


def patents_figure(alliance, counts: dict) -> Figure:
    rows, bars = [], []
    for (kind, status), count in sorted(
            counts.items(), key=lambda item: (list(PatentKind).index(item[0][0]),
                                              list(PatentStatus).index(item[0][1]))):
        link = url_for("patents.index", alliance=alliance.code, kind=kind.value,
                       status=status.value)
        label = f"{kind.label} · {status.label}"
        rows.append([Cell(str(kind.label), link), Cell(str(status.label)), _n(count)])
        bars.append(single(label, count, format_number(count), link,
                           PALETTE[list(PatentKind).index(kind)]))
    return Figure("patents", _("Patents by kind and status"),
                  [_("Kind"), _("Status"), _("Patents")], rows, bar_chart(bars),
                  link=(url_for("patents.index", alliance=alliance.code), _("Patent catalogue")))


def inventions_figure(alliance, count: int) -> Figure:
    link = url_for("patents.index", alliance=alliance.code, kind="invention", status="granted")
    return Figure("inventions", _("Granted invention patents owned"),
                  [_("Figure"), _("Patents")],
                  [[Cell(_("Invention patents in force"), link), _n(count)]],
                  stat=Cell(format_number(count), link), link=(link, _("Patent catalogue")))


def pct_figure(by_year: dict) -> Figure:
    rows = [[Cell(str(year), raw=year), _n(count)] for year, count in by_year.items()]
    bars = [single(str(year), count, format_number(count)) for year, count in by_year.items()]
    return Figure("pct", _("PCT applications by filing year"), [_("Year"), _("Applications")],
                  rows, bar_chart(bars),
                  note=_("PCT applications: application numbers with kind digit 8 or 9 "
                         "(international applications that entered China)."))


def listings_figure(counts: dict) -> Figure:
    rows, bars = [], []
    for status in ListingStatus:
        if status in counts or status is ListingStatus.LISTED:
            count = counts.get(status, 0)
            rows.append([Cell(str(status.label)), _n(count)])
            bars.append(single(str(status.label), count, format_number(count)))
    return Figure("listings", _("Listings of the members"), [_("Status"), _("Listings")], rows,
                  bar_chart(bars), link=(url_for("licensing.listings_index"),
                                         _("Licensable patents")))


def requests_figure(counts: dict) -> Figure:
    rows = [[Cell(REQUEST_LABELS[o]()), _n(counts.get(o, 0))] for o in REQUEST_OUTCOMES]
    bars = [single(REQUEST_LABELS[o](), counts.get(o, 0), format_number(counts.get(o, 0)))
            for o in REQUEST_OUTCOMES]
    return Figure("requests", _("Licence requests and their outcomes"),
                  [_("Outcome"), _("Requests")], rows, bar_chart(bars),
                  note=_("Requests on the members' listings, drafts left out."))


def licences_figure(count: int) -> Figure:
    return Figure("licences", _("Licences in force"), [_("Figure"), _("Licences")],
                  [[Cell(_("Licences granted by members, in force today")), _n(count)]],
                  stat=Cell(format_number(count)))


def royalties_figure(by_year: dict, money) -> Figure:
    rows = [[Cell(str(year), raw=year), Cell(money(total), raw=total)]
            for year, total in by_year.items()]
    bars = [single(str(year), total, money(total)) for year, total in by_year.items()]
    return Figure("royalties", _("Royalty income by year"), [_("Year"), _("Received (yuan)")],
                  rows, bar_chart(bars),
                  note=_("Royalty payments received on licences the members granted."))


def alliance_figures(alliance, data: dict, money) -> list[Figure]:
    figures = [members_figure(alliance, data["members"]), trend_figure(data["trend"]),
               patents_figure(alliance, data["patents"]),
               inventions_figure(alliance, data["granted_inventions"]),
               pct_figure(data["pct"]), listings_figure(data["listings"])]
    if "requests" in data:
        figures.append(requests_figure(data["requests"]))
    figures.append(licences_figure(data["licences_in_force"]))
    if "royalties" in data:
        figures.append(royalties_figure(data["royalties"], money))
    return figures
