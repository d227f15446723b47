"""Patent files: reading CSV (UTF-8, BOM, GBK) and XLSX, file and row errors, export and
round trips (alliance/patent_io)."""

import csv
import datetime
import io
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from alliance.patent_io import (
    MAX_ROWS,
    FileError,
    OwnerShare,
    PatentRecord,
    importer,
    parse_file,
    read_rows,
    to_csv,
    to_xlsx,
)
from alliance.patent_io import fields as f
from alliance.patent_io import reader as rd
from alliance.patent_io import records as r
from alliance.patent_io.columns import EXPORT_HEADERS
from alliance.text import clean_text
from alliance.validators import MSG_APP_CHECK

from .patent_rows import (
    CN_HEADERS,
    DESIGN,
    INVENTION,
    TODAY,
    UTILITY,
    csv_bytes,
    grid,
    number,
    row,
    wrong_check,
    xlsx_bytes,
)

SAMPLE = Path(__file__).parents[1] / "alliance" / "data" / "patent_import_sample.csv"
ENGLISH = {field: field for field in CN_HEADERS}


def parse(data, filename="patents.csv", **options):
    return parse_file(data, filename, today=TODAY, **options)


def file_error(data, filename="patents.csv", **options) -> FileError:
    with pytest.raises(FileError) as info:
        parse(data, filename, **options)
    return info.value


def rows_by_number(result) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for number_, error in result.errors:
        found.setdefault(number_, []).append(error.template)
    return found


TWO = [row(), row(application_number=UTILITY, kind="实用新型", title="一种充电接口锁止装置",
                  owners="吉林示例汽车零部件有限公司", ipc="B60L 53/16")]


# --- encodings and formats ------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    result = parse(csv_bytes(grid(TWO), encoding))
    assert result.ok
    assert [n for n, _ in result.records] == [2, 3]
    assert result.records[0][1].title == "一种高镍三元锂离子电池正极材料及其制备方法"
    assert result.records[1][1].owners == (OwnerShare("吉林示例汽车零部件有限公司", Decimal(100)),)


def test_xlsx_with_real_date_cells_and_number_cells():
    cells = grid([row(application_number=int(UTILITY.replace(".", "")), kind="实用新型",
                      filing_date=datetime.datetime(2022, 4, 20),
                      publication_date=datetime.date(2022, 9, 16), grant_date=20220916)])
    [(number_, record)] = parse(xlsx_bytes(cells), "patents.XLSX").records
    assert number_ == 2
    assert record.application_number == UTILITY
    assert (record.filing_date, record.publication_date, record.grant_date) == (
        datetime.date(2022, 4, 20), datetime.date(2022, 9, 16), datetime.date(2022, 9, 16))


def test_xlsx_takes_the_first_sheet_and_keeps_row_numbers_across_empty_rows():
    cells = grid(TWO)
    cells.insert(2, [None] * len(cells[0]))
    data = xlsx_bytes(cells)
    workbook = load_workbook(io.BytesIO(data))
    workbook.create_sheet("其他").append(["not", "read"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert [n for n, _ in parse(buffer.getvalue(), "p.xlsx").records] == [2, 4]


@pytest.mark.parametrize("data", [
    random.Random(7).randbytes(2000),
    "申请号,名称,申请(专利权)人\r\n".encode("utf-16-le"),
    "application_number,title,owners\r\n".encode("utf-16-le"),  # valid UTF-8, with NULs
    "申请号,名称,申请(专利权)人\r\n".encode("utf-16"),
    "application_number,title,owners\r\n201710601862.3,Détecteur,Müller Sociétés\r\n".encode(
        "latin-1"),
    b"\xef\xbb\xbfapplication_number\xff\r\n",
])
def test_a_file_in_an_unknown_encoding_is_refused(data):
    assert file_error(data).template == rd.MSG_ENCODING


@pytest.mark.parametrize(("data", "filename", "template"), [
    (b"", "p.csv", rd.MSG_EMPTY),
    (b"\xef\xbb\xbf", "p.csv", rd.MSG_EMPTY),
    (csv_bytes(grid([])), "p.csv", rd.MSG_NO_ROWS),
    (csv_bytes([*grid([]), ["", ""], []]), "p.csv", rd.MSG_NO_ROWS),
    (csv_bytes([["", ""], *grid(TWO)[1:]]), "p.csv", rd.MSG_NO_HEADER),
    (xlsx_bytes(grid([])), "p.xlsx", rd.MSG_NO_ROWS),
    (csv_bytes(grid(TWO)), "p.xls", rd.MSG_FILE_TYPE),
    (csv_bytes(grid(TWO)), "patents", rd.MSG_FILE_TYPE),
    (csv_bytes(grid(TWO)), "p.xlsx", rd.MSG_XLSX_BROKEN),
    ('申请号,名称,申请人\r\n"2017"1,x,y\r\n'.encode(), "p.csv", rd.MSG_CSV_BROKEN),
])
def test_unusable_files(data, filename, template):
    assert file_error(data, filename).template == template


def test_a_value_in_a_column_without_header_is_refused_with_its_row():
    cells = grid(TWO)
    cells[2] = [*cells[2], "多余"]
    error = file_error(csv_bytes(cells))
    assert (error.template, error.params) == (rd.MSG_EXTRA_CELL, {"row": 3})


# --- headers -----------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [
    CN_HEADERS,
    ENGLISH,
    {**CN_HEADERS, "publication_date": "公开（公告）日", "title": "发明名称",
     "owners": "当前专利权人", "inventors": "发明人", "status": "当前法律状态",
     "grant_date": "授权公告日", "ipc": "IPC分类号"},
    {**CN_HEADERS, "publication_date": "公告日", "title": "专利名称", "owners": "申请人"},
    {**CN_HEADERS, "publication_date": "公开日", "owners": "专利权人"},
    {field: " " + field.replace("_", " ").title() + " " for field in CN_HEADERS},
])
def test_chinese_cnipa_and_english_headers(headers):
    result = parse(csv_bytes(grid(TWO, headers)))
    assert [rec.application_number for _, rec in result.records] == [INVENTION, UTILITY]
    assert set(result.columns) == set(CN_HEADERS)


def test_a_main_classification_column_joins_the_classification():
    headers = {**CN_HEADERS, "main_ipc": "主分类号"}
    data = csv_bytes(grid([row(ipc="H01M 10/0525; H01M 4/525", main_ipc="H01M 4/525")],
                          headers))
    assert parse(data).records[0][1].ipc == ("H01M 4/525", "H01M 10/0525")


def test_unknown_headers_are_named():
    cells = grid(TWO)
    cells[0][2] = "备注"
    cells[0][3] = "Priority"
    error = file_error(csv_bytes(cells))
    assert (error.template, error.params) == (rd.MSG_UNKNOWN_HEADERS,
                                              {"headers": "备注, Priority"})


def test_duplicate_headers_are_named():
    headers = {**CN_HEADERS, "owners": "申请人"}
    cells = grid(TWO, headers)
    cells[0].append("专利权人")
    error = file_error(csv_bytes(cells))
    assert (error.template, error.params) == (rd.MSG_DUPLICATE_HEADERS,
                                              {"headers": "申请人, 专利权人"})


def test_missing_required_headers_are_named():
    headers = {k: v for k, v in CN_HEADERS.items() if k not in ("title", "owners")}
    error = file_error(csv_bytes(grid(TWO, headers)))
    assert error.template == rd.MSG_MISSING_HEADERS
    assert error.params == {"headers": "名称 (title), 申请(专利权)人 (owners)"}


def test_optional_columns_may_be_left_out():
    headers = {k: CN_HEADERS[k] for k in ("application_number", "title", "owners")}
    [(_, record)] = parse(csv_bytes(grid([row()], headers))).records
    assert (record.kind, record.status, record.ipc, record.inventors) == (
        "invention", "pending", (), ())


# --- rows ----------------------------------------------------------------------------------


def test_every_bad_row_is_reported_with_its_spreadsheet_row_number():
    bad = [
        row(),                                                              # 2: good
        row(application_number=wrong_check(UTILITY)),                       # 3
        row(application_number=UTILITY, kind="发明"),                        # 4
        row(application_number=number("202110000001"), ipc="H01M10"),      # 5
        row(application_number=DESIGN, kind="外观设计", ipc="B60L 53/16"),   # 6
        row(application_number=number("202110000002"), owners="甲:60; 乙:30"),  # 7
        row(application_number=number("202110000003"), owners="甲:60; 乙"),     # 8
        row(application_number=number("202110000004"), grant_date="2020-01-01"),  # 9
        row(application_number=number("202110000005"), status="转让"),           # 10
        row(title="同一申请号"),                                            # 11: as row 2
        row(application_number=number("202110000006")),                    # 12: good
    ]
    cells = grid(bad)
    cells.insert(2, [""] * len(cells[0]))  # an empty row 3: skipped, numbers go on
    result = parse(csv_bytes(cells))
    assert rows_by_number(result) == {
        4: [MSG_APP_CHECK],
        5: [r.MSG_KIND_DIGIT],
        6: [f.MSG_IPC_INVALID],
        7: [r.MSG_IPC_DESIGN],
        8: [f.MSG_SHARES_SUM],
        9: [f.MSG_SHARES_MIXED],
        10: [r.MSG_DATE_BEFORE_FILING],
        11: [f.MSG_STATUS_UNKNOWN],
        12: [importer.MSG_DUPLICATE_NUMBER],
    }
    assert [n for n, _ in result.records] == [2, 13]
    assert not result.ok


def test_the_same_number_twice_names_both_rows_even_when_written_differently():
    cells = grid([row(), row(title="别的"), row(application_number="CN " + INVENTION.replace(
        ".", ""), title="")])
    result = parse(csv_bytes(cells))
    duplicates = [(n, e.params) for n, e in result.errors
                  if e.template == importer.MSG_DUPLICATE_NUMBER]
    assert duplicates == [(3, {"number": INVENTION, "first": 2, "row": 3}),
                          (4, {"number": INVENTION, "first": 2, "row": 4})]
    assert "rows 2 and 3" in str(result.errors[0][1])
    assert rows_by_number(result)[4] == [r.MSG_TITLE_REQUIRED, importer.MSG_DUPLICATE_NUMBER]


def test_row_size_guard():
    assert MAX_ROWS == 20_000
    cells = grid([row(application_number=number(f"2021100000{i:02d}")) for i in range(1, 5)])
    assert len(parse(csv_bytes(cells), max_rows=4).records) == 4
    error = file_error(csv_bytes(cells), max_rows=3)
    assert (error.template, error.params) == (rd.MSG_TOO_MANY_ROWS, {"max": 3})


def test_read_rows_gives_raw_cells_by_field():
    table = read_rows(csv_bytes(grid([row(title="  原样  ")])), "p.csv")
    assert table.columns["owners"] == "申请(专利权)人"
    [(number_, raw)] = table.rows
    assert number_ == 2
    assert raw["title"] == "  原样  "


# --- export and round trips -------------------------------------------------------------


def _record(**changes) -> PatentRecord:
    values = dict(
        application_number=INVENTION, title="一种锂电池正极材料", abstract="第一段\n\n第二段",
        kind="invention", status="granted", legal_status="有效-授权",
        filing_date=datetime.date(2021, 3, 15), publication_date=datetime.date(2021, 7, 2),
        grant_date=datetime.date(2023, 5, 12), ipc=("H01M 4/525", "H01M 10/0525"),
        owners=(OwnerShare("吉林大学", Decimal("33.34")), OwnerShare("某公司", Decimal("33.33")),
                OwnerShare("某研究所", Decimal("33.33"))),
        inventors=("王明", "李华"))
    values.update(changes)
    return PatentRecord(**values)


RECORDS = [
    _record(),
    _record(application_number=DESIGN, kind="design", ipc=(), status="pending",
            legal_status="", abstract="", grant_date=None, publication_date=None,
            owners=(OwnerShare("=HYPERLINK(\"http://x\")", Decimal(100)),), inventors=()),
    _record(application_number=UTILITY, kind="utility_model", title="=1+1",
            abstract="-2+3\n@SUM(A1)", legal_status="", status="lapsed",
            owners=(OwnerShare("+86 公司", Decimal("50.5")), OwnerShare("'@乙", Decimal("49.5"))),
            inventors=("-张", "'=李")),
    _record(application_number="95115608.X", title="'=已带撇号", filing_date=None,
            publication_date=None, grant_date=None, status="expired", legal_status="期限届满"),
]


@pytest.mark.parametrize(("export", "filename"), [(to_csv, "p.csv"), (to_xlsx, "p.xlsx")])
def test_an_export_imports_again_unchanged(export, filename):
    result = parse(export(RECORDS), filename)
    assert result.ok, result.errors
    assert [rec for _, rec in result.records] == RECORDS


def test_csv_export_is_excel_friendly_with_chinese_headers():
    data = to_csv(RECORDS[:1])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(EXPORT_HEADERS.values())
    assert text.startswith("申请号,名称,摘要,专利类型,法律状态,申请日,公开(公告)日,授权日")
    assert text.endswith("\r\n") and "\r\n" + INVENTION in text
    assert "吉林大学:33.34; 某公司:33.33; 某研究所:33.33" in text
    assert "2021-03-15" in text and ",发明," in text


def test_csv_export_guards_cells_against_formulas():
    [_header, *rows] = list(csv.reader(io.StringIO(to_csv(RECORDS).decode("utf-8-sig"))))
    cells = [cell for row_ in rows for cell in row_]
    assert "'=1+1" in cells and "'-2+3\n@SUM(A1)" in cells and "''=已带撇号" in cells
    assert "'=HYPERLINK(\"http://x\"):100.00" in cells
    assert "'+86 公司:50.50; '@乙:49.50" in cells
    assert "'-张; '=李" in cells
    assert not any(cell.startswith(rd.FORMULA_CHARS) for cell in cells)


def test_xlsx_export_has_date_cells_a_bold_header_widths_and_no_formulas():
    workbook = load_workbook(io.BytesIO(to_xlsx(RECORDS)))
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == list(EXPORT_HEADERS.values())
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40
    filing = sheet.cell(row=2, column=6)
    assert filing.value == datetime.datetime(2021, 3, 15) and filing.is_date
    assert filing.number_format == "yyyy-mm-dd"
    title = sheet.cell(row=4, column=2)
    assert (title.value, title.data_type, title.quotePrefix) == ("=1+1", "s", True)
    assert not any(c.data_type == "f" for row_ in sheet.iter_rows() for c in row_)


NAMES = st.text(alphabet="吉林大学公司=+-@'甲乙 ", min_size=1, max_size=12).map(clean_text)


@settings(database=None, max_examples=40, deadline=None)
@given(title=NAMES.filter(bool), owner=NAMES.filter(lambda s: s and ";" not in s),
       inventor=NAMES.filter(bool))
def test_csv_round_trip_of_any_formula_looking_text(title, owner, inventor):
    record = _record(title=title, owners=(OwnerShare(owner, Decimal("100.00")),),
                     inventors=(inventor,))
    assert [rec for _, rec in parse(to_csv([record])).records] == [record]


# --- the template users download --------------------------------------------------------


def test_the_sample_file_imports_cleanly():
    result = parse_file(SAMPLE.read_bytes(), SAMPLE.name)
    assert result.ok, result.errors
    records = [rec for _, rec in result.records]
    assert len(records) == 5
    assert {rec.kind for rec in records} == {"invention", "utility_model", "design"}
    assert {rec.status for rec in records} == {"granted", "pending", "lapsed"}
    assert "format sample" in (SAMPLE.parent / "README.md").read_text(encoding="utf-8")


def test_a_cnipa_style_gbk_export_with_quoted_cells_across_lines():
    """tests/data/cnipa_export_gbk.csv: GBK, full-width brackets and colons, CN prefix,
    quotes inside cells, an abstract on two lines, a bad check character in row 4."""
    data = (Path(__file__).parent / "data" / "cnipa_export_gbk.csv").read_bytes()
    result = parse(data)
    [(row_2, first), (row_3, second)] = result.records
    assert (row_2, row_3) == (2, 3)  # row numbers count records, not lines
    assert first.title == '一种"高镍"正极材料, 及其制备方法'
    assert first.abstract == "第一段:包覆改性。\n第二段:提高循环稳定性。"
    assert (first.status, first.legal_status, first.ipc) == (
        "granted", "有效-授权", ("H01M 4/525", "H01M 10/0525"))
    assert first.owners == (OwnerShare("吉林示例大学", Decimal(60)),
                            OwnerShare("长春示例有限公司", Decimal(40)))
    assert (second.kind, second.status, second.filing_date) == (
        "utility_model", "lapsed", datetime.date(2021, 4, 20))
    assert rows_by_number(result) == {4: [MSG_APP_CHECK]}
