"""A patent pool of the 新能源汽车 alliance with three members' declarations, its incomes of
2026 and a benefit-sharing agreement in force over one of the university's patents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from alliance.extensions import db
from alliance.models import MembershipStatus, Sector
from alliance.services import pools
from alliance.services.directory import alliance_by_code

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory, make_coordinator
from .patent_helpers import make_patent
from .royalty_helpers import make_agreement

D = Decimal
BATTERY, VIETNAM = "动力电池", "越南"


@dataclass
class World:
    alliance: object
    coordinator: object
    uni: object
    firm: object
    small: object
    pool: object
    patents: dict = field(default_factory=dict)
    declared: list = field(default_factory=list)  # (org id, market name) per declaration

    def market(self, name):
        return next(m for m in self.pool.markets if m.name == name)


def member(alliance, **org):
    admin = OrgAdminFactory(organization=OrganizationFactory(**org))
    MembershipFactory(organization=admin.organization, alliance=alliance,
                      status=MembershipStatus.ACTIVE)
    return admin


def make_world(agreement: bool = True, incomes: bool = True) -> World:
    """Declarations: university 2 in 动力电池 and 1 in 越南, firm 1 and 2, small firm 1 and 0;
    incomes of 2026: 动力电池 ¥10,000.00 + ¥0.01, 越南 ¥100.00."""
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev, name="联盟秘书处")
    uni = member(nev, sector=Sector.UNIVERSITY, state_funded=True, name_zh="长春理工测试大学")
    firm = member(nev, name_zh="长春电池有限公司")
    small = member(nev, name_zh="四平材料有限公司")
    pool = pools.create_pool(coordinator, nev, "动力电池标准专利池", "", f"{BATTERY}\n{VIETNAM}")
    db.session.commit()
    world = World(nev, coordinator, uni, firm, small, pool)
    shared = make_patent(uni, "一种锂电池正极材料", owners=f"{uni.organization.name_zh}:60;"
                                                     f"{firm.organization.name_zh}:40")
    plan = [(uni, shared, [BATTERY]), (uni, make_patent(uni, "一种电解液"), [BATTERY]),
            (uni, make_patent(uni, "一种隔膜"), [VIETNAM]),
            (firm, make_patent(firm, "一种电池管理系统"), [BATTERY, VIETNAM]),
            (firm, make_patent(firm, "一种充电桩"), [VIETNAM]),
            (small, make_patent(small, "一种负极材料"), [BATTERY])]
    for admin, patent, names in plan:
        pools.declare(admin, pool, patent, [world.market(n).id for n in names])
        world.declared += [(admin.organization_id, n) for n in names]
        world.patents[patent.title] = patent
    db.session.commit()
    if agreement:
        make_agreement(uni, firm, shared)
    if incomes:
        for name, amount in [(BATTERY, "10000.00"), (BATTERY, "0.01"), (VIETNAM, "100.00")]:
            pools.record_income(coordinator, pool, world.market(name).id, "2026", D(amount),
                                date(2026, 6, 30), "银行回单")
        db.session.commit()
    return world
