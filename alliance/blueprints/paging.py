"""Pagination that a hand-edited ``?page=`` cannot break."""

from flask import request

from ..extensions import db

MAX_PAGE = 100_000


def paginate(stmt, per_page: int, total: int | None = None):
    """db.paginate with the page number read safely: junk or huge numbers give page 1 or
    the last allowed page, never an error. Give ``total`` when it is already known (say
    from counts the page shows anyway) to save the count query."""
    page = request.args.get("page", 1, type=int) or 1
    page = min(max(page, 1), MAX_PAGE)
    pagination = db.paginate(stmt, page=page, per_page=per_page, max_per_page=per_page,
                             error_out=False, count=total is None)
    if total is not None:
        pagination.total = total
    return pagination
