"""Collaboration-network pages: an alliance's network for its coordinators and platform
admins, a member's own ego network, an anonymised summary for everyone else, the province
network for platform admins; the view's data as JSON and the exports."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ...graph.export import FORMATS, export
from ...graph.panel import NODE_MEASURES
from ...graph.records import ORG_EDGE_TYPES
from ...graph.render import MSG_TITLE, SIZE_MEASURES
from ...models import Sector
from ...permissions import ensure, platform_admin_required
from ...services import directory, network, network_cache, network_jobs
from ...services.network import EGO, FULL, SUMMARY
from ...services.network_records import graph_version
from . import params, tables

bp = Blueprint("network", __name__)

ORG_CHOICES = 300  # organisations offered in the "suggest partners for" list

MEDIA_TYPES = {"graphml": ("application/graphml+xml", "graphml"),
               "gexf": ("application/xml", "gexf"), "csv": ("application/zip", "zip"),
               "json": ("application/json", "json")}


def _alliance_or_404(code: str):
    alliance = directory.alliance_by_code(code)
    if alliance is None:
        abort(404, description=_('There is no alliance with the code "%(code)s".',
                                 code=code[:40]))
    return alliance


def _sector_labels() -> dict:
    return {sector.value: str(sector.label) for sector in Sector}


def _level_and_ego(alliance, org_id: int | None = None) -> tuple[str, int | None]:
    """Access level of the current user, and the organisation whose ego network is shown
    (403 when it may not be opened)."""
    if alliance is None:
        ensure(current_user.is_authenticated and current_user.can_administer_platform())
        level = FULL
    else:
        level = network.access(current_user, alliance)
    if org_id is not None:
        ensure(network.can_see_node(current_user, level, org_id),
               _("You may not see the network of this organisation."))
        return level, org_id
    return level, (current_user.organization_id if level == EGO else None)


def _graph_or_404(scope, version, org_id):
    if org_id is not None and org_id not in network.graph(scope, version):
        abort(404, description=_("This organisation is not in the network."))


@bp.route("/")
def index():
    """The ten alliances' network pages, and the province network for platform admins."""
    alliances = directory.all_alliances()
    return render_template("network/index.html", alliances=alliances,
                           coordinated={a.id for a in current_user.coordinated_alliances()})


@bp.route("/alliances/<code>")
def alliance_page(code: str):
    """An alliance's network: whole for its coordinators, own ego for a member, else the
    anonymised summary."""
    alliance = _alliance_or_404(code)
    level, ego = _level_and_ego(alliance)
    return _page(alliance.code, alliance, level, ego)


@bp.route("/alliances/<code>/organisations/<int:org_id>")
def organisation_page(code: str, org_id: int):
    """One organisation's ego network in an alliance (403 unless the user may see it)."""
    alliance = _alliance_or_404(code)
    level, ego = _level_and_ego(alliance, org_id)
    return _page(alliance.code, alliance, level, ego)


@bp.route("/province")
@platform_admin_required
def province_page():
    """The network of every approved organisation of the province (platform admins)."""
    return _page(None, None, FULL, None)


def _status(scope, version) -> tuple[dict | None, dict | None, dict | None]:
    """(measures of this version, the latest measures shown, the computation running),
    asking for a computation when this version has none."""
    current = network.measures(scope, version)
    if current is None:
        network_jobs.request_compute(scope, version)
    return current, current or network.latest_measures(scope), network_jobs.running(scope)


def _page(scope, alliance, level: str, ego: int | None):
    version = graph_version()
    g = network.graph(scope, version)
    if level == EGO and ego not in g:
        level, ego = SUMMARY, None  # its organisation is not (or no longer) approved
    summary = network.summary(scope, version)
    context = {"alliance": alliance, "scope": scope, "level": level, "summary": summary,
               "chart": tables.helix_chart(summary["helix"]), "ego": ego,
               "sector_labels": _sector_labels(), "colours": tables.SECTOR_COLOURS,
               "other_colour": tables.OTHER_COLOUR}
    if level == SUMMARY:
        return render_template("network/page.html", **context)
    asked = params.view_request(ego)
    sort, descending = params.table_sort()
    if ego is not None and ego not in g:
        abort(404, description=_("This organisation is not in the network."))
    current, shown, under_way = _status(scope, version)
    keep = None
    if level == FULL:
        data = network.view_facts(scope, version, asked, **_view_options(current))
    else:  # an ego view is small: its nodes restrict the tables
        data = network.view(scope, version, asked, **_view_options(current))
        keep = {node["id"] for node in data["nodes"]} | {ego}
    target = ego if ego is not None else _chosen_org(scope, version, g)
    suggestions = _suggestion_rows(scope, version, target, current, g)
    context.update(
        asked=asked, data=data, measures=shown, current=current, under_way=under_way,
        sort=sort, descending=descending, args=params.view_args(),
        **_tables(scope, shown, sort, descending, keep, level),
        columns=[m for m in NODE_MEASURES if m != "component"], sortable=params.SORTABLE,
        size_measures=SIZE_MEASURES, edge_types=ORG_EDGE_TYPES, formats=FORMATS,
        top_choices=params.TOP_K_CHOICES, target=target,
        names={target: g.nodes[target]["name"]} if target is not None else {},
        suggestions=suggestions,
        json_args={k: v for k, v in params.view_args().items() if k != "org"},
        org_choices=_org_choices(scope, version, g, target) if level == FULL else [])
    return render_template("network/page.html", **context)


def _tables(scope, shown, sort: str, descending: bool, keep, level: str) -> dict:
    """The rows of the measures, brokers and communities tables of the ``shown`` measures;
    for the whole network (``keep`` None) remembered per computation and sort."""
    if not shown:
        return {"rows": [], "brokers": [], "communities": []}
    panel = shown["panel"]

    def compute():
        return {"rows": tables.measure_rows(panel, sort, descending, keep),
                "brokers": tables.broker_rows(panel, keep),
                "communities": tables.community_rows(panel) if level == FULL else []}
    if keep is not None:
        return compute()
    key = (f"network:tables:{network.scope_key(scope)}:{shown['version']}:"
           f"{shown['computed_at'].isoformat()}:{sort}:{'desc' if descending else 'asc'}")
    return network_cache.remembered(key, compute, network.RESULT_TIMEOUT)


def _org_choices(scope, version, g, target) -> list[tuple]:
    """(id, name) of the ORG_CHOICES best connected organisations of the scope and the
    chosen one, by name: a select of thousands of options would outweigh the page."""
    best = network.best_connected(scope, version, ORG_CHOICES)
    if target is not None and target not in {n for n, _name in best}:
        best = [*best, (target, g.nodes[target]["name"])]
    return sorted(best, key=lambda item: str(item[1]))


def _suggestion_rows(scope, version, target, current, g) -> list[dict]:
    """Suggested partners of ``target`` with their reasons translated."""
    if target is None:
        return []
    found = network.suggestions(scope, version, target, current["panel"] if current else None)
    return [{"org": item.org, "name": g.nodes[item.org]["name"] if item.org in g else item.org,
             "score": item.score,
             "reasons": [_(reason.template) % reason.params for reason in item.reasons]}
            for item in found]


def _chosen_org(scope, version, g):
    """The organisation whose partners are suggested on the full view: ``org`` from the
    query (404 unless in graph ``g``), else the best connected one."""
    raw = request.args.get("org", "").strip()
    if raw:
        if not raw.isdigit() or int(raw) not in g:
            abort(404, description=_("This organisation is not in the network."))
        return int(raw)
    best = network.best_connected(scope, version, 1)
    return best[0][0] if best else None


def _view_options(current) -> dict:
    return {"title_template": _(MSG_TITLE), "sector_labels": _sector_labels(),
            "locale": str(get_locale()), "panel": current["panel"] if current else None}


@bp.route("/alliances/<code>/graph.json")
@bp.route("/province/graph.json")
def graph_json(code: str | None = None):
    """The view data (vis-network nodes and edges) as JSON; ``org`` asks for an ego view."""
    alliance = _alliance_or_404(code) if code is not None else None
    raw = request.args.get("org", "").strip()
    if raw and not raw.isdigit():
        abort(400, description=_("The organisation must be given by its number."))
    level, ego = _level_and_ego(alliance, int(raw) if raw else None)
    ensure(level != SUMMARY, _("Only the alliance's coordinators and members see its ties."))
    scope = alliance.code if alliance else None
    version = graph_version()
    asked = params.view_request(ego)
    _graph_or_404(scope, version, ego)
    payload = network.view_payload(scope, version, asked,
                                   **_view_options(network.measures(scope, version)))
    response = current_app.response_class(payload, mimetype="application/json")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/alliances/<code>/export/<fmt>")
@bp.route("/province/export/<fmt>")
def export_file(fmt: str, code: str | None = None):
    """The network of the page (its filters) with its measures as a file."""
    alliance = _alliance_or_404(code) if code is not None else None
    level, _ego = _level_and_ego(alliance)
    ensure(level == FULL, _("Only the alliance's coordinators may export its network."))
    if fmt not in FORMATS:
        abort(404, description=_('"%(format)s" is not an export format (choose from '
                                 '%(choices)s).', format=fmt[:40], choices=", ".join(FORMATS)))
    scope = alliance.code if alliance else None
    version = graph_version()
    current = network.measures(scope, version)
    back = (url_for("network.alliance_page", code=scope) if scope
            else url_for("network.province_page"))
    if current is None:
        network_jobs.request_compute(scope, version)
        flash(_("The measures are still being computed; export again in a minute."), "warning")
        return redirect(back)
    graph = network.build(scope, version, params.view_request().filters)
    media, ext = MEDIA_TYPES[fmt]
    name = f"network-{scope or 'province'}.{ext}"
    response = current_app.response_class(export(graph, fmt, current["panel"]), mimetype=media)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
