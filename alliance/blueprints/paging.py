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


class ResultPage:
    """A page of results counted and fetched by a service, shaped like db.paginate's
    answer so the ``pager`` macro renders it."""

    def __init__(self, items: list, total: int, page: int, per_page: int):
        self.items, self.total, self.page, self.per_page = items, total, page, per_page

    @property
    def pages(self) -> int:
        return max(0, -(-self.total // self.per_page))

    def iter_pages(self, edge: int = 2, around: int = 2):
        """Page numbers to link, with None where a run of pages is left out."""
        last = 0
        for number in range(1, self.pages + 1):
            if number <= edge or number > self.pages - edge \
                    or abs(number - self.page) <= around:
                if last and number - last > 1:
                    yield None
                yield number
                last = number
