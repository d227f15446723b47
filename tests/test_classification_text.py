"""Tests for the text side of alliance.classification: tokenizer, TF-IDF index, SEI matches."""

import pytest

from alliance.classification import sei_matches
from alliance.classification.mappings import SeiCategory, sei_categories
from alliance.classification.sei import (
    MIN_SCORE,
    build_index,
    default_index,
    scope_text,
)
from alliance.classification.textindex import (
    TfidfIndex,
    matched_phrases,
    normalise,
    terms,
)


def _texts(text):
    return [t.text for t in terms(normalise(text))]


def test_chinese_runs_become_bigrams_without_boilerplate():
    assert _texts("一种锂电池正极") == ["锂电", "电池", "池正", "正极"]
    assert _texts("钢") == ["钢"]  # a one-character run is kept whole
    # function characters make bigrams that straddle two words: dropped
    assert "料及" not in _texts("正极材料及其制备方法")
    assert "电池" in _texts("电池的")


def test_english_words_pairs_stems_and_full_width():
    got = _texts("Ｌｉｔｈｉｕｍ-ion batteries for the anodes")
    assert got == ["lithium", "lithium ion", "ion", "ion battery", "battery", "anode"]
    assert _texts("neural networks; deep") == ["neural", "neural network", "network", "deep"]
    assert _texts("the method of a system") == []


def test_term_spans_point_into_the_text():
    text = normalise("一种芯片 Deep-learning models")
    spans = {t.text: text[t.start : t.end] for t in terms(text)}
    assert spans == {
        "芯片": "芯片",
        "deep": "deep",
        "deep learning": "deep-learning",
        "learning": "learning",
        "learning model": "learning models",
        "model": "models",
    }


def test_index_cosine_and_shared_terms():
    index = TfidfIndex({"a": "锂电池正极材料", "b": "风力发电机组", "c": "正极材料；纳米"})
    hits = index.search(index.query_weights(terms(normalise("锂电池"))))
    assert [h.key for h in hits] == ["a"]
    assert 0 < hits[0].score <= 1
    assert hits[0].matched == {"锂电", "电池"}
    assert index.search(index.query_weights(terms("雨伞"))) == []
    # a term found in fewer documents weighs more
    assert index.idf["锂电"] > index.idf["正极"]
    same = index.search(index.query_weights(terms("锂电池正极材料")))[0]
    assert same.key == "a" and same.score == pytest.approx(1.0)


def test_matched_phrases_merge_overlapping_bigrams():
    text = "一种锂离子电池正极材料，用于电池"
    found = matched_phrases(text, terms(text), {"锂离", "离子", "子电", "电池", "材料"})
    assert found == ["锂离子电池", "材料", "电池"]


def test_scope_text_drops_exclusions_and_keyword_notes():
    texts = ("不包含非机动车。", "稀土相关关键词", "除航天以外的飞机制造。")
    category = SeiCategory("5.1", "新能源汽车整车制造", texts)
    assert scope_text(category) == "新能源汽车整车制造；稀土；飞机制造"
    nev = scope_text(default_index().categories["5.1"])
    assert "非机动车" not in nev and "新能源车整车制造" in nev


def test_excluded_words_do_not_match():
    codes = [m.code for m in sei_matches("一种非机动车停车架", "")]
    assert not any(code.startswith("5") for code in codes)


def test_categories_loaded_with_added_vocabulary():
    categories = {c.code: c for c in sei_categories()}
    assert len(categories) == 40
    assert categories["1.5"].name == "人工智能"
    assert any("深度学习" in t for t in categories["1.5"].texts)  # sei_extra_keywords.csv
    assert any("生物特征识别软件" in t for t in categories["1.5"].texts)  # CNIPA scope


def test_index_is_built_once():
    assert default_index() is default_index()


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        ("一种锂离子电池正极材料及其制备方法", "", {"3.6", "5.2"}),
        ("一种抗肿瘤药物组合物", "", {"4.1"}),
        ("基于深度学习的图像识别方法", "", {"1.5"}),
        ("A deep neural network for image recognition", "", {"1.5"}),
        ("一种风力发电机组叶片的变桨控制方法", "", {"6.2"}),
        ("一种钙钛矿太阳能电池", "", {"6.3"}),
        ("一种数字博物馆文物三维展示方法", "", {"8.4"}),
        ("一种城市污水处理厂污泥的脱水方法", "", {"7.2"}),
    ],
)
def test_sei_ranking(title, abstract, expected):
    matches = sei_matches(title, abstract)
    assert matches[0].code in expected
    assert all(m.score >= MIN_SCORE for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_battery_cathode_ranks_vehicle_battery_and_material_categories_first():
    codes = [m.code for m in sei_matches("一种锂离子电池正极材料及其制备方法", "")]
    assert set(codes[:2]) == {"3.6", "5.2"}


def test_match_quotes_the_patent_words():
    match = sei_matches("一种抗肿瘤药物组合物", "")[0]
    assert match.name == "生物医药产业"
    assert match.terms == ("药物组合物", "抗肿瘤")
    english = sei_matches("Monoclonal antibody against PD-1 for treating cancer", "")[0]
    assert english.code == "4.1"
    assert {"monoclonal antibody", "cancer"} <= set(english.terms)


def test_title_weighs_more_than_abstract():
    wind, solar = "风电叶片变桨", "光伏组件逆变器"
    first = sei_matches(wind, solar)[0].code
    second = sei_matches(solar, wind)[0].code
    assert (first, second) == ("6.2", "6.3")


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("", ""),
        ("   ", None),
        ("一种折叠雨伞", "伞骨采用铰接结构，收折方便。"),
        ("一种可调节高度的办公桌", "桌腿内设有升降机构。"),
        ("A folding umbrella", "The ribs are hinged so that the umbrella folds compactly."),
        ("一种鞋垫", "鞋垫表面设有按摩凸点。"),
    ],
)
def test_unrelated_text_matches_nothing(title, abstract):
    assert sei_matches(title, abstract) == []


def test_single_shared_term_is_not_enough_evidence():
    # 电池 alone is shared with several categories, but one bigram is not a match
    assert sei_matches("电池", "") == []


def test_ipc_symbols_count_through_an_ipc_sei_concordance():
    assert sei_matches("一种壳体", "", ["H01M 10/0525"]) == []
    got = sei_matches("一种壳体", "", ["H01M 10/0525"], ipc_sei={"H01M  10/%": ["5.2"]})
    assert [(m.code, m.symbols, m.terms) for m in got] == [("5.2", ("H01M 10/0525",), ())]
    assert got[0].score == 0.5
    # the padding matters: main group 1 is not main group 10
    assert sei_matches("一种壳体", "", ["H01M 10/0525"], ipc_sei={"H01M   1/%": ["5.2"]}) == []


def test_custom_index():
    index = build_index([SeiCategory("9.9", "测试", ("雨伞；折叠雨伞；伞骨",))])
    assert [m.code for m in sei_matches("一种折叠雨伞", "", index=index)] == ["9.9"]
