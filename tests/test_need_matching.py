"""Need matching without a database: IPC levels, Chinese and English text, and a small
labelled set where the right listing must rank first."""

import pytest

from alliance.need_matching import (
    MSG_SAME_GROUP,
    MSG_SAME_SUBCLASS,
    MSG_SAME_SYMBOL,
    MSG_TERMS,
    Candidate,
    NeedText,
    best_per_owner,
    ipc_overlap,
    parse_symbols,
    rank,
    split_symbols,
    term_set,
    text_similarity,
)
from alliance.validators import ValidationError

LISTINGS = [
    Candidate("battery", "uni-a",
              "一种锂电池正极材料及其制备方法 提高锂离子电池的能量密度和循环寿命",
              ("H01M 4/13", "H01M 10/0525")),
    Candidate("vision", "uni-b", "一种基于深度学习的图像识别方法 用于工业产品表面缺陷检测",
              ("G06V 10/82", "G06T 7/00")),
    Candidate("medicine", "inst-c", "一种治疗糖尿病的中药组合物 降低血糖", ("A61K 36/00",)),
    Candidate("fuel-cell", "uni-d", "Membrane electrode assembly for a hydrogen fuel cell stack "
              "with a thin proton exchange membrane", ("H01M 8/1004",)),
    Candidate("alloy", "inst-e", "高强度铝合金及其热处理工艺 High-strength aluminium alloy and "
              "its heat treatment", ("C22C 21/00", "C22F 1/04")),
    Candidate("battery-case", "firm-f", "一种电池外壳 Battery casing", ("H01M 50/10",)),
]

LABELLED = [
    (NeedText("需要高能量密度的锂电池正极材料", parse_symbols(["H01M 4/36"])), "battery"),
    (NeedText("寻找工业零件表面缺陷的图像识别算法"), "vision"),
    (NeedText("Membrane electrode for a fuel cell stack", parse_symbols(["H01M 8/10"])),
     "fuel-cell"),
    (NeedText("降血糖的中药 糖尿病"), "medicine"),
    (NeedText("aluminium alloy with high strength after heat treatment"), "alloy"),
    (NeedText("铝合金 热处理", parse_symbols(["C22F 1/04"])), "alloy"),
]


@pytest.mark.parametrize("need,expected", LABELLED, ids=[e for _n, e in LABELLED])
def test_the_right_listing_ranks_first(need, expected):
    ranked = rank(need, LISTINGS)
    assert ranked and ranked[0].key == expected, [(m.key, m.score) for m in ranked]


def test_same_symbol_beats_same_group_beats_same_subclass():
    wanted = parse_symbols(["H01M 4/13"])
    same, reasons_same = ipc_overlap(wanted, ["H01M 4/13"])
    group, reasons_group = ipc_overlap(wanted, ["H01M 4/36"])
    subclass, reasons_subclass = ipc_overlap(wanted, ["H01M 10/0525"])
    other, reasons_other = ipc_overlap(wanted, ["G06V 10/82"])
    assert same > group > subclass > other == 0
    assert [r.template for r in reasons_same] == [MSG_SAME_SYMBOL]
    assert [r.template for r in reasons_group] == [MSG_SAME_GROUP]
    assert reasons_group[0].params == {"group": "H01M 4/00", "theirs": "H01M 4/36"}
    assert [r.template for r in reasons_subclass] == [MSG_SAME_SUBCLASS]
    assert reasons_other == []


def test_ipc_score_averages_over_the_need_symbols():
    wanted = parse_symbols(["H01M 4/13", "G06V 10/82"])
    score, reasons = ipc_overlap(wanted, ["H01M 4/13"])
    assert score == pytest.approx(0.5)
    assert len(reasons) == 1


def test_chinese_text_matches_by_bigrams_and_explains_the_shared_words():
    need = NeedText("锂电池正极材料")
    [match] = rank(need, [LISTINGS[0]])
    assert match.text > 0.3 and match.ipc == 0
    terms_reason = [r for r in match.reasons if r.template == MSG_TERMS]
    assert terms_reason and "锂电池正极材料" in terms_reason[0].params["terms"]
    assert "Shared terms" in str(terms_reason[0])


def test_unrelated_text_scores_nothing_and_is_left_out():
    assert text_similarity(term_set("锂电池"), term_set("中药组合物")) == 0
    assert rank(NeedText("旅游线路设计"), LISTINGS) == []


def test_without_ipc_the_score_is_the_text_similarity_alone():
    need = NeedText("图像识别")
    [match, *_] = rank(need, LISTINGS)
    assert match.score == match.text


def test_symbols_are_parsed_and_refused_when_they_do_not_parse():
    assert split_symbols("H01M 4/13；h01m10/0525,G06V 10/82") == [
        "H01M 4/13", "h01m10/0525", "G06V 10/82"]
    assert [s.symbol for s in parse_symbols(["h01m10/0525", "H01M 10/0525"])] == [
        "H01M 10/0525"]
    with pytest.raises(ValidationError):
        parse_symbols(["H01M"])


def test_best_per_owner_keeps_each_organisation_once():
    need = NeedText("电池", parse_symbols(["H01M 4/13"]))
    matches = rank(need, LISTINGS + [Candidate("battery-2", "uni-a", "电池", ("H01M 4/13",))])
    owners = [m.owner for m in best_per_owner(matches)]
    assert len(owners) == len(set(owners)) and owners[0] == "uni-a"


def test_shared_terms_quote_whole_words_once():
    need = NeedText("需要高能量密度的锂电池正极材料\n用于动力电池\n锂电池\n正极材料")
    [match] = rank(need, [LISTINGS[0]])
    terms = [r for r in match.reasons if r.template == MSG_TERMS][0].params["terms"]
    assert terms.split("、")[0] == "锂电池正极材料"
    assert "正极材料" not in terms.split("、")  # inside the longer phrase already
