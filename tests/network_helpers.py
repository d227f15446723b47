"""A small alliance network built through the real services: a university, an institute
and two firms (one named like a script tag) in the NEV alliance, an outsider, co-owned
patents, demo co-application ties, a licence, and one account per role."""

from __future__ import annotations

from datetime import date

from alliance.extensions import db
from alliance.models import CoApplicationTie, MembershipStatus, Sector
from alliance.services.directory import alliance_by_code

from .factories import MembershipFactory, OrgAdminFactory, UserFactory, make_coordinator
from .patent_helpers import make_listing, make_patent, make_request

SCRIPT_NAME = "<script>alert(1)</script>公司"


def make_network() -> dict:
    """The records of the test network; returns ids, users and names."""
    from alliance.services.licence_requests import accept

    nev = alliance_by_code("nev")
    uni = OrgAdminFactory(organization__name_zh="吉林网络大学",
                          organization__sector=Sector.UNIVERSITY)
    firm = OrgAdminFactory(organization__name_zh="长春网络汽车公司")
    inst = OrgAdminFactory(organization__name_zh="吉林网络研究院",
                           organization__sector=Sector.RESEARCH_INSTITUTE)
    odd = OrgAdminFactory(organization__name_zh=SCRIPT_NAME)
    outsider = OrgAdminFactory(organization__name_zh="域外网络公司")
    for admin in (uni, firm, inst, odd):
        MembershipFactory(organization=admin.organization, alliance=nev,
                          status=MembershipStatus.ACTIVE)
    names = {admin.organization_id: admin.organization.name_zh
             for admin in (uni, firm, inst, odd, outsider)}
    make_patent(uni, owners=f"{names[uni.organization_id]};{names[firm.organization_id]}",
                ipc="H01M 4/13")
    make_patent(uni, "一种电池管理系统", owners=f"{names[uni.organization_id]};"
                f"{names[inst.organization_id]}", ipc="H01M 10/44",
                filing_date=date(2020, 6, 1), publication_date=date(2021, 1, 8),
                grant_date=date(2022, 3, 1))
    make_patent(firm, "一种电池包结构", ipc="H01M 50/20")
    make_patent(odd, "一种电池冷却装置", ipc="H01M 10/613")
    db.session.add_all([
        CoApplicationTie(organization_a_id=min(firm.organization_id, odd.organization_id),
                         organization_b_id=max(firm.organization_id, odd.organization_id),
                         weight=2, first_year=2021),
        CoApplicationTie(organization_a_id=min(inst.organization_id, odd.organization_id),
                         organization_b_id=max(inst.organization_id, odd.organization_id),
                         weight=1, first_year=2018),
    ])
    db.session.commit()
    listing = make_listing(inst, [make_patent(inst, "一种固态电解质", ipc="H01M 10/0562")])
    request, _ = make_request(listing, firm_admin=firm)
    licence = accept(inst, request)
    db.session.commit()
    coordinator = make_coordinator(nev, name="新能源汽车联盟秘书处")
    other = make_coordinator(alliance_by_code("culture"), name="文化联盟秘书处")
    member = UserFactory(organization=uni.organization)
    return {"nev": nev, "uni": uni, "firm": firm, "inst": inst, "odd": odd,
            "outsider": outsider, "coordinator": coordinator, "other": other,
            "member": member, "names": names, "licence": licence.id,
            "ids": {key: admin.organization_id
                    for key, admin in (("uni", uni), ("firm", firm), ("inst", inst),
                                       ("odd", odd), ("outsider", outsider))}}
