"""Generated patents for the catalogue benchmark, written in bulk (no ORM objects).

Each patent takes one strategic-emerging-industry (SEI) category of
alliance/data/sei_categories.csv: its title and abstract are patent phrasing around the
category's keyword rules (and the added vocabulary of sei_extra_keywords.csv); one title in
ten is English, built from the category's English terms. Owners are the real organisations
of gba_coapplicant_nodes.csv (those loaded by the demo are linked to their organisation, the
others are outside owners named only); IPC symbols are drawn from the subclasses that
ipc_wipo_technology.csv puts in WIPO fields of the category's alliance; kinds, statuses and
dates follow Chinese practice (an invention is published 18 months after filing, a utility
model or design when granted); tags are the category's alliance, one in five confirmed.
The texts are plausible, not real patents. ``search_text`` is built by
alliance.services.patents.search_text_from, as the service builds it.
"""

from __future__ import annotations

import csv
import random
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import islice

from sqlalchemy import insert, select

from alliance.classification import load_sei_alliance_map, load_wipo_alliance_map
from alliance.classification.mappings import DATA_DIR, ipc_wipo_rows, sei_categories
from alliance.models import (
    Alliance,
    Organization,
    Patent,
    PatentInventor,
    PatentIpc,
    PatentOwner,
    PatentTag,
)
from alliance.patent_terms import expiry_date
from alliance.services.patents import search_text_from
from alliance.validators import cn_check_char

TODAY = date(2025, 6, 30)  # fixed, so a seed always gives the same catalogue
SPLIT = re.compile(r"[、；，。：（）()]|等|和|及|与")
CHINESE = re.compile(r"^[\u4e00-\u9fff]{2,10}$")
ENGLISH = re.compile(r"^[a-z][a-z -]{3,40}$")
PARTS = ("正极材料", "负极材料", "隔膜", "控制装置", "检测方法", "制备方法", "系统", "装置",
         "组件", "模块", "电路", "设备", "结构", "生产工艺", "处理方法")
STEMS = ("隔膜", "材料", "设备", "系统", "装置", "制造", "服务", "产品")
EFFECTS = ("结构简单，成本低，便于工业化生产", "显著提高了循环稳定性和使用寿命",
           "有效降低了能耗，提高了生产效率", "检测精度高，响应速度快",
           "工艺流程短，环境友好", "安全可靠，适用范围广")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国文斌宇浩凯"
EN_TEMPLATES = ("Method and device for {a}", "{A} system based on {b}", "{A} with improved {b}",
                "Preparation method of {a} for {b}", "{A} control method and apparatus")
KINDS = (("invention", "1", 55), ("utility_model", "2", 35), ("design", "3", 10))


def _terms(texts) -> tuple[set[str], set[str]]:
    zh, en = set(), set()
    for text in texts:
        for word in SPLIT.split(text):
            word = word.strip().lower()
            if CHINESE.match(word):
                zh.add(word)
                zh.update(word[:-len(s)] for s in STEMS
                          if word.endswith(s) and len(word) - len(s) >= 2)
            elif ENGLISH.match(word):
                en.add(word)
    return zh, en


def _vocabulary():
    """Per SEI category: (code, name, Chinese terms, core Chinese terms, English terms); the
    core terms are the added vocabulary of sei_extra_keywords.csv, the words patents use."""
    with open(DATA_DIR / "sei_extra_keywords.csv", encoding="utf-8") as handle:
        extra = {row["seiCode"]: row["terms"] for row in csv.DictReader(handle)}
    out = []
    for category in sei_categories():
        zh, en = _terms(category.texts)
        core, _en = _terms([extra.get(category.code, "")])
        if zh:
            out.append((category.code, category.name, sorted(zh), sorted(core or zh),
                        sorted(en)))
    return out


def _alliance_of(code: str, sei_map: dict) -> str | None:
    while code not in sei_map and "." in code:
        code = code.rsplit(".", 1)[0]
    return sei_map[code][0] if code in sei_map else None


def _subclasses_by_alliance() -> dict[str, list[str]]:
    wipo = load_wipo_alliance_map()
    found: dict[str, set[str]] = {}
    for row in ipc_wipo_rows():
        subclass = row["IPC_code"].rstrip("%")[:4]
        if re.fullmatch(r"[A-H]\d\d[A-Z]", subclass):
            for code in wipo.get(int(row["Field_number"]), ()):
                found.setdefault(code, set()).add(subclass)
    return {code: sorted(values) for code, values in found.items()}


def _title(rng, zh, core, en) -> tuple[str, str]:
    a, b = rng.choice(core if rng.random() < 0.6 else zh), rng.choice(zh)
    if en and rng.random() < 0.1:
        x, y = rng.choice(en), rng.choice(en)
        title = rng.choice(EN_TEMPLATES).format(a=x, A=x.capitalize(), b=y)
        abstract = (f"The invention discloses {title[0].lower()}{title[1:]}. The {x} comprises "
                    f"a {y} unit and a control unit; it improves efficiency and reduces cost. "
                    f"（{a}、{b}）")
        return title, abstract
    part = rng.choice(PARTS)
    title = rng.choice((f"一种{a}{part}", f"一种{a}{part}及其制备方法", f"基于{b}的{a}{part}",
                        f"{a}{part}", f"一种用于{b}的{a}{part}"))
    sentences = [rng.choice(("本发明公开了", "本实用新型涉及", "本发明提供了")) + title + "。",
                 f"所述{part}包括{a}单元、{b}单元和{rng.choice(zh)}组件，"
                 f"其中{rng.choice(zh)}与{rng.choice(zh)}连接。"]
    while sum(map(len, sentences)) < 180:
        sentences.append(f"通过{rng.choice(zh)}实现{rng.choice(zh)}，{rng.choice(EFFECTS)}。")
    return title, "".join(sentences)


def _dates(rng, kind: str):
    """(status, legal_status, filing, publication, grant)."""
    filing = TODAY - timedelta(days=rng.randint(30, 365 * 22))
    age = (TODAY - filing).days
    term = 20 if kind == "invention" else (10 if kind == "utility_model" else 15)
    if kind == "invention":
        publication = filing + timedelta(days=548)
        publication = publication if publication <= TODAY else None
        grant = filing + timedelta(days=rng.randint(700, 1300))
        roll = rng.random()
        if grant > TODAY or roll < 0.1:
            status, grant = ("pending", None)
        elif roll < 0.2:
            status, grant = ("rejected", None)
        elif roll < 0.27:
            status, grant = ("withdrawn", None)
        else:
            status = "granted" if rng.random() < 0.7 else "lapsed"
    else:
        grant = filing + timedelta(days=rng.randint(150, 330))
        publication = grant if grant <= TODAY else None
        grant = publication
        status = "pending" if grant is None else ("granted" if rng.random() < 0.65 else "lapsed")
    if status in ("granted", "lapsed") and rng.random() < 0.01:
        status = "invalidated"
    if status == "granted" and age > term * 365:
        status = "expired"
    legal = {"pending": "实质审查" if publication else "公开前", "granted": "有效",
             "lapsed": "未缴年费专利权终止", "expired": "期限届满", "rejected": "驳回",
             "withdrawn": "视为撤回", "invalidated": "全部无效"}[status]
    return status, legal, filing, publication, grant


def _owners(rng, linked, outside) -> list[tuple[str, int | None]]:
    count = rng.choices((1, 2, 3), (75, 20, 5))[0]
    owners: dict[str, int | None] = {}
    while len(owners) < count:
        if rng.random() < 0.6:
            org_id, name = rng.choice(linked)
            owners[name] = org_id
        else:
            owners[rng.choice(outside)] = None
    return list(owners.items())


def generate(count: int, linked: list[tuple[int, str]], alliance_ids: dict[str, int],
             seed: int = 11):
    """Yield ``count`` generated patents as dicts of rows: patent, owners, inventors, ipc,
    tags (ids from 1). ``linked`` are (organisation id, name) on the platform."""
    rng = random.Random(seed)
    sei_map = load_sei_alliance_map()
    vocabulary = [(*v, _alliance_of(v[0], sei_map)) for v in _vocabulary()]
    vocabulary = [v for v in vocabulary if v[-1] is not None]  # 9: services, no alliance
    subclasses = _subclasses_by_alliance()
    with open(DATA_DIR / "gba_coapplicant_nodes.csv", encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    outside = sorted(names - {name for _, name in linked})
    now = datetime(2025, 6, 30, 12, tzinfo=UTC)
    for pid in range(1, count + 1):
        _code, _name, zh, core, en, alliance = rng.choice(vocabulary)
        kind, digit, _w = rng.choices(KINDS, [k[2] for k in KINDS])[0]
        status, legal, filing, publication, grant = _dates(rng, kind)
        digits = f"{filing.year}{digit}{pid:07d}"
        number = f"{digits}.{cn_check_char(digits)}"
        title, abstract = _title(rng, zh, core, en)
        owners = _owners(rng, linked, outside)
        symbols = [] if kind == "design" else [
            f"{rng.choice(subclasses[alliance])} {rng.randint(1, 99)}/{rng.randint(0, 99):02d}"
            for _ in range(rng.randint(1, 3))]
        confirmed = rng.random() < 0.2
        shares = _shares(len(owners))
        yield {
            "patent": dict(
                id=pid, application_number=number, title=title, abstract=abstract, kind=kind,
                status=status, legal_status=legal, filing_date=filing,
                publication_date=publication, grant_date=grant, term_extension_days=0,
                expiry_date=expiry_date(kind, filing), is_published=publication is not None,
                main_ipc=symbols[0] if symbols else "", fees_paid_until=None, pledgee="",
                pledgee_consents=False, evaluation_report="", tags_confirmed=confirmed,
                search_text=search_text_from(number, title, abstract, [n for n, _ in owners],
                                             [], symbols),
                recorded_by_id=None, created_at=now, updated_at=now, is_demo=True),
            "owners": [dict(patent_id=pid, position=i, organization_id=org, name=name,
                            share=shares[i]) for i, (name, org) in enumerate(owners)],
            "inventors": [dict(patent_id=pid, position=i, name=rng.choice(SURNAMES) + "".join(
                rng.choices(GIVEN, k=rng.randint(1, 2))), user_id=None)
                for i in range(rng.randint(1, 4))],
            "ipc": [dict(patent_id=pid, position=i, symbol=s, subclass=s[:4],
                         main_group=s.split("/")[0] + "/00") for i, s in enumerate(symbols)],
            "tags": [dict(patent_id=pid, alliance_id=alliance_ids[alliance],
                          source="confirmed" if confirmed else "suggested",
                          score=None if confirmed else Decimal("0.700"), reasons="")],
        }


def _shares(count: int) -> list[Decimal]:
    base = (Decimal(100) / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [Decimal(100) - base * (count - 1)] + [base] * (count - 1)


TABLES = (("patent", Patent), ("owners", PatentOwner), ("inventors", PatentInventor),
          ("ipc", PatentIpc), ("tags", PatentTag))


def insert_patents(engine, count: int, chunk: int = 5000) -> None:
    """Write ``count`` generated patents into the migrated database at ``engine``, in
    chunks of executemany inserts, then refresh the planner's statistics."""
    with engine.begin() as conn:
        linked = [tuple(r) for r in conn.execute(
            select(Organization.id, Organization.name_zh).order_by(Organization.id))]
        alliance_ids = dict(conn.execute(select(Alliance.code, Alliance.id)).all())
    rows = generate(count, linked, alliance_ids)
    while batch := list(islice(rows, chunk)):
        with engine.begin() as conn:
            for key, model in TABLES:
                values = [r for item in batch for r in
                          ([item[key]] if key == "patent" else item[key])]
                if values:
                    conn.execute(insert(model.__table__), values)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
