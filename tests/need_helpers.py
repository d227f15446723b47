"""Needs built through the service, so every rule holds."""

from __future__ import annotations

from datetime import date, timedelta

from alliance.extensions import db
from alliance.models.needs import NeedVisibility
from alliance.services import needs


def need_input(**fields) -> needs.NeedInput:
    values = {"title": "需要高能量密度的锂电池正极材料", "description": "用于动力电池",
              "ipc": "H01M 4/36", "keywords": "锂电池 正极材料",
              "deadline": date.today() + timedelta(days=30),
              "visibility": NeedVisibility.PUBLIC, **fields}
    return needs.NeedInput(**values)


def make_need(admin, **fields):
    need = needs.post_need(admin, admin.organization, need_input(**fields))
    db.session.commit()
    return need


def form_data(**fields) -> dict:
    """The need form's fields as posted."""
    data = {"title": "需要高能量密度的锂电池正极材料", "description": "用于动力电池",
            "ipc": "H01M 4/36", "keywords": "锂电池 正极材料", "budget_min": "100000",
            "budget_max": "500000",
            "deadline": (date.today() + timedelta(days=30)).isoformat(),
            "visibility": "public"}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}
