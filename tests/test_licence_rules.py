"""When licences on the same patent conflict (pure rules, alliance/licence_rules.py)."""

from datetime import date

import pytest

from alliance.licence_rules import (
    MSG_OPEN_LICENCE,
    MSG_OVERLAP,
    Existing,
    Terms,
    conflicts,
    name_set,
)

Y2025, Y2027, Y2028, Y2030 = date(2025, 1, 1), date(2027, 12, 31), date(2028, 1, 1), \
    date(2030, 12, 31)


def existing(kind, field="", territory="", start=Y2025, end=Y2027):
    return Existing(Terms(kind, field, territory, start, end), "L000001", "某公司",
                    "201710601862.3")


def test_names_are_split_cleaned_and_case_folded():
    assert name_set(" 吉林省；辽宁省, Jilin ") == {"吉林省", "辽宁省", "jilin"}
    assert name_set("") == frozenset()


@pytest.mark.parametrize("new, old, clash", [
    # exclusive or sole on either side, overlapping in everything: conflict
    (Terms("exclusive", "", "", Y2025, Y2027), existing("exclusive"), True),
    (Terms("non_exclusive", "", "", Y2025, Y2027), existing("sole"), True),
    (Terms("sole", "", "", Y2025, Y2027), existing("non_exclusive"), True),
    # two non-exclusive licences never conflict
    (Terms("non_exclusive", "", "", Y2025, Y2027), existing("non_exclusive"), False),
    # no overlap in time, territory or field: no conflict
    (Terms("exclusive", "", "", Y2028, Y2030), existing("exclusive"), False),
    (Terms("exclusive", "", "吉林省", Y2025, Y2027), existing("exclusive", territory="辽宁省"),
     False),
    (Terms("exclusive", "动力电池", "", Y2025, Y2027), existing("exclusive", field="储能电池"),
     False),
    # an empty field or territory means all of them, so it overlaps any
    (Terms("exclusive", "", "吉林省", Y2025, Y2027), existing("exclusive", field="储能电池"),
     True),
    (Terms("exclusive", "储能电池;动力电池", "", Y2025, Y2027),
     existing("exclusive", field="动力电池"), True),
    # the last day of one is the first of the other: they overlap by a day
    (Terms("exclusive", "", "", Y2027, Y2030), existing("exclusive"), True),
])
def test_overlapping_exclusive_or_sole_licences_conflict(new, old, clash):
    reasons = conflicts(new, "201710601862.3", [old], open_licence_declared=False)
    assert bool(reasons) is clash
    if clash:
        assert reasons[0][0] == MSG_OVERLAP and reasons[0][1]["licence"] == "L000001"


def test_an_open_licence_admits_only_non_exclusive_licences():
    exclusive = Terms("exclusive", "", "", Y2025, Y2027)
    assert conflicts(exclusive, "X", [], open_licence_declared=True)[0][0] == MSG_OPEN_LICENCE
    assert conflicts(Terms("sole", "", "", Y2025, Y2027), "X", [], True)
    assert conflicts(Terms("non_exclusive", "", "", Y2025, Y2027), "X", [], True) == []
