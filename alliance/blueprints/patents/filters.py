"""The catalogue's filter form, whose labels and option lists are the same for every visitor
of a language: built once per language (and alliance list) in this process, then the
visitor's choices are marked in them. The catalogue is the busiest page; this saves it
some forty translations per request."""

from flask_babel import gettext as _
from markupsafe import Markup

from ...i18n import current_locale
from ...models import LicenceKind, PatentKind, PatentStatus, Sector
from ...services.directory import all_alliances

_built: dict[tuple, dict] = {}


def _options(pairs) -> Markup:
    return Markup("").join(Markup('<option value="{}">{}</option>').format(value, label)
                           for value, label in pairs)


def _build(alliances) -> dict:
    return {
        "options": {
            "alliance": _options((a.code, a.name) for a in alliances),
            "kind": _options(PatentKind.labels().items()),
            "status": _options(PatentStatus.labels().items()),
            "sector": _options(Sector.labels().items()),
            "licence_kind": _options(LicenceKind.labels().items()),
            "sort": _options((("newest", _("Newest filings first")),
                              ("oldest", _("Oldest filings first")),
                              ("title", _("By title")))),
        },
        "kind_labels": PatentKind.labels(), "status_labels": PatentStatus.labels(),
        "text": {
            "search": _("Search"), "example": _("e.g. 锂电池正极 or lithium"),
            "alliance": _("Alliance"), "all_alliances": _("All alliances"),
            "ipc": _("IPC subclass or group"), "ipc_example": _("IPC, e.g. H01M"),
            "kind": _("Kind"), "all_kinds": _("All kinds"), "status": _("Status"),
            "all_statuses": _("All statuses"), "sector": _("Owner sector"),
            "all_sectors": _("All owner sectors"), "order": _("Order"),
            "licence_kind": _("Licence kind offered"), "any_kind": _("Any licence kind"),
            "licensable": _("Licensable"), "open_licence": _("Open licence"),
            "filed_on": _("filed on %(date)s"),
        },
    }


def filter_form() -> dict:
    """Labels, texts and option lists of the filter form in the current language."""
    alliances = all_alliances()
    key = (str(current_locale()), tuple((a.code, a.name_zh, a.name_en) for a in alliances))
    built = _built.get(key)
    if built is None:
        built = _built[key] = _build(alliances)
    return built


def selected(options: Markup, value) -> Markup:
    """``options`` with the option of ``value`` (an enum or a string) selected."""
    value = getattr(value, "value", value)
    if not value:
        return options
    needle = Markup('<option value="{}">').format(value)
    return Markup(str(options).replace(str(needle), str(needle)[:-1] + " selected>", 1))

