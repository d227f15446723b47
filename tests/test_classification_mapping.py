"""The editable classification mapping: defaults until saved, saved by platform admins only,
audited, and used for the next suggestions."""

from alliance.models import AuditEvent, ClassificationMapping
from alliance.services.classification_mapping import current_maps
from alliance.services.patent_tags import retag_unconfirmed

from .factories import AdminFactory, OrgAdminFactory
from .patent_helpers import make_patent


def test_the_defaults_apply_until_saved(db):
    maps = current_maps()
    assert maps["sei"]["4.1"] == ("biomedicine",)
    assert db.session.query(ClassificationMapping).count() == 0


def test_a_platform_admin_changes_the_mapping_and_patents_follow(client, db, login):
    patent = make_patent(OrgAdminFactory(), "一种抗肿瘤药物组合物", ipc="A61K 31/00",
                         abstract="本发明涉及一种抗肿瘤药物组合物及其制备方法，用于治疗肺癌。")
    assert "biomedicine" in {t.alliance.code for t in patent.tags}
    login(AdminFactory())
    page = client.get("/admin/classification/sei")
    assert page.status_code == 200
    form = {f"map-{key}": list(codes) for key, codes in current_maps()["sei"].items()}
    form["map-4.1"] = ["culture"]
    form["map-4"] = ["culture"]
    assert client.post("/admin/classification/sei", data=form).status_code == 302
    assert current_maps()["sei"]["4.1"] == ("culture",)
    assert db.session.query(AuditEvent).filter_by(
        action="classification.sei_mapping_changed").count() == 1
    retag_unconfirmed()
    db.session.commit()
    db.session.refresh(patent)
    codes = {t.alliance.code for t in patent.tags}
    assert "culture" in codes


def test_unknown_alliances_or_categories_are_refused(client, db, login):
    login(AdminFactory())
    assert client.post("/admin/classification/sei",
                       data={"map-4.1": ["atlantis"]}).status_code == 400
    assert client.get("/admin/classification/locarno").status_code == 404
    assert db.session.query(ClassificationMapping).count() == 0


def test_only_platform_admins_see_it(client, db, login):
    login(OrgAdminFactory())
    assert client.get("/admin/classification/sei").status_code == 403
