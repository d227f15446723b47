"""Column headers of patent files: CNIPA's Chinese export headers and the English field names.

``EXPORT_HEADERS`` are the headers written on export (CNIPA's wording), so an exported file
imports again unchanged.
"""

from __future__ import annotations

from alliance.text import clean_text

REQUIRED = ("application_number", "title", "owners")

#: Canonical field → the header written on export.
EXPORT_HEADERS = {
    "application_number": "申请号",
    "title": "名称",
    "abstract": "摘要",
    "kind": "专利类型",
    "status": "法律状态",
    "filing_date": "申请日",
    "publication_date": "公开(公告)日",
    "grant_date": "授权日",
    "ipc": "分类号",
    "owners": "申请(专利权)人",
    "inventors": "发明(设计)人",
}

_ALIASES = {
    "application_number": ("申请号",),
    "title": ("名称", "发明名称", "专利名称"),
    "abstract": ("摘要",),
    "kind": ("专利类型",),
    "status": ("法律状态", "当前法律状态"),
    "filing_date": ("申请日",),
    "publication_date": ("公开(公告)日", "公开日", "公告日"),
    "grant_date": ("授权日", "授权公告日"),
    "ipc": ("分类号", "IPC分类号"),
    "main_ipc": ("主分类号",),
    "owners": ("申请(专利权)人", "申请人", "专利权人", "当前专利权人"),
    "inventors": ("发明(设计)人", "发明人"),
}


def header_key(header: object) -> str:
    """A header reduced for comparison: cleaned (full-width brackets become ASCII), case
    folded, spaces and hyphens as underscores (``Application Number`` → ``application_number``)."""
    text = clean_text(str(header)) if header is not None else ""
    return "_".join(text.casefold().replace("-", " ").split())


#: Reduced header → canonical field.
HEADER_FIELDS = {
    header_key(alias): field
    for field, aliases in _ALIASES.items()
    for alias in (*aliases, field)
}


def field_for_header(header: object) -> str | None:
    """The canonical field a header names, None if it is not a known header."""
    return HEADER_FIELDS.get(header_key(header))
