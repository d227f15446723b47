"""Reading the catalogue's query string, shared by the page and the JSON API: an unknown
kind, status, sector, alliance or IPC symbol answers 400 with the reason."""

from flask import abort
from flask_babel import gettext as _

from ...models import LicenceKind, PatentKind, PatentStatus, Sector
from ...services.catalogue import SORTS, CatalogueQuery, parse_ipc_filter
from ...services.directory import all_alliances
from ...text import clean_text
from ...validators import ValidationError

MAX_PAGE = 100_000


def _enum(enum_cls, value: str, message: str):
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        abort(400, description=message)


def _flag(args, name: str) -> bool:
    value = (args.get(name, "") or "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    abort(400, description=_("%(name)s must be true or false.", name=name))


def catalogue_query(args) -> CatalogueQuery:
    """The CatalogueQuery the arguments describe; 400 for values that name nothing."""
    alliance = (clean_text(args.get("alliance", "")) or "")[:40]
    if alliance and alliance not in {a.code for a in all_alliances()}:
        abort(400, description=_("There is no alliance %(code)s.", code=alliance))
    ipc = (clean_text(args.get("ipc", "")) or "")[:30]
    if ipc:
        try:
            parse_ipc_filter(ipc)
        except ValidationError as error:
            abort(400, description=_(error.template) % error.params)
    sort = args.get("sort", "newest")
    if sort not in SORTS:
        abort(400, description=_("Sort by one of the offered orders."))
    return CatalogueQuery(
        q=(clean_text(args.get("q", "")) or "")[:100],
        alliance=alliance, ipc=ipc, sort=sort,
        kind=_enum(PatentKind, args.get("kind", ""), _("Choose a kind from the list.")),
        status=_enum(PatentStatus, args.get("status", ""), _("Choose a status from the list.")),
        sector=_enum(Sector, args.get("sector", ""), _("Choose a sector from the list.")),
        licence_kind=_enum(LicenceKind, args.get("licence_kind", ""),
                           _("Choose a licence kind from the list.")),
        licensable=_flag(args, "licensable"), open_licence=_flag(args, "open_licence"),
    )


def page_args(args, default_per_page: int, max_per_page: int) -> tuple[int, int]:
    """(page, per_page) from ?page= and ?per_page=; 400 for values out of range."""
    try:
        page = int(args.get("page", 1))
        per_page = int(args.get("per_page", default_per_page))
    except ValueError:
        abort(400, description=_("The page and the number per page must be whole numbers."))
    if not 1 <= page <= MAX_PAGE:
        abort(400, description=_("There is no page %(page)s.", page=page))
    if not 1 <= per_page <= max_per_page:
        abort(400, description=_("Ask for 1 to %(n)s results per page.", n=max_per_page))
    return page, per_page
