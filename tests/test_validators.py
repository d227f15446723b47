"""Tests for alliance.validators (examples and hypothesis properties)."""

import datetime
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance import validators as v
from alliance.validators import (
    IpcSymbol,
    ValidationError,
    application_kind,
    cn_check_char,
    is_valid_cn_application_number,
    is_valid_ipc,
    is_valid_uscc,
    normalize_cn_application_number,
    normalize_uscc,
    parse_ipc,
    parse_ipc_subclass,
    patent_number,
    uscc_check_char,
)

hyp = settings(database=None, max_examples=200)

USCC_VALID = ["9144030071526726XG", "91330100799655058B"]
APP_VALID = [
    "201710601862.3",
    "201710117081.7",
    "201610311380.X",
    "201580013987.3",
    "95115608.X",
    "88100001",
]
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _raises(func, arg, template):
    with pytest.raises(ValidationError) as info:
        func(arg)
    assert info.value.template == template
    return info.value


# --- ValidationError -------------------------------------------------------------


def test_validation_error_shape():
    err = _raises(normalize_uscc, "9144030071526726XA", v.MSG_USCC_CHECK)
    assert isinstance(err, ValueError)
    assert err.params == {"expected": "G", "found": "A"}
    assert str(err) == "The USCC check character should be G, not A."
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.template, copy.params, str(copy)) == (err.template, err.params, str(err))


def test_n_marker_is_identity():
    assert v.N_("abc %(x)s") == "abc %(x)s"


# --- USCC -------------------------------------------------------------------------


@pytest.mark.parametrize("code", USCC_VALID)
def test_uscc_valid(code):
    assert normalize_uscc(code) == code
    assert is_valid_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]
    assert uscc_check_char(code[:17].lower()) == code[17]


@pytest.mark.parametrize(
    "raw", [" 9144030071526726xg ", "9144030071526726Xg\t", "\n9144030071526726XG"]
)
def test_uscc_case_and_surrounding_space(raw):
    assert normalize_uscc(raw) == "9144030071526726XG"


@pytest.mark.parametrize(
    ("raw", "template"),
    [
        ("9144030071526726X", v.MSG_USCC_LENGTH),
        ("9144030071526726XGG", v.MSG_USCC_LENGTH),
        ("", v.MSG_USCC_LENGTH),
        ("9144 030071526726XG", v.MSG_USCC_LENGTH),
        ("914403-0071526726X", v.MSG_USCC_CHAR),
        ("9144 030071526726X", v.MSG_USCC_CHAR),
        ("9144030071526726IG", v.MSG_USCC_CHAR),
        ("9144030071526726OG", v.MSG_USCC_CHAR),
        ("9144030071526726SG", v.MSG_USCC_CHAR),
        ("9144030071526726VG", v.MSG_USCC_CHAR),
        ("9144030071526726ZG", v.MSG_USCC_CHAR),
        ("9144030071526726Xı", v.MSG_USCC_CHAR),
        ("914403007152672６XG", v.MSG_USCC_CHAR),
        ("91A4030071526726XG", v.MSG_USCC_DIVISION),
        ("9144030071526726XA", v.MSG_USCC_CHECK),
        ("91330100799655058C", v.MSG_USCC_CHECK),
    ],
)
def test_uscc_invalid(raw, template):
    _raises(normalize_uscc, raw, template)
    assert not is_valid_uscc(raw)


def test_uscc_messages_name_details():
    assert "17" in str(_raises(normalize_uscc, "9144030071526726X", v.MSG_USCC_LENGTH))
    assert '"O"' in str(_raises(normalize_uscc, "9144030071526726OG", v.MSG_USCC_CHAR))
    assert "should be G" in str(_raises(normalize_uscc, "9144030071526726X0", v.MSG_USCC_CHECK))


@pytest.mark.parametrize("value", [None, 9144030071526726, b"9144030071526726XG", ["x"]])
def test_uscc_non_str(value):
    assert is_valid_uscc(value) is False
    with pytest.raises(ValueError):
        normalize_uscc(value)


@pytest.mark.parametrize("bad", ["914403007152672", "914403007152672I6X", 12345678901234567])
def test_uscc_check_char_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        uscc_check_char(bad)


def test_uscc_check_char_covers_every_residue():
    # First character has weight 1, so the sum is its value k; check = (31 - k) mod 31.
    for k, c in enumerate(ALPHABET):
        assert uscc_check_char(c + "0" * 16) == ALPHABET[(31 - k) % 31]
    assert uscc_check_char("1" + "0" * 16) == "Y"


def test_uscc_weights_detect_every_substitution_of_fixture():
    # 31 is prime and every weight is in 1..30, so w * delta != 0 (mod 31).
    assert all(0 < w < 31 for w in v.USCC_WEIGHTS)
    assert list(v.USCC_WEIGHTS) == [pow(3, i, 31) for i in range(17)]
    code = USCC_VALID[0]
    for i in range(18):
        for c in ALPHABET:
            mutated = code[:i] + c + code[i + 1 :]
            if 2 <= i < 8 and not c.isdigit():
                continue
            assert is_valid_uscc(mutated) is (c == code[i]), mutated


def _uscc_first17():
    any_char = st.sampled_from(ALPHABET)
    digit = st.sampled_from("0123456789")
    parts = [any_char] * 2 + [digit] * 6 + [any_char] * 9
    return st.tuples(*parts).map("".join)


@hyp
@given(_uscc_first17(), st.integers(0, 17), st.sampled_from(ALPHABET))
def test_uscc_property_check_char_and_single_substitution(first17, pos, new):
    code = first17 + uscc_check_char(first17)
    assert normalize_uscc(code) == code
    if new == code[pos]:
        new = ALPHABET[(ALPHABET.index(new) + 1) % 31]
    if 2 <= pos < 8:
        new = str((int(code[pos]) + 1 + ALPHABET.index(new) % 9) % 10)
    mutated = code[:pos] + new + code[pos + 1 :]
    assert mutated != code
    _raises(normalize_uscc, mutated, v.MSG_USCC_CHECK)
    assert not is_valid_uscc(mutated)


@hyp
@given(
    _uscc_first17(),
    st.lists(st.booleans(), min_size=18, max_size=18),
    st.sampled_from(["", " ", "\t", "  \n", "\u3000"]),
    st.sampled_from(["", " ", "\r\n"]),
)
def test_uscc_property_idempotent_case_space_insensitive(first17, lower, left, right):
    code = first17 + uscc_check_char(first17)
    variant = "".join(c.lower() if lo else c for c, lo in zip(code, lower, strict=True))
    assert normalize_uscc(left + variant + right) == code
    assert normalize_uscc(normalize_uscc(variant)) == normalize_uscc(variant)


# --- CN application numbers ---------------------------------------------------------


@pytest.mark.parametrize("number", APP_VALID)
def test_app_fixtures_valid(number):
    assert normalize_cn_application_number(number) == number
    assert is_valid_cn_application_number(number)
    assert patent_number(number) == "ZL" + number


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("CN201710601862.3", "201710601862.3"),
        ("ZL 201710601862.3", "201710601862.3"),
        ("zl2016103113 80x", "201610311380.X"),
        ("cn 2016 1 0311380.x", "201610311380.X"),
        ("2017106018623", "201710601862.3"),
        (" 95115608X ", "95115608.X"),
        ("ZL95115608.x", "95115608.X"),
        ("CN 88 1 00001", "88100001"),
        ("2015 8 0013987 . 3", "201580013987.3"),
    ],
)
def test_app_normalises_variants(raw, canonical):
    assert normalize_cn_application_number(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "template"),
    [
        ("201710601862.4", v.MSG_APP_CHECK),
        ("201610311380.0", v.MSG_APP_CHECK),
        ("95115608.1", v.MSG_APP_CHECK),
        ("201740601862.3", v.MSG_APP_KIND),
        ("201700601862.3", v.MSG_APP_KIND),
        ("95415608.X", v.MSG_APP_KIND),
        ("88400001", v.MSG_APP_KIND),
        ("201710601862", v.MSG_APP_CHECK_MISSING),
        ("95115608", v.MSG_APP_CHECK_MISSING),
        ("88100001.5", v.MSG_APP_CHECK_UNEXPECTED),
        ("881000015", v.MSG_APP_CHECK_UNEXPECTED),
        ("84100001", v.MSG_APP_OLD_YEAR),
        ("04100001.0", v.MSG_APP_OLD_YEAR),
        ("200210601862.3", v.MSG_APP_YEAR),
        ("199910601862.3", v.MSG_APP_YEAR),
        ("", v.MSG_APP_FORMAT),
        ("CN", v.MSG_APP_FORMAT),
        ("2017106018.3", v.MSG_APP_FORMAT),
        ("201710601862.", v.MSG_APP_FORMAT),
        ("201710601862.33", v.MSG_APP_FORMAT),
        ("201710601862-3", v.MSG_APP_FORMAT),
        ("US201710601862.3", v.MSG_APP_FORMAT),
        ("２01710601862.3", v.MSG_APP_FORMAT),
        ("CNZL201710601862.3", v.MSG_APP_FORMAT),
    ],
)
def test_app_invalid(raw, template):
    _raises(normalize_cn_application_number, raw, template)
    assert not is_valid_cn_application_number(raw)


def test_app_year_upper_bound():
    year = datetime.date.today().year
    for y, ok in [(year + 1, True), (year + 2, False)]:
        digits = f"{y}1" + "0000001"
        number = f"{digits}.{cn_check_char(digits)}"
        assert is_valid_cn_application_number(number) is ok


def test_app_messages_name_expected():
    err = _raises(normalize_cn_application_number, "201710601862.4", v.MSG_APP_CHECK)
    assert "should be 3" in str(err)
    err = _raises(normalize_cn_application_number, "201710601862", v.MSG_APP_CHECK_MISSING)
    assert "missing" in str(err)


@pytest.mark.parametrize("value", [None, 201710601862, b"88100001"])
def test_app_non_str(value):
    assert is_valid_cn_application_number(value) is False


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("201710601862.3", "invention"),
        ("201580013987.3", "pct_invention"),
        ("95115608.X", "invention"),
        ("88100001", "invention"),
        ("ZL 201610311380.x", "invention"),
    ],
)
def test_application_kind(number, kind):
    assert application_kind(number) == kind


def test_application_kind_all_kinds():
    for digit, kind in [
        ("1", "invention"),
        ("2", "utility_model"),
        ("3", "design"),
        ("8", "pct_invention"),
        ("9", "pct_utility_model"),
    ]:
        new = f"2018{digit}0000001"
        old = f"96{digit}00001"
        assert application_kind(f"{new}.{cn_check_char(new)}") == kind
        assert application_kind(f"{old}.{cn_check_char(old)}") == kind


def test_application_kind_rejects_invalid():
    with pytest.raises(ValueError):
        application_kind("201740601862.3")
    with pytest.raises(ValueError):
        patent_number("201710601862.4")


@pytest.mark.parametrize("bad", ["1234567", "1234567890123", "2017106018X2", None])
def test_cn_check_char_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        cn_check_char(bad)


def test_cn_check_char_residues():
    # The last of eight digits has weight 9: 9 * d mod 11, with 10 written X.
    expected = ["0", "9", "7", "5", "3", "1", "X", "8", "6", "4"]
    assert [cn_check_char("0000000" + str(d)) for d in range(10)] == expected
    assert cn_check_char("000000000001") == "5"


@st.composite
def _app_numbers(draw):
    kind = draw(st.sampled_from("12389"))
    form = draw(st.sampled_from(["new", "old", "oldest"]))
    if form == "new":
        year = draw(st.integers(2003, datetime.date.today().year + 1))
        digits = f"{year}{kind}{draw(st.integers(0, 9_999_999)):07d}"
    else:
        yy = draw(
            st.sampled_from([85, 86, 87, 88] if form == "oldest" else [*range(89, 100), 0, 1, 2, 3])
        )
        digits = f"{yy:02d}{kind}{draw(st.integers(0, 99_999)):05d}"
    return digits if form == "oldest" else f"{digits}.{cn_check_char(digits)}"


@hyp
@given(
    _app_numbers(),
    st.sampled_from(["", "CN", "ZL", "cn ", "zl ", "Cn", "ZL  "]),
    st.booleans(),
    st.booleans(),
    st.lists(st.integers(0, 14), max_size=4),
)
def test_app_property_variants_round_trip(number, prefix, drop_dot, lower, spaces):
    assert normalize_cn_application_number(number) == number
    body = number.replace(".", "") if drop_dot else number
    body = body.lower() if lower else body
    for pos in sorted(spaces, reverse=True):
        body = body[:pos] + " " + body[pos:]
    variant = prefix + body
    assert normalize_cn_application_number(variant) == number
    assert normalize_cn_application_number(normalize_cn_application_number(variant)) == number


@hyp
@given(_app_numbers(), st.integers(0, 11), st.integers(1, 9))
def test_app_property_single_digit_change_detected(number, pos, delta):
    # 11 is prime, weights are 2..9 and |digit delta| is 1..9, so w * delta != 0 (mod 11).
    digits = number.split(".")[0]
    pos %= len(digits)
    new_digit = str((int(digits[pos]) + delta) % 10)
    mutated = digits[:pos] + new_digit + digits[pos + 1 :]
    assert cn_check_char(mutated) != cn_check_char(digits)
    if "." in number:
        assert not is_valid_cn_application_number(f"{mutated}.{number[-1]}")


def test_app_every_single_digit_change_of_fixture_detected():
    for number in ["201710601862.3", "95115608.X"]:
        digits, check = number.split(".")
        for i in range(len(digits)):
            for d in "0123456789":
                mutated = digits[:i] + d + digits[i + 1 :]
                assert (cn_check_char(mutated) == check) is (mutated == digits)


# --- IPC ------------------------------------------------------------------------------


def test_parse_ipc_fields():
    parsed = parse_ipc("H01M 10/0525")
    assert parsed == IpcSymbol(symbol="H01M 10/0525", subclass="H01M", main_group="H01M 10/00")
    symbol, subclass, main_group = parsed
    assert (symbol, subclass, main_group) == ("H01M 10/0525", "H01M", "H01M 10/00")
    assert (parsed.section, parsed.ipc_class, parsed.group, parsed.subgroup) == (
        "H", "H01", 10, "0525")


@pytest.mark.parametrize(
    ("raw", "symbol"),
    [
        ("H01M10/0525", "H01M 10/0525"),
        ("h01m  10 / 0525", "H01M 10/0525"),
        ("H01M  10/0525", "H01M 10/0525"),
        ("H04N   3/00", "H04N 3/00"),
        ("H01M0010/0525", "H01M 10/0525"),
        (" a61k 31/00 ", "A61K 31/00"),
        ("G06F 2212/1021", "G06F 2212/1021"),
    ],
)
def test_parse_ipc_normalises(raw, symbol):
    assert parse_ipc(raw).symbol == symbol
    assert is_valid_ipc(raw)


def test_parse_ipc_main_group_symbol():
    parsed = parse_ipc("H04N   3/00")
    assert (parsed.main_group, parsed.group, parsed.subgroup) == ("H04N 3/00", 3, "00")


@pytest.mark.parametrize(
    ("raw", "template"),
    [
        ("I01M 10/0525", v.MSG_IPC_SECTION),
        ("Z99Z 1/00", v.MSG_IPC_SECTION),
        ("", v.MSG_IPC_SECTION),
        ("HA1M 10/0525", v.MSG_IPC_CLASS),
        ("H1M 10/0525", v.MSG_IPC_CLASS),
        ("H011 10/0525", v.MSG_IPC_SUBCLASS),
        ("H01", v.MSG_IPC_SUBCLASS),
        ("H01M", v.MSG_IPC_SLASH),
        ("H01M 10", v.MSG_IPC_SLASH),
        ("H01M /00", v.MSG_IPC_MAIN_GROUP),
        ("H01M 12345/00", v.MSG_IPC_MAIN_GROUP),
        ("H01M 0/00", v.MSG_IPC_MAIN_GROUP),
        ("H01M 1A/00", v.MSG_IPC_MAIN_GROUP),
        ("H01M 10/5", v.MSG_IPC_SUBGROUP),
        ("H01M 10/", v.MSG_IPC_SUBGROUP),
        ("H01M 10/05/25", v.MSG_IPC_SUBGROUP),
        ("H01M 10/05a", v.MSG_IPC_SUBGROUP),
        ("H01M 10/0525 ", None),
        ("H01ı 10/0525", v.MSG_IPC_CHARS),
    ],
)
def test_parse_ipc_invalid(raw, template):
    if template is None:  # trailing space is fine: control case
        assert is_valid_ipc(raw)
        return
    _raises(parse_ipc, raw, template)
    assert not is_valid_ipc(raw)


@pytest.mark.parametrize("value", [None, 10, b"H01M 10/0525"])
def test_ipc_non_str(value):
    assert is_valid_ipc(value) is False


@pytest.mark.parametrize(
    ("raw", "subclass"), [("H01M", "H01M"), (" h01m ", "H01M"), ("a61 k", "A61K")]
)
def test_parse_ipc_subclass(raw, subclass):
    assert parse_ipc_subclass(raw) == subclass


@pytest.mark.parametrize("raw", ["H01", "I01M", "H01M 10/00", "H0MM", "", "H01M1"])
def test_parse_ipc_subclass_invalid(raw):
    _raises(parse_ipc_subclass, raw, v.MSG_IPC_SUBCLASS_ONLY)


_SP = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def _ipc_texts(draw):
    section = draw(st.sampled_from("ABCDEFGHabcdefgh"))
    cls = f"{draw(st.integers(0, 99)):02d}"
    sub = draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz"))
    group = draw(st.integers(1, 9999))
    main = str(group).zfill(draw(st.integers(len(str(group)), 4)))
    subgroup = draw(st.from_regex(r"[0-9]{2,6}", fullmatch=True))
    parts = [section, cls, sub, draw(_SP), main, draw(_SP), "/", draw(_SP), subgroup]
    return draw(_SP) + "".join(parts[:3]) + draw(_SP) + "".join(parts[3:]) + draw(_SP)


@hyp
@given(_ipc_texts())
def test_ipc_property_idempotent(text):
    parsed = parse_ipc(text)
    assert parse_ipc(parsed.symbol) == parsed
    assert parsed.symbol == f"{parsed.subclass} {parsed.group}/{parsed.subgroup}"
    assert parsed.main_group == f"{parsed.subclass} {parsed.group}/00"
    assert parsed.subclass.startswith(parsed.ipc_class) and parsed.ipc_class[0] == parsed.section
    assert parse_ipc_subclass(parsed.subclass) == parsed.subclass


@hyp
@given(st.text(alphabet="AHIMZ0123456789/ ahm\t", max_size=16))
def test_ipc_property_arbitrary_text(text):
    if is_valid_ipc(text):
        parsed = parse_ipc(text)
        assert parse_ipc(parsed.symbol) == parsed
        compact = "".join(text.split()).upper()
        assert compact.startswith(parsed.subclass)
        assert compact.endswith("/" + parsed.subgroup)
        assert int(compact[4:].split("/")[0]) == parsed.group
    else:
        with pytest.raises(ValueError):
            parse_ipc(text)
