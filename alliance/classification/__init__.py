"""Suggest which alliances a patent serves, from its IPC symbols and its text.

Pure functions (no Flask, no database): the mappings to alliances are passed in as plain
dicts, with loaders for the defaults shipped in alliance/data.

* :func:`wipo_fields`: IPC symbols → WIPO's 35 technology fields.
* :func:`sei_matches`: title and abstract → CNIPA's strategic-emerging-industry categories.
* :func:`suggest_alliances`: both, mapped to the ten alliances, scored, with reasons.
"""

from alliance.classification.mappings import (
    ALLIANCE_CODES,
    MappingRow,
    load_sei_alliance_map,
    load_sei_alliance_rows,
    load_wipo_alliance_map,
    load_wipo_alliance_rows,
    mapping_from_rows,
)
from alliance.classification.sei import SeiMatch, sei_matches
from alliance.classification.suggest import (
    AllianceSuggestion,
    alliances_for_sei,
    suggest_alliances,
)
from alliance.classification.wipo import WipoField, wipo_fields

__all__ = [
    "ALLIANCE_CODES",
    "AllianceSuggestion",
    "MappingRow",
    "SeiMatch",
    "WipoField",
    "alliances_for_sei",
    "load_sei_alliance_map",
    "load_sei_alliance_rows",
    "load_wipo_alliance_map",
    "load_wipo_alliance_rows",
    "mapping_from_rows",
    "sei_matches",
    "suggest_alliances",
    "wipo_fields",
]
