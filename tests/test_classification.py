"""Tests for alliance.classification: WIPO fields, mappings and alliance suggestions."""

import pytest

from alliance.classification import (
    ALLIANCE_CODES,
    AllianceSuggestion,
    MappingRow,
    alliances_for_sei,
    load_sei_alliance_map,
    load_sei_alliance_rows,
    load_wipo_alliance_map,
    load_wipo_alliance_rows,
    mapping_from_rows,
    suggest_alliances,
    wipo_fields,
)
from alliance.classification import mappings as m
from alliance.classification import suggest as s
from alliance.classification.wipo import WipoConcordance, fixed_width, like_to_regex
from alliance.validators import ValidationError, parse_ipc

SEI_MAP = load_sei_alliance_map()
WIPO_MAP = load_wipo_alliance_map()

# Labelled set: realistic titles and abstracts written for these tests, with the alliance
# that should come first. (expected, IPC symbols with the main one first, title, abstract)
LABELLED = [
    (
        "nev",
        ["H01M 10/613", "B60L 58/26"],
        "一种电动汽车动力电池包的液冷热管理系统",
        "本发明涉及一种电动汽车动力电池包的液冷热管理系统，包括电池模组、液冷板、水泵和电池管理系"
        "统，电池管理系统根据电芯温度控制冷却液流量，使电池包内温差小于5℃。",
    ),
    (
        "nev",
        [],
        "电动汽车充电桩的充电枪锁止装置",
        "本实用新型公开了一种充电桩用充电枪锁止装置，防止充电过程中充电枪被拔出。",
    ),
    (
        "new-materials",
        ["H01M 4/525", "H01M 4/505"],
        "一种锂离子电池正极材料及其制备方法",
        "本发明公开了一种高镍三元正极材料，通过共沉淀法制备前驱体，再经高温固相烧结和氧化铝包覆，"
        "提高了正极材料的循环稳定性。",
    ),
    (
        "biomedicine",
        ["A61K 31/4745", "A61P 35/00"],
        "一种抗肿瘤药物组合物及其应用",
        "本发明提供一种含有喜树碱衍生物的药物组合物，用于制备治疗肺癌、结肠癌等肿瘤的药物。",
    ),
    (
        "biomedicine",
        [],
        "Humanized monoclonal antibody against PD-1 and use thereof",
        "The invention provides a humanized monoclonal antibody that binds PD-1, a pharmaceutical"
        " composition comprising the antibody, and its use in the treatment of cancer.",
    ),
    (
        "biomedicine",
        ["A61B 8/08"],
        "一种超声内窥镜探头",
        "本实用新型涉及医疗器械领域，公开了一种超声内窥镜探头，可在手术中实时成像。",
    ),
    (
        "electronics",
        ["G06N 3/08", "G06V 10/82"],
        "基于深度学习的图像识别方法",
        "本发明公开了一种基于卷积神经网络的图像识别方法，通过多尺度特征提取和注意力机制提高识别准"
        "确率。",
    ),
    (
        "electronics",
        ["H04W 72/04"],
        "Method for uplink resource allocation in a 5G wireless communication system",
        "A base station allocates uplink resources to user equipment according to channel quality"
        " reports.",
    ),
    (
        "electronics",
        [],
        "一种集成电路芯片的封装结构",
        "本发明涉及半导体技术领域，公开了一种芯片封装结构，包括基板、芯片和散热盖。",
    ),
    (
        "new-energy",
        ["F03D 7/02"],
        "一种风力发电机组的变桨控制方法",
        "根据风速和叶片载荷调节桨距角，降低风电机组的疲劳载荷。",
    ),
    (
        "new-energy",
        [],
        "Perovskite solar cell with a hole transport layer",
        "A perovskite photovoltaic device with improved power conversion efficiency and stability"
        ".",
    ),
    (
        "new-energy",
        [],
        "一种质子交换膜电解水制氢装置",
        "采用质子交换膜电解槽电解水制氢，提高制氢效率。",
    ),
    (
        "biochemical",
        ["C12P 7/56"],
        "一种以玉米淀粉为原料发酵生产L-乳酸的方法",
        "以玉米淀粉糖化液为碳源，采用凝结芽孢杆菌菌株发酵生产L-乳酸，用于制备聚乳酸。",
    ),
    (
        "biochemical",
        [],
        "一种玉米秸秆制备纤维素乙醇的方法",
        "对玉米秸秆进行预处理和酶解糖化，再发酵生产燃料乙醇。",
    ),
    (
        "advanced-equipment",
        ["B25J 9/16"],
        "一种工业机器人焊接路径规划方法",
        "根据焊缝的三维点云生成机械臂的焊接轨迹，实现自动化焊接。",
    ),
    (
        "advanced-equipment",
        [],
        "一种高速动车组转向架构架",
        "提高转向架的强度和轻量化水平。",
    ),
    (
        "energy-saving",
        ["C02F 11/12"],
        "一种城市污水处理厂污泥深度脱水方法",
        "向污泥中加入调理剂后进行板框压滤，降低污泥含水率，便于后续处置。",
    ),
    (
        "energy-saving",
        [],
        "Flue gas desulfurization and denitrification system for a coal-fired boiler",
        "Flue gas from the boiler passes a dust removal unit and a desulfurization tower.",
    ),
    (
        "culture",
        [],
        "一种基于虚拟现实的数字博物馆文物展示方法",
        "采集文物的三维模型，在虚拟现实环境中向观众展示文物及其文化背景。",
    ),
    (
        "culture",
        [],
        "一种动漫游戏角色的动作生成方法",
        "根据音乐节奏自动生成游戏动漫角色的舞蹈动作。",
    ),
    (
        "new-materials",
        [],
        "一种高强度铝合金板材的热处理工艺",
        "对铝合金板材进行固溶和时效热处理，提高其强度和耐腐蚀性能。",
    ),
    (
        "new-materials",
        [],
        "Graphene reinforced carbon fiber composite material",
        "A carbon fiber reinforced composite material containing graphene nanoplatelets.",
    ),
]


@pytest.mark.parametrize(("expected", "ipc", "title", "abstract"), LABELLED)
def test_labelled_patents_get_the_expected_alliance_first(expected, ipc, title, abstract):
    got = suggest_alliances(ipc, title, abstract, SEI_MAP, WIPO_MAP)
    assert got, "no suggestion"
    assert got[0].alliance == expected, [(g.alliance, g.score) for g in got]
    assert all(0 < g.score <= 1 and g.reasons for g in got)


def test_labelled_set_covers_every_alliance_but_tourism():
    assert len(LABELLED) >= 15
    assert {case[0] for case in LABELLED} == ALLIANCE_CODES - {"tourism"}
    assert any(case[2].isascii() for case in LABELLED)


def test_tourism_is_reached_through_sei_8_4():
    title, abstract = "一种景区游客流量监测与智慧导览系统", "为游客推荐游览路线，提升旅游体验。"
    got = suggest_alliances([], title, abstract, SEI_MAP, WIPO_MAP)
    assert {g.alliance for g in got} == {"culture", "tourism"}


@pytest.mark.parametrize(
    ("ipc", "title", "abstract"),
    [
        ([], "", ""),
        ([], "一种折叠雨伞", "伞骨采用铰接结构，收折方便。"),
        ([], "A folding umbrella", "The ribs are hinged so that the umbrella folds compactly."),
        ([], "一种婴儿推车的刹车结构", "推车后轮设置刹车踏板。"),
        (["A45B 19/00"], "一种折叠雨伞", ""),  # field 34, consumer goods: no alliance
        (["A47B 9/00"], "一种可调节高度的办公桌", "桌腿内设有升降机构。"),  # field 33
    ],
)
def test_unrelated_patents_get_no_suggestion(ipc, title, abstract):
    assert suggest_alliances(ipc, title, abstract, SEI_MAP, WIPO_MAP) == []


def test_reasons_are_templates_with_params():
    got = suggest_alliances(
        ["A61K 31/4745", "A61P 35/00"], "一种抗肿瘤药物组合物", "", SEI_MAP, WIPO_MAP
    )
    assert [g.alliance for g in got] == ["biomedicine"]
    rendered = [template % params for template, params in got[0].reasons]
    assert rendered == [
        "IPC A61K 31/4745 is in WIPO technology field 16 Pharmaceuticals",
        "IPC A61P 35/00 is in WIPO technology field 16 Pharmaceuticals",
        "Text matches SEI category 4.1 生物医药产业 (药物组合物、抗肿瘤)",
    ]
    assert got[0].reasons[0][0] is s.REASON_IPC


def test_score_combines_evidence():
    # the main symbol alone, in a field of its own: IPC_MAIN_WEIGHT
    only_main = suggest_alliances(["A61K 31/4745"], "", "", SEI_MAP, WIPO_MAP)
    assert [(g.alliance, g.score) for g in only_main] == [("biomedicine", s.IPC_MAIN_WEIGHT)]
    # a second symbol adds IPC_OTHER_WEIGHT as an independent signal
    two = suggest_alliances(["A61K 31/4745", "A61P 35/00"], "", "", SEI_MAP, WIPO_MAP)
    expected = 1 - (1 - s.IPC_MAIN_WEIGHT) * (1 - s.IPC_OTHER_WEIGHT)
    assert two[0].score == pytest.approx(expected)
    # a secondary symbol alone is below the threshold
    assert suggest_alliances(["H04K 1/00", "A61P 35/00"], "", "", {}, {16: ["biomedicine"]}) == []


def test_field_shared_by_several_alliances_weighs_less_for_each():
    wipo_map = {1: ["new-energy", "nev"]}
    shared = suggest_alliances(["H01M 10/0525"], "", "", {}, wipo_map, min_score=0)
    assert [(g.alliance, g.score) for g in shared] == [("nev", 0.25), ("new-energy", 0.25)]
    alone = suggest_alliances(["H01M 10/0525"], "", "", {}, {1: ["nev"]})
    assert [(g.alliance, g.score) for g in alone] == [("nev", 0.5)]


def test_mappings_are_arguments():
    title = "一种抗肿瘤药物组合物"
    assert suggest_alliances([], title, "", {}, {}) == []
    custom = suggest_alliances([], title, "", {"4": ["biochemical"]}, {})
    assert [g.alliance for g in custom] == ["biochemical"]
    both = suggest_alliances(["A61K 31/4745"], "", "", {}, {16: ["culture", "tourism"]})
    assert both == []  # 0.25 each, below MIN_SCORE
    assert suggest_alliances(["A61K 31/4745"], "", "", {}, {16: ["culture"]})[0].alliance == (
        "culture"
    )


def test_min_score_is_a_parameter():
    title = "一种质子交换膜电解水制氢装置"
    strict = suggest_alliances([], title, "", SEI_MAP, WIPO_MAP, min_score=0.99)
    loose = suggest_alliances([], title, "", SEI_MAP, WIPO_MAP, min_score=0.0)
    assert strict == [] and loose
    assert isinstance(loose[0], AllianceSuggestion)


def test_invalid_ipc_symbol_raises():
    with pytest.raises(ValidationError):
        suggest_alliances(["not an IPC"], "", "", SEI_MAP, WIPO_MAP)
    with pytest.raises(ValidationError):
        wipo_fields(["H01M"])


def test_sub_code_overrides_top_level_code():
    sei_map = {"4": ["biochemical"], "4.1": ["biomedicine"]}
    assert alliances_for_sei("4.1", sei_map) == ("biomedicine",)
    assert alliances_for_sei("4.3", sei_map) == ("biochemical",)
    assert alliances_for_sei("9.1", sei_map) == ()
    assert alliances_for_sei("3.3", SEI_MAP) == ("new-materials", "biochemical")
    assert alliances_for_sei("3.1", SEI_MAP) == ("new-materials",)
    assert alliances_for_sei("8.4", SEI_MAP) == ("culture", "tourism")


# --- WIPO fields: LIKE patterns in the fixed-width 4+4 layout ----------------------------


def test_fixed_width_layout():
    assert fixed_width(parse_ipc("H04N 3/08")) == "H04N   3/08"
    assert fixed_width(parse_ipc("h04n  21/2343")) == "H04N  21/2343"
    assert fixed_width(parse_ipc("H04N 101/00")) == "H04N 101/00"
    assert fixed_width(parse_ipc("A01B 1234/00")) == "A01B1234/00"


def test_like_to_regex():
    assert like_to_regex("H04N   3/%").fullmatch("H04N   3/08")
    assert not like_to_regex("H04N   3/%").fullmatch("H04N  13/08")
    assert like_to_regex("H01_%").fullmatch("H01M  10/0525")
    assert not like_to_regex("H01_%").fullmatch("H02M   1/00")
    assert not like_to_regex("A.B%").fullmatch("AXB")  # regex characters are literal


@pytest.mark.parametrize(
    ("symbol", "field"),
    [
        ("H04N 3/08", 2),  # H04N   3/% audio-visual
        ("H04N 1/00", 3),  # H04N   1/% telecommunications (facsimile)
        ("H04N 21/2343", 4),  # H04N  21/% digital communication
        ("H04N 13/00", 2),  # H04N  13/%, not H04N   1/% or H04N   3/%
        ("H04N 101/00", 2),
        ("A61K 8/02", 14),  # cosmetics: organic fine chemistry
        ("A61K 31/505", 16),  # pharmaceuticals
        ("A61K 38/00", 16),
        ("H01M 10/0525", 1),  # subclass pattern H01M%
        ("G06N 3/08", 6),
        ("F03D 7/02", 27),
        ("B60L 58/26", 32),
    ],
)
def test_wipo_fields(symbol, field):
    got = wipo_fields([symbol])
    assert [f.number for f in got] == [field]
    assert got[0].symbol == parse_ipc(symbol).symbol


def test_wipo_field_details_and_order():
    got = wipo_fields(["A61K 31/505", parse_ipc("H01M 10/0525"), "A61K  31/506"])
    assert [(f.number, f.symbol, f.pattern) for f in got] == [
        (16, "A61K 31/505", "A61K  31/%"),
        (1, "H01M 10/0525", "H01M%"),
        (16, "A61K 31/506", "A61K  31/%"),
    ]
    assert (got[0].name, got[0].sector) == ("Pharmaceuticals", "Chemistry")


def test_symbol_outside_the_concordance_has_no_field():
    assert wipo_fields(["G06V 10/82"]) == []  # G06V dates from 2022, after the concordance
    assert wipo_fields([]) == []


def test_unpadded_patterns_would_be_wrong():
    # the 4+4 layout is what tells main group 1 from main group 11 and 101
    concordance = WipoConcordance(
        [{"IPC_code": "H04N   1/%", "Field_number": "3", "Field_en": "T", "Sector_en": "E"}]
    )
    assert [f.number for f in concordance.fields(parse_ipc("H04N 1/00"))] == [3]
    assert concordance.fields(parse_ipc("H04N 11/00")) == []
    assert concordance.fields(parse_ipc("H04N 101/00")) == []


def test_default_concordance_gives_every_field():
    numbers = {int(row["Field_number"]) for row in m.ipc_wipo_rows()}
    assert numbers == set(range(1, 36))


# --- mapping loaders ---------------------------------------------------------------------


def test_default_sei_map():
    assert SEI_MAP["4.1"] == ("biomedicine",)
    assert SEI_MAP["5"] == ("nev",)
    assert SEI_MAP["6"] == ("new-energy",)
    for top in "12345678":
        assert alliances_for_sei(f"{top}.1", SEI_MAP), top
    assert "9" not in SEI_MAP  # services: no alliance
    rows = load_sei_alliance_rows()
    assert all(row.comment for row in rows)
    assert {row.alliance for row in rows} == ALLIANCE_CODES


def test_default_wipo_map():
    assert WIPO_MAP[16] == ("biomedicine",)
    assert WIPO_MAP[6] == ("electronics",)
    assert set(WIPO_MAP) == set(range(1, 33))  # 33-35 deliberately unmapped
    rows = load_wipo_alliance_rows()
    assert all(row.comment and isinstance(row.source, int) for row in rows)
    assert {row.alliance for row in rows} <= ALLIANCE_CODES


def test_mapping_from_rows_keeps_order_and_drops_repeats():
    rows = [MappingRow("3.3", "new-materials"), MappingRow("3.3", "biochemical")]
    assert mapping_from_rows(rows) == {"3.3": ("new-materials", "biochemical")}
    assert mapping_from_rows([]) == {}


def _write(tmp_path, text):
    path = tmp_path / "map.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_a_given_file_with_bom(tmp_path):
    path = _write(tmp_path, "\ufeffsei_code,alliance_code,comment\n4,biomedicine,x\n4,culture,\n")
    assert load_sei_alliance_map(path) == {"4": ("biomedicine", "culture")}
    path = _write(tmp_path, "field_number,alliance_code\n16,culture\n")
    assert load_wipo_alliance_map(path) == {16: ("culture",)}


@pytest.mark.parametrize(
    ("text", "template", "params"),
    [
        ("sei_code,alliance_code\n4,pharma\n", m.MSG_MAP_ALLIANCE, {"row": 2, "code": "pharma"}),
        ("sei_code,alliance_code\n4.1.1,nev\n", m.MSG_MAP_SEI_CODE, {"row": 2, "code": "4.1.1"}),
        ("sei_code,alliance_code\n0,nev\n", m.MSG_MAP_SEI_CODE, {"row": 2, "code": "0"}),
        (
            "code,alliance_code\n4,nev\n",
            m.MSG_MAP_HEADER,
            {"file": "map.csv", "column": "sei_code"},
        ),
        (
            "sei_code,alliance_code\n5,nev\n5,nev\n",
            m.MSG_MAP_DUPLICATE,
            {"row": 3, "source": "5", "code": "nev"},
        ),
    ],
)
def test_bad_sei_mapping_file(tmp_path, text, template, params):
    with pytest.raises(ValidationError) as info:
        load_sei_alliance_rows(_write(tmp_path, text))
    assert (info.value.template, info.value.params) == (template, params)


@pytest.mark.parametrize("field", ["0", "36", "x", "1.5"])
def test_bad_wipo_field(tmp_path, field):
    with pytest.raises(ValidationError) as info:
        load_wipo_alliance_rows(_write(tmp_path, f"field_number,alliance_code\n{field},nev\n"))
    assert info.value.template == m.MSG_MAP_FIELD


def test_loader_accepts_other_alliance_codes(tmp_path):
    path = _write(tmp_path, "sei_code,alliance_code\n4,pharma\n")
    rows = load_sei_alliance_rows(path, known={"pharma"})
    assert rows == [MappingRow("4", "pharma", "")]
