"""Organisation pages: who sees and edits what."""

from alliance.models import AuditEvent, OrgStatus, Sector

from .factories import AdminFactory, OrgAdminFactory, OrganizationFactory, UserFactory, make_uscc


def test_directory_lists_only_approved(client, db):
    approved = OrganizationFactory()
    pending = OrganizationFactory(status=OrgStatus.PENDING)
    page = client.get("/organisations/").get_data(as_text=True)
    assert approved.name_zh in page and pending.name_zh not in page


def test_directory_search_and_sector_filter(client, db):
    uni = OrganizationFactory(name_zh="吉林大学测试", sector=Sector.UNIVERSITY)
    firm = OrganizationFactory(name_zh="一汽测试公司", sector=Sector.ENTERPRISE)
    page = client.get("/organisations/?sector=university").get_data(as_text=True)
    assert uni.name_zh in page and firm.name_zh not in page
    page = client.get("/organisations/?q=一汽").get_data(as_text=True)
    assert firm.name_zh in page and uni.name_zh not in page
    assert client.get("/organisations/?sector=bogus").status_code == 400


def test_pending_org_hidden_from_strangers(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    org_id = admin.organization_id
    assert client.get(f"/organisations/{org_id}").status_code == 404
    login(OrgAdminFactory())
    assert client.get(f"/organisations/{org_id}").status_code == 404


def test_pending_org_visible_to_its_admin(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(admin)
    assert client.get(f"/organisations/{admin.organization_id}").status_code == 200


def test_org_admin_edits_own_org(client, db, login):
    admin = OrgAdminFactory()
    old_name = admin.organization.name_zh
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": "新名称机构", "name_en": "Renamed", "sector": "university",
        "region": "吉林市", "website": "https://www.jlu.edu.cn", "description": "简介"})
    assert response.status_code == 302
    db.session.refresh(admin.organization)
    assert admin.organization.name_en == "Renamed"
    assert admin.organization.sector is Sector.UNIVERSITY
    assert admin.organization.name_zh == old_name  # fixed once approved
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="organization.updated"))
    assert event.before["name_en"] != event.after["name_en"] == "Renamed"


def test_pending_org_admin_may_correct_the_name(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": "更正后的名称", "sector": "enterprise"})
    assert response.status_code == 302
    db.session.refresh(admin.organization)
    assert admin.organization.name_zh == "更正后的名称"


def test_platform_admin_renames_approved_org(client, db, login):
    org = OrganizationFactory()
    login(AdminFactory())
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": "正式更名", "sector": "enterprise"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.name_zh == "正式更名"


def test_website_without_scheme_gets_https(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": admin.organization.name_zh, "sector": "enterprise",
        "website": "www.jlu.edu.cn"})
    assert response.status_code == 302
    db.session.refresh(admin.organization)
    assert admin.organization.website == "https://www.jlu.edu.cn"


def test_edit_rejects_bad_website(client, db, login):
    admin = OrgAdminFactory()
    old_region = admin.organization.region
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": admin.organization.name_zh, "sector": "university",
        "region": "改了", "website": "javascript:alert(1)"})
    assert response.status_code == 400
    db.session.refresh(admin.organization)
    assert admin.organization.region == old_region


def test_edit_rejects_taken_name(client, db, login):
    other = OrganizationFactory()
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": other.name_zh, "sector": "enterprise"})
    assert response.status_code == 409
    db.session.refresh(admin.organization)
    assert admin.organization.name_zh != other.name_zh


def test_rejected_registration_frees_name_and_uscc(db):
    from alliance.services.organisations import org_name_taken, uscc_taken

    squatter = OrganizationFactory(status=OrgStatus.REJECTED)
    assert not uscc_taken(squatter.uscc) and not org_name_taken(squatter.name_zh)
    real = OrganizationFactory(name_zh=squatter.name_zh, uscc=squatter.uscc)
    assert real.id != squatter.id
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        OrganizationFactory(name_zh="另一个", uscc=squatter.uscc)
    db.session.rollback()


def test_rejected_registration_is_corrected_and_resubmitted(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.REJECTED,
                            organization__decision_reason="代码有误")
    org = admin.organization
    login(admin)
    assert "代码有误" in client.get("/").get_data(as_text=True)
    new_uscc = make_uscc(777)
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": "更正后的机构", "uscc": new_uscc.lower(), "sector": "enterprise"})
    assert response.status_code == 302
    assert client.post(f"/organisations/{org.id}/resubmit").status_code == 302
    db.session.refresh(org)
    assert org.status is OrgStatus.PENDING and org.uscc == new_uscc
    assert org.name_zh == "更正后的机构"
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="organization.resubmitted"))
    assert event.before["status"] == "rejected" and event.after["status"] == "pending"
    assert client.post(f"/organisations/{org.id}/resubmit").status_code == 403


def test_resubmission_refused_when_identity_taken_meanwhile(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.REJECTED)
    OrganizationFactory(uscc=admin.organization.uscc)  # the real organisation registered
    login(admin)
    assert client.post(f"/organisations/{admin.organization_id}/resubmit").status_code == 409
    db.session.refresh(admin.organization)
    assert admin.organization.status is OrgStatus.REJECTED


def test_approved_org_admin_cannot_change_uscc(client, db, login):
    admin = OrgAdminFactory()
    old = admin.organization.uscc
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": admin.organization.name_zh, "uscc": make_uscc(888), "sector": "enterprise"})
    assert response.status_code == 302
    db.session.refresh(admin.organization)
    assert admin.organization.uscc == old


def test_invalid_uscc_on_edit(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    old = admin.organization.uscc
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": admin.organization.name_zh, "uscc": "91330100799655058A",
        "sector": "enterprise"})
    assert response.status_code == 400
    db.session.refresh(admin.organization)
    assert admin.organization.uscc == old


def test_cannot_edit_another_org(client, db, login):
    victim = OrganizationFactory()
    login(OrgAdminFactory())
    assert client.get(f"/organisations/{victim.id}/edit").status_code == 403
    response = client.post(f"/organisations/{victim.id}/edit", data={
        "name_zh": "hijacked", "sector": "enterprise"})
    assert response.status_code == 403
    db.session.refresh(victim)
    assert victim.name_zh != "hijacked"


def test_member_cannot_edit_own_org(client, db, login):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    login(member)
    response = client.get(f"/organisations/{admin.organization_id}/edit")
    assert response.status_code == 403
    assert "您无权执行此操作。" in response.get_data(as_text=True)


def test_platform_admin_can_edit_any_org(client, db, login):
    org = OrganizationFactory()
    login(AdminFactory())
    assert client.get(f"/organisations/{org.id}/edit").status_code == 200


def test_people_list_only_for_editors(client, db, login):
    admin = OrgAdminFactory()
    page = client.get(f"/organisations/{admin.organization_id}").get_data(as_text=True)
    assert admin.organization.name_zh in page and admin.email not in page
    login(admin)
    page = client.get(f"/organisations/{admin.organization_id}").get_data(as_text=True)
    assert admin.email in page


def test_unknown_org_is_404(client, db):
    assert client.get("/organisations/999999").status_code == 404


def test_permission_methods(db):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    stranger = OrgAdminFactory()
    platform = AdminFactory()
    org = admin.organization
    assert org.can_edit(admin) and org.can_edit(platform)
    assert not org.can_edit(member) and not org.can_edit(stranger)
    assert org.can_request_membership(admin) and not org.can_request_membership(member)
    assert not org.can_request_membership(platform)
    org.status = OrgStatus.PENDING
    assert not org.can_request_membership(admin) and not org.can_invite(admin)
    assert org.can_view(member) and not org.can_view(stranger) and org.can_view(platform)
    assert org.can_decide_registration(platform) and not org.can_decide_registration(admin)
    db.session.rollback()


def test_absurd_page_numbers_are_harmless(client, db):
    OrganizationFactory()
    for path in ("/organisations/?page=99999999999999999999", "/organisations/?page=-3",
                 "/organisations/?page=abc", "/alliances/nev?page=99999999999999999999"):
        assert client.get(path).status_code == 200, path


def test_directory_is_in_pinyin_order(client, db):
    for name in ("中山大学", "北京大学", "华南理工大学"):
        OrganizationFactory(name_zh=name)
    page = client.get("/organisations/").get_data(as_text=True)
    positions = [page.index(name) for name in ("北京大学", "华南理工大学", "中山大学")]
    assert positions == sorted(positions)


def test_pinyin_sort_key():
    from alliance.sorting import pinyin_sort_key

    assert pinyin_sort_key("重庆大学") == "chong qing da xue"
    assert pinyin_sort_key("TCL华星") == "tcl hua xing"
