"""One patent row: every validation rule of parse_patent (alliance/patent_io/records.py)."""

import datetime
import pickle
from decimal import Decimal

import pytest

from alliance import validators
from alliance.patent_io import FieldError, OwnerShare, RowErrors, parse_patent
from alliance.patent_io import fields as f
from alliance.patent_io import records as r

from .patent_rows import (
    DESIGN,
    INVENTION,
    PCT_INVENTION,
    PCT_UTILITY,
    TODAY,
    UTILITY,
    number,
    row,
    wrong_check,
)

D = Decimal


def parse(**changes):
    return parse_patent(row(**changes), today=TODAY)


def problems(**changes) -> list[tuple[str, str]]:
    """(field, template) of every error of the row."""
    with pytest.raises(RowErrors) as info:
        parse(**changes)
    assert all(isinstance(error, FieldError) for error in info.value.errors)
    return [(error.field, error.template) for error in info.value.errors]


def test_a_valid_row_becomes_a_record():
    record = parse()
    assert record == r.PatentRecord(
        application_number=INVENTION, title="一种高镍三元锂离子电池正极材料及其制备方法",
        abstract="本发明公开了一种正极材料。", kind="invention", status="granted",
        legal_status="有效", filing_date=datetime.date(2021, 3, 15),
        publication_date=datetime.date(2021, 7, 2), grant_date=datetime.date(2023, 5, 12),
        ipc=("H01M 4/525", "H01M 10/0525"),
        owners=(OwnerShare("吉林大学", D("60.00")), OwnerShare("长春示例有限公司", D("40.00"))),
        inventors=("王明", "李华"))
    assert record.main_ipc == "H01M 4/525"


def test_every_text_cell_is_cleaned():
    record = parse(application_number=" ＣＮ" + INVENTION.replace(".", "") + "\u200b",
                   title="一种\u200b锂电池\u3000正极", abstract="第一段\r\n\r\n\r\n第二段 ",
                   owners="吉林\u200b大学", inventors="王\u200d明")
    assert record.application_number == INVENTION
    assert record.title == "一种锂电池 正极"
    assert record.abstract == "第一段\n\n第二段"
    assert record.owners == (OwnerShare("吉林大学", D("100.00")),)
    assert record.inventors == ("王明",)


# --- application number and kind ---------------------------------------------------


def test_application_number_is_required_and_validated():
    assert problems(application_number="") == [("application_number", r.MSG_NUMBER_REQUIRED)]
    assert problems(application_number=wrong_check(INVENTION)) == [
        ("application_number", validators.MSG_APP_CHECK)]
    assert problems(application_number="2021101234") == [
        ("application_number", validators.MSG_APP_FORMAT)]


@pytest.mark.parametrize(("word", "kind"), [
    ("发明", "invention"), ("发明专利", "invention"), ("发明申请", "invention"),
    ("invention", "invention"), ("Invention", "invention"),
])
def test_invention_words(word, kind):
    assert parse(kind=word).kind == kind


@pytest.mark.parametrize(("appno", "word", "kind"), [
    (UTILITY, "实用新型", "utility_model"), (UTILITY, "实用新型专利", "utility_model"),
    (UTILITY, "utility_model", "utility_model"), (UTILITY, "Utility Model", "utility_model"),
    (DESIGN, "外观设计", "design"), (DESIGN, "外观设计专利", "design"),
    (DESIGN, "design", "design"),
    (PCT_INVENTION, "发明", "invention"), (PCT_UTILITY, "实用新型", "utility_model"),
])
def test_kind_words_in_chinese_and_english(appno, word, kind):
    assert parse(application_number=appno, kind=word, ipc="").kind == kind


@pytest.mark.parametrize(("appno", "kind"), [
    (INVENTION, "invention"), (UTILITY, "utility_model"), (DESIGN, "design"),
    (PCT_INVENTION, "invention"), (PCT_UTILITY, "utility_model"), ("95115608.X", "invention"),
    ("88100001", "invention"), (number("93200001"), "utility_model"),
])
def test_an_empty_kind_comes_from_the_kind_digit(appno, kind):
    assert parse(application_number=appno, kind="", ipc="").kind == kind


@pytest.mark.parametrize(("appno", "word"), [
    (INVENTION, "实用新型"), (INVENTION, "design"), (UTILITY, "发明"), (DESIGN, "实用新型"),
    (PCT_INVENTION, "utility_model"), (PCT_UTILITY, "invention"),
])
def test_a_kind_disagreeing_with_the_number_is_an_error(appno, word):
    with pytest.raises(RowErrors) as info:
        parse(application_number=appno, kind=word, ipc="")
    [error] = info.value.errors
    assert (error.field, error.template) == ("kind", r.MSG_KIND_DIGIT)
    assert error.params == {"kind": word, "digit": r.kind_digit(appno)}


def test_an_unknown_kind_is_an_error():
    assert problems(kind="商标") == [("kind", f.MSG_KIND_UNKNOWN)]


# --- title ---------------------------------------------------------------------------


def test_title_is_required_and_at_most_500_characters():
    assert problems(title=" \u200b ") == [("title", r.MSG_TITLE_REQUIRED)]
    assert problems(title="锂" * 501) == [("title", r.MSG_TITLE_LONG)]
    assert parse(title="锂" * 500).title == "锂" * 500


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2021-06-01", "2021.06.01", "2021/6/1", "20210601", "2021年6月1日", "2021年06月01",
    "２０２１－０６－０１", "2021/6/1 0:00", "2021-06-01 00:00:00",
    datetime.date(2021, 6, 1), datetime.datetime(2021, 6, 1, 0, 0),
])
def test_accepted_date_forms(text):
    assert parse(filing_date=text).filing_date == datetime.date(2021, 6, 1)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-6/1", "21-06-01", "June 1, 2021", "2021"])
def test_unreadable_dates_are_errors(text):
    assert problems(filing_date=text) == [("filing_date", f.MSG_DATE)]


def test_dates_may_be_missing():
    record = parse(filing_date="", publication_date=None, grant_date="", status="")
    assert (record.filing_date, record.publication_date, record.grant_date) == (None,) * 3


def test_publication_and_grant_not_before_filing():
    assert problems(filing_date="2021-03-15", publication_date="2021-03-14",
                    grant_date="2020-01-01") == [
        ("publication_date", r.MSG_DATE_BEFORE_FILING), ("grant_date", r.MSG_DATE_BEFORE_FILING)]
    same_day = parse(filing_date="2021-03-15", publication_date="2021-03-15",
                     grant_date="2021-03-15")
    assert same_day.grant_date == same_day.filing_date


def test_no_date_in_the_future():
    assert parse(grant_date=TODAY).grant_date == TODAY
    assert problems(grant_date=TODAY + datetime.timedelta(days=1)) == [
        ("grant_date", r.MSG_DATE_FUTURE)]
    assert problems(filing_date="2030-01-01", publication_date="", grant_date="") == [
        ("filing_date", r.MSG_DATE_FUTURE)]


# --- status ----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "status"), [
    *((w, "granted") for w in ("有效", "授权", "专利权维持", "有效专利")),
    *((w, "pending") for w in ("实质审查", "实审", "公开", "审中", "待审")),
    *((w, "lapsed") for w in ("失效", "未缴年费", "专利权终止", "终止")),
    *((w, "expired") for w in ("期限届满", "届满")),
    *((w, "invalidated") for w in ("无效", "全部无效", "宣告无效")),
    ("驳回", "rejected"),
    *((w, "withdrawn") for w in ("撤回", "视为撤回", "放弃")),
    ("失效-未缴年费", "lapsed"), ("有效-授权", "granted"), ("失效 / 期限届满", "lapsed"),
    ("未缴年费失效", None),
])
def test_legal_status_words_map_to_a_status_and_are_kept(word, status):
    if status is None:  # no recognised word inside an unseparated compound
        assert problems(status=word) == [("status", f.MSG_STATUS_UNKNOWN)]
        return
    record = parse(status=word)
    assert (record.status, record.legal_status) == (status, word)


@pytest.mark.parametrize("name", f.STATUSES)
def test_english_status_names_keep_no_legal_status_text(name):
    record = parse(status=name.upper())
    assert (record.status, record.legal_status) == (name, "")


def test_an_empty_status_follows_the_grant_date():
    assert parse(status="").status == "granted"
    assert parse(status="", grant_date="").status == "pending"


def test_an_unknown_status_is_an_error():
    assert problems(status="转让") == [("status", f.MSG_STATUS_UNKNOWN)]


# --- IPC ---------------------------------------------------------------------------------


def test_ipc_symbols_are_normalised_in_order_without_repeats():
    record = parse(ipc="h01m4/525 ；H01M 10/0525(2010.01)I, H01M  4/525，C01G 53/00")
    assert record.ipc == ("H01M 4/525", "H01M 10/0525", "C01G 53/00")
    assert parse(ipc="").ipc == ()


def test_a_main_classification_column_comes_first():
    record = parse_patent(row(ipc="H01M 10/0525; H01M 4/525", main_ipc="H01M 4/525"),
                          today=TODAY)
    assert record.ipc == ("H01M 4/525", "H01M 10/0525")
    with pytest.raises(RowErrors) as info:
        parse_patent(row(main_ipc="H01M 4/525; H01M 4/505"), today=TODAY)
    assert [e.template for e in info.value.errors] == [f.MSG_IPC_MAIN_ONE]


def test_every_unparsable_ipc_symbol_is_named():
    with pytest.raises(RowErrors) as info:
        parse(ipc="H01M 4/525; H01M; Z99Q 1/00")
    assert [(e.field, e.template, e.params) for e in info.value.errors] == [
        ("ipc", f.MSG_IPC_INVALID, {"symbol": "H01M"}),
        ("ipc", f.MSG_IPC_INVALID, {"symbol": "Z99Q 1/00"})]


def test_a_design_has_no_ipc():
    assert problems(application_number=DESIGN, kind="外观设计", ipc="H01M 4/525") == [
        ("ipc", r.MSG_IPC_DESIGN)]
    assert problems(application_number=DESIGN, kind="", ipc="B60L 53/16") == [
        ("ipc", r.MSG_IPC_DESIGN)]
    assert parse(application_number=DESIGN, kind="外观设计", ipc="").ipc == ()


# --- owners ------------------------------------------------------------------------------


def test_owner_shares_in_ascii_or_full_width_notation():
    record = parse(owners="吉林大学：33.5%；长春示例有限公司:66.50 ;")
    assert record.owners == (OwnerShare("吉林大学", D("33.50")),
                             OwnerShare("长春示例有限公司", D("66.50")))


def test_owners_without_shares_get_equal_shares():
    record = parse(owners="甲大学; 乙公司; 丙研究所")
    assert [o.share for o in record.owners] == [D("33.34"), D("33.33"), D("33.33")]


@pytest.mark.parametrize(("owners", "template"), [
    ("", f.MSG_OWNERS_REQUIRED),
    (" ; ；", f.MSG_OWNERS_REQUIRED),
    ("吉林大学:60; 某公司:30", f.MSG_SHARES_SUM),
    ("吉林大学:60; 某公司:40.01", f.MSG_SHARES_SUM),
    ("吉林大学:60; 某公司", f.MSG_SHARES_MIXED),
    ("吉林大学:100; 某公司:0", f.MSG_SHARE_POSITIVE),
    ("吉林大学:33.333; 某公司:66.67", f.MSG_SHARE_INVALID),
    ("吉林大学:六十; 某公司:40", f.MSG_SHARE_INVALID),
    ("吉林大学:-10; 某公司:110", f.MSG_SHARE_INVALID),
    (":100", f.MSG_OWNER_NAME),
    ("吉林大学; 吉林大学", f.MSG_OWNER_DUPLICATE),
])
def test_bad_owners(owners, template):
    assert problems(owners=owners) == [("owners", template)]


def test_the_share_total_is_reported():
    with pytest.raises(RowErrors) as info:
        parse(owners="吉林大学:60; 某公司:30.5")
    assert info.value.errors[0].params == {"total": "90.50"}


# --- inventors and errors ------------------------------------------------------------------


def test_inventors_split_blanks_dropped_repeats_removed_in_order():
    assert parse(inventors="王明；李华，王明, ;赵丽;").inventors == ("王明", "李华", "赵丽")
    assert parse(inventors="").inventors == ()


def test_every_problem_of_a_row_is_reported_with_its_field():
    fields = [field for field, _ in problems(
        application_number=wrong_check(INVENTION), title="", kind="商标", status="转让",
        filing_date="2021-13-01", publication_date="soon", ipc="X", owners="甲:50; 乙:20")]
    assert fields == ["application_number", "title", "kind", "filing_date",
                      "publication_date", "status", "ipc", "owners"]


def test_errors_survive_pickling_with_their_field():
    error = FieldError("ipc", f.MSG_IPC_INVALID, {"symbol": "X"})
    copy = pickle.loads(pickle.dumps(RowErrors([error])))
    assert (copy.errors[0].field, copy.errors[0].params) == ("ipc", {"symbol": "X"})
    assert str(copy) == 'The IPC symbol "X" does not parse (expected e.g. H01M 10/0525).'


def test_number_cells_from_a_spreadsheet_are_read_as_text():
    record = parse(application_number=float(INVENTION), filing_date=20210315,
                   title=12345, inventors=None)
    assert (record.application_number, record.filing_date, record.title) == (
        INVENTION, datetime.date(2021, 3, 15), "12345")


@pytest.mark.parametrize(("changes", "field", "limit"), [
    ({"status": "有效" + "-" * 59}, "status", f.LEGAL_STATUS_MAX),
    ({"owners": "吉" * 201}, "owners", f.OWNER_NAME_MAX),
    ({"inventors": "王明; " + "李" * 101}, "inventors", f.INVENTOR_NAME_MAX),
])
def test_texts_longer_than_their_columns_are_errors(changes, field, limit):
    with pytest.raises(RowErrors) as info:
        parse(**changes)
    [error] = info.value.errors
    assert (error.field, error.template, error.params["max"]) == (field, f.MSG_TOO_LONG, limit)
    shorter = {key: value[:-1] for key, value in changes.items()}
    assert parse(**shorter)


def test_an_ipc_symbol_longer_than_any_real_one_is_refused():
    assert parse(ipc="H01M 1234/123456").ipc == ("H01M 1234/123456",)
    assert parse(ipc="H01M 1234/1234567890").ipc == ("H01M 1234/1234567890",)  # 20
    assert problems(ipc="H01M 1234/12345678901") == [("ipc", f.MSG_IPC_INVALID)]


def test_messages_quote_at_most_40_characters_of_a_cell():
    with pytest.raises(RowErrors) as info:
        parse(status="转" * 50, filing_date="9" * 100, owners="甲" * 300)
    quoted = [value for error in info.value.errors for value in error.params.values()
              if isinstance(value, str)]
    assert quoted == ["9" * 40 + "…", "转" * 40 + "…", "甲" * 40 + "…"]
