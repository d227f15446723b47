"""Helpers for the patent file tests: valid application numbers, rows and files."""

import csv
import datetime
import io

from openpyxl import Workbook

from alliance.validators import cn_check_char

TODAY = datetime.date(2025, 1, 1)


def number(digits: str) -> str:
    """A canonical application number with the right check character."""
    return f"{digits}.{cn_check_char(digits)}"


INVENTION = number("202110123456")
UTILITY = number("202220345678")
DESIGN = number("202230456789")
PCT_INVENTION = number("202380012345")
PCT_UTILITY = number("202390012345")


def wrong_check(canonical: str) -> str:
    """``canonical`` with a check character that is not the right one."""
    digits, check = canonical.split(".")
    return f"{digits}.{'0' if check != '0' else '1'}"


def row(**changes) -> dict:
    """A valid row in canonical field names (an invention granted in 2023), with changes."""
    base = {
        "application_number": INVENTION,
        "title": "一种高镍三元锂离子电池正极材料及其制备方法",
        "abstract": "本发明公开了一种正极材料。",
        "kind": "发明",
        "status": "有效",
        "filing_date": "2021-03-15",
        "publication_date": "2021-07-02",
        "grant_date": "2023-05-12",
        "ipc": "H01M 4/525; H01M 10/0525",
        "owners": "吉林大学:60; 长春示例有限公司:40",
        "inventors": "王明; 李华",
    }
    base.update(changes)
    return base


CN_HEADERS = {
    "application_number": "申请号", "title": "名称", "abstract": "摘要", "kind": "专利类型",
    "status": "法律状态", "filing_date": "申请日", "publication_date": "公开(公告)日",
    "grant_date": "授权日", "ipc": "分类号", "owners": "申请(专利权)人",
    "inventors": "发明(设计)人",
}


def grid(rows, headers=CN_HEADERS) -> list[list]:
    """A header row (``headers`` maps fields to header texts) followed by the rows' cells."""
    fields = list(headers)
    return [list(headers.values()), *([r.get(f, "") for f in fields] for r in rows)]


def csv_bytes(cells: list[list], encoding: str = "utf-8") -> bytes:
    """The cells as comma CSV (CRLF) in ``encoding``."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(cells)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(cells: list[list]) -> bytes:
    """The cells in the first sheet of a workbook (None and "" left empty)."""
    workbook = Workbook()
    sheet = workbook.active
    for r, values in enumerate(cells, start=1):
        for c, value in enumerate(values, start=1):
            if value not in (None, ""):
                sheet.cell(row=r, column=c, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
