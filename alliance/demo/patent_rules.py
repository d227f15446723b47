"""Generated demo patents, without Flask or a database: Chinese titles and abstracts built
from CNIPA's strategic-emerging-industry (SEI) keyword rules, owned along the real
co-application ties of the demo network.

What is real and what is generated:

* real: the owners (two organisations of the GBA co-applicant network that really filed
  patents together), the earliest filing year (the tie's first year), the SEI categories and
  their keyword texts (``sei_categories.csv``), the IPC subclasses or main groups of WIPO's
  technology fields (``ipc_wipo_technology.csv``);
* generated: everything else: the titles and abstracts (a product term cut from a keyword
  text, put into a title pattern), the application numbers (valid check characters, invented
  serials), the dates, statuses, shares, the IPC group numbers and the inventors' names.

Every abstract ends with :data:`GENERATED_NOTE`, and every patent is stored with
``is_demo``. The rows are the canonical import fields (see ``alliance.patent_io.records``),
so the import's own rules (check character, kind digit, dates, IPC, shares) validate them.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass
from functools import lru_cache

from ..classification.mappings import ipc_wipo_rows, sei_categories
from ..patent_terms import expiry_date
from ..validators import cn_check_char

#: the day the generated histories run up to (statuses are as of this day)
AS_OF = datetime.date(2025, 12, 31)
FIRST_FILING = datetime.date(2004, 1, 1)  # twelve-digit numbers began on 2003-10-01
GENERATED_NOTE = ("（演示数据：依据战略性新兴产业分类关键词规则，"
                  "在真实的共同申请关系上生成，并非真实专利。）")

#: SEI category (top-level code or sub code) -> WIPO technology fields its IPC symbols come
#: from (field numbers of ipc_wipo_technology.csv; a sub code overrides its top level)
SEI_FIELDS: dict[str, tuple[int, ...]] = {
    "1": (3, 4, 5, 6, 7, 8, 9), "2": (10, 12, 25, 26, 29, 31, 32), "3": (17, 20, 21, 22),
    "4.1": (16,), "4.2": (11, 13), "4.3": (15, 18), "4.4": (15, 19), "4.5": (15, 23),
    "5": (1, 32), "6": (1, 27), "7": (24, 30), "8": (2, 6), "9": (6, 7),
    "2.2": (32,), "2.3": (32,), "2.4": (32,), "2.5": (32,),
}
#: topics whose fields are wider than the topic: only IPC patterns starting so are used
SEI_PREFIXES: dict[str, tuple[str, ...]] = {
    "2.2": ("B64",), "2.3": ("B64",), "2.4": ("B61",), "2.5": ("B63",),
    "5": ("B60", "B62", "H01M", "H02J", "H02K"),
}
TITLES = {
    "invention": ("一种{t}及其制备方法", "一种{t}的控制方法及系统", "{t}的检测方法和装置",
                  "一种{t}及其应用", "一种高效{t}的制造方法"),
    "utility_model": ("一种{t}", "一种{t}的固定结构", "一种便于维护的{t}",
                      "一种{t}用散热装置"),
    "design": ("{t}",),
}
OPENINGS = {"invention": "本发明", "utility_model": "本实用新型", "design": "本外观设计"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武"  # noqa: E501
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华玉萍红娥玲志建国荣文辉力"
         "鹏飞宇浩然婷雪琳晨阳博思佳欣怡子轩睿哲瑞峰海波斌宁")
KIND_WEIGHTS = (("invention", 6), ("utility_model", 3), ("design", 1))
SHARE_SPLITS = ((50, 50), (60, 40), (70, 30), (80, 20), (55, 45))
#: a design protects a product's look: only terms naming a thing become design titles
PRODUCT_ENDINGS = ("设备", "器", "机", "仪", "装置", "灯", "板", "件", "桩", "车", "船", "柜",
                   "箱", "管", "头", "枪", "屏", "终端", "机组", "电池", "模组", "芯片")

_TERM_SPLIT = re.compile(r"[；;。，,、（）()\s]+")
_TERM_SUFFIX = re.compile(r"(?:设备制造|制造|生产|加工|服务|销售|开发|建设|修理|应用)+$")
_TERM_OK = re.compile(r"[\u4e00-\u9fff]{3,12}")
_SKIP = ("等", "其他", "相关", "以及", "用于", "包括", "不包含", "推广", "施工", "研发", "评价",
         "面向", "除", "以", "的", "咨询", "运营", "安装", "租赁", "体系")


@dataclass(frozen=True)
class Topic:
    """An SEI category with the product terms cut from its keyword rules."""

    code: str
    name: str
    terms: tuple[str, ...]


def product_terms(text: str) -> list[str]:
    """Product names in an SEI keyword text: the pieces between separators, cut at 等 and
    stripped of trailing 制造/服务/..., kept when 3-12 letters long and free of filler words."""
    terms = []
    for piece in _TERM_SPLIT.split(text):
        piece = _TERM_SUFFIX.sub("", piece.split("等")[0])
        if _TERM_OK.fullmatch(piece) and not any(word in piece for word in _SKIP) \
                and piece not in terms:
            terms.append(piece)
    return terms


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """The SEI categories that give at least one product term (Chinese terms only: the
    added English vocabulary gives none)."""
    result = []
    for category in sei_categories():
        terms = [term for text in category.texts for term in product_terms(text)]
        if terms:
            result.append(Topic(category.code, category.name, tuple(dict.fromkeys(terms))))
    return tuple(result)


def fields_of(sei_code: str) -> tuple[int, ...]:
    """The WIPO fields a topic's IPC symbols come from (sub code first, then top level)."""
    return SEI_FIELDS.get(sei_code) or SEI_FIELDS[sei_code.split(".")[0]]


@lru_cache(maxsize=1)
def ipc_patterns() -> dict[int, tuple[str, ...]]:
    """WIPO field -> its IPC patterns (``H01M`` or ``A61K 8``), spaces squeezed, sorted."""
    patterns: dict[int, set[str]] = {}
    for row in ipc_wipo_rows():
        code = " ".join(row["IPC_code"].rstrip("%").split())
        if re.fullmatch(r"[A-H][0-9]{2}[A-Z]( [0-9]{1,4})?", code):
            patterns.setdefault(int(row["Field_number"]), set()).add(code)
    return {field: tuple(sorted(codes)) for field, codes in patterns.items()}


def ipc_symbols(sei_code: str, rng: random.Random, count: int) -> list[str]:
    """``count`` distinct IPC symbols of the topic's fields: subclass (or main group) from
    WIPO's concordance, group numbers generated (``H01M 10/52``)."""
    symbols: list[str] = []
    prefixes = SEI_PREFIXES.get(sei_code) or SEI_PREFIXES.get(sei_code.split(".")[0], ("",))
    patterns = [p for f in fields_of(sei_code) for p in ipc_patterns().get(f, ())
                if p.startswith(prefixes)]
    while len(symbols) < count:
        pattern = rng.choice(patterns)
        subclass, _, group = pattern.partition(" ")
        group = group or str(rng.choice((1, 3, 5, 7, 9, 10, 11, 13, 17, 21, 31, 33)))
        symbol = f"{subclass} {group}/{rng.choice(('00', '02', '04', '06', '10', '12', '20'))}"
        if symbol not in symbols:
            symbols.append(symbol)
    return symbols


def application_number(filing: datetime.date, digit: str, serial: int) -> str:
    """The canonical twelve-digit application number with its check character."""
    digits = f"{filing.year:04d}{digit}{serial:07d}"
    return f"{digits}.{cn_check_char(digits)}"


def inventor_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct generated Chinese names (surname and one or two given letters)."""
    names: list[str] = []
    while len(names) < count:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        name = rng.choice(SURNAMES) + given
        if name not in names:
            names.append(name)
    return names


def _add_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=days)


def history(kind: str, filing: datetime.date, rng: random.Random) -> dict:
    """Publication and grant dates and the legal-status text as of :data:`AS_OF`.

    An invention is published 18 months after filing and granted 2-4 years after filing
    (some are rejected, withdrawn or still examined); a utility model or design is granted
    and announced 6-12 months after filing. Granted patents past their term
    (``patent_terms.expiry_date``) are expired, and some older ones lapsed for unpaid fees.
    """
    dates: dict = {"publication_date": None, "grant_date": None}
    if kind == "invention":
        published = _add_days(filing, 548)
        if published > AS_OF:
            return {**dates, "status": "实质审查"}
        dates["publication_date"] = published
        granted = _add_days(filing, rng.randint(730, 1460))
        outcome = rng.random()
        if granted > AS_OF or outcome < 0.12:
            return {**dates, "status": "实质审查"}
        if outcome < 0.20:
            return {**dates, "status": "驳回"}
        if outcome < 0.25:
            return {**dates, "status": "视为撤回"}
    else:
        granted = _add_days(filing, rng.randint(180, 365))
        if granted > AS_OF:
            return {**dates, "status": "审中"}
        dates["publication_date"] = granted
    dates["grant_date"] = granted
    if expiry_date(kind, filing, 0) <= AS_OF:
        return {**dates, "status": "期限届满"}
    if (AS_OF - granted).days > 3 * 365 and rng.random() < 0.15:
        return {**dates, "status": "未缴年费"}
    return {**dates, "status": "有效"}


def _filing_date(first_year: int, rng: random.Random) -> datetime.date:
    start = max(FIRST_FILING, datetime.date(min(first_year, AS_OF.year), 1, 1))
    return _add_days(start, rng.randint(0, (AS_OF - start).days))


def _title(kind: str, term: str, rng: random.Random) -> str:
    return rng.choice(TITLES[kind]).format(t=term)


def _abstract(kind: str, title: str, term: str, topic: Topic) -> str:
    opening = OPENINGS[kind]
    if kind == "design":
        body = f"{opening}产品名称为{title}，用于{topic.name}领域；设计要点在于产品的形状。"
    else:
        body = (f"{opening}公开了{title}，属于{topic.name}技术领域。通过改进{term}的结构与"
                f"工艺参数，提高了产品的性能稳定性和生产效率，降低了成本。")
    return body + GENERATED_NOTE


def patent_row(owners: list[tuple[str, int]], topic: Topic, first_year: int,
               rng: random.Random, used: set[str]) -> dict:
    """One generated patent as a row of canonical import fields: ``owners`` are (name,
    share in percent) pairs; ``used`` holds the numbers taken (the new one is added). A
    design is drawn only from terms that name a product; a topic without any gives a
    utility model instead."""
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    terms = topic.terms
    if kind == "design":
        terms = tuple(t for t in topic.terms if t.endswith(PRODUCT_ENDINGS))
        if not terms:
            kind, terms = "utility_model", topic.terms
    filing = _filing_date(first_year, rng)
    digit = {"invention": "1", "utility_model": "2", "design": "3"}[kind]
    if kind == "invention" and rng.random() < 0.04:
        digit = "8"  # a PCT application entering the Chinese phase
    number = application_number(filing, digit, rng.randint(1, 1_999_999))
    while number in used:
        number = application_number(filing, digit, rng.randint(1, 1_999_999))
    used.add(number)
    term = rng.choice(terms)
    title = _title(kind, term, rng)
    ipc = [] if kind == "design" else ipc_symbols(topic.code, rng, rng.choice((1, 2, 2, 3)))
    dates = history(kind, filing, rng)
    return {
        "application_number": number, "title": title,
        "abstract": _abstract(kind, title, term, topic), "kind": kind,
        "status": dates["status"], "filing_date": filing.isoformat(),
        "publication_date": _iso(dates["publication_date"]),
        "grant_date": _iso(dates["grant_date"]), "ipc": ";".join(ipc),
        "owners": ";".join(f"{name}:{share}" for name, share in owners),
        "inventors": ";".join(inventor_names(rng, rng.randint(2, 5))),
    }


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def shares(rng: random.Random) -> tuple[int, int]:
    """A two-owner split in whole percent (first owner's share first; sums to 100)."""
    return rng.choice(SHARE_SPLITS)
