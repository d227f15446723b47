"""The query parameters of the network pages: filters, node size, top-k cut, table sort.
Bad values stop the request with 400 and a message saying what is wrong."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _

from ...graph.panel import NODE_MEASURES
from ...graph.records import ORG_EDGE_TYPES, NetworkFilter
from ...graph.render import SIZE_MEASURES
from ...services.network import ViewRequest
from ...validators import ValidationError

TOP_K_CHOICES = (50, 100, 300, 1000)
#: Columns the measures table can be sorted by (besides the name).
SORTABLE = ("name", "sector", *[m for m in NODE_MEASURES if m not in ("component",)])


def _fail(error: ValidationError):
    abort(400, description=_(error.template) % error.params)


def _int(name: str, low: int, high: int) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        abort(400, description=_("%(field)s must be a whole number from %(low)d to %(high)d.",
                                 field=name, low=low, high=high))
    return value


def view_request(ego: int | None = None) -> ViewRequest:
    """The view the query string asks for: ``edge`` (repeated; default: every tie type),
    ``from``/``to`` (filing or licence years, inclusive), ``size`` (a measure), ``top``
    (keep the k nodes highest by that measure), ``depth`` (1 or 2, ego views)."""
    edges = request.args.getlist("edge") or list(ORG_EDGE_TYPES)
    first, last = _int("from", 1900, 2100), _int("to", 1900, 2100)
    years = None
    if first is not None or last is not None:
        years = (first if first is not None else 1900, last if last is not None else 2100)
    size_by = request.args.get("size", "degree")
    if size_by not in SIZE_MEASURES:
        abort(400, description=_('"%(measure)s" is not a measure to size nodes by.',
                                 measure=size_by[:40]))
    try:
        filters = NetworkFilter(years=years, edge_types=frozenset(e[:40] for e in edges))
    except ValidationError as error:
        _fail(error)
    return ViewRequest(filters, size_by=size_by, top_k=_int("top", 1, 100_000), ego=ego,
                       depth=_int("depth", 1, 2) or 1)


def table_sort() -> tuple[str, bool]:
    """(column, descending) of the measures table: ``sort`` and ``dir`` (asc/desc)."""
    column = request.args.get("sort", "betweenness")
    if column not in SORTABLE:
        abort(400, description=_('The table cannot be sorted by "%(column)s".',
                                 column=column[:40]))
    direction = request.args.get("dir", "asc" if column in ("name", "sector") else "desc")
    if direction not in ("asc", "desc"):
        abort(400, description=_("The sort direction is asc or desc."))
    return column, direction == "desc"


def view_args() -> dict:
    """The filter arguments of this request, to carry into links (JSON, exports, sorts)."""
    keep = ("edge", "from", "to", "size", "top", "depth", "org")
    return {key: request.args.getlist(key) for key in keep if request.args.get(key)}
