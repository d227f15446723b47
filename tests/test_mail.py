"""Mail, sent by SMTP to a real local server (aiosmtpd): decisions, join requests and
invitations reach the right people, in their language, only after the change commits."""

import logging
import threading

from alliance import mailer
from alliance.models import Membership, MembershipStatus, OrgStatus
from alliance.services.directory import alliance_by_code

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    UserFactory,
    make_coordinator,
)
from .test_admin import decision
from .test_concurrency import run_concurrently


def page_text(response) -> str:
    return response.get_data(as_text=True)


# Registration decided ---------------------------------------------------------------------

def test_rejected_registration_mails_the_reason_to_its_admins(client, db, login, mailbox):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING,
                                organization__name_zh="长春某研究所")
    colleague = UserFactory(organization=applicant.organization, role=applicant.role)
    UserFactory(organization=applicant.organization)  # a plain member hears nothing
    login(AdminFactory())
    response = client.post(
        f"/admin/organisations/{applicant.organization_id}/decide", follow_redirects=True,
        data=decision(applicant.organization,
                      {"reject": "y", "reason": "统一社会信用代码与名称不符"}))
    assert response.status_code == 200
    assert sorted(r for m in mailbox.messages for r in m.recipients) == sorted(
        [applicant.email, colleague.email])
    mail = mailbox.to(applicant.email)[0]
    assert mail.subject == "注册未获批准：长春某研究所"
    assert "统一社会信用代码与名称不符" in mail.body
    assert f"{applicant.name}，您好" in mail.body
    assert f"/organisations/{applicant.organization_id}" in mail.body
    assert "已驳回：长春某研究所。已发送邮件通知：" in page_text(response)
    assert f"{applicant.name}、{colleague.name}" in page_text(response) or \
        f"{colleague.name}、{applicant.name}" in page_text(response)
    assert applicant.email not in page_text(response)  # names only


def test_approved_registration_is_mailed_in_the_admins_language(client, db, login, mailbox):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING,
                                organization__name_en="Jilin Test Works",
                                preferred_language="en")
    login(AdminFactory())
    client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                data=decision(applicant.organization, {"approve": "y"}))
    [mail] = mailbox.to(applicant.email)
    assert mail.subject == "Registration approved: Jilin Test Works"
    assert mail.body.startswith(f"Dear {applicant.name},")
    assert "invite your colleagues" in mail.body


def test_decision_with_no_admin_to_tell_says_so(client, db, login, mailbox):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING, active=False)
    login(AdminFactory())
    response = client.post(
        f"/admin/organisations/{applicant.organization_id}/decide", follow_redirects=True,
        data=decision(applicant.organization, {"reject": "y", "reason": "材料不全"}))
    assert "未能发送邮件通知：该机构没有在用的管理员。" in page_text(response)
    assert mailbox.messages == []


# Join requests ----------------------------------------------------------------------------

def test_join_request_is_mailed_to_the_coordinators(client, db, login, alliance, mailbox):
    first = make_coordinator(alliance, name="秘书处甲")
    second = make_coordinator(alliance, name="秘书处乙", preferred_language="en")
    AdminFactory()  # the office is not bothered while coordinators can decide
    org_admin = OrgAdminFactory(organization__name_zh="吉林某大学")
    login(org_admin)
    response = client.post("/alliances/nev/join", follow_redirects=True,
                           data={"role": "member", "message": "我校电池专利较多"})
    assert sorted(r for m in mailbox.messages for r in m.recipients) == sorted(
        [first.email, second.email])
    chinese = mailbox.to(first.email)[0]
    assert chinese.subject == "入盟申请：吉林某大学申请加入新能源汽车产业知识产权联盟"
    assert "我校电池专利较多" in chinese.body and "/alliances/nev/requests" in chinese.body
    english = mailbox.to(second.email)[0]
    assert english.subject.startswith("Join request: ")
    assert "New-energy vehicles IP Alliance" in english.subject
    text = page_text(response)
    assert "申请已提交给该联盟协调员秘书处甲、秘书处乙，由其审批" in text


def test_join_request_without_coordinator_goes_to_the_office(client, db, login, alliance,
                                                              mailbox):
    office = [AdminFactory(), AdminFactory()]
    AdminFactory(active=False)
    login(OrgAdminFactory())
    response = client.post("/alliances/nev/join", data={"role": "member"},
                           follow_redirects=True)
    assert sorted(r for m in mailbox.messages for r in m.recipients) == sorted(
        a.email for a in office)
    assert "联席会议办公室（平台管理员）审批" in mailbox.messages[0].body
    assert "将由联席会议办公室（平台管理员）审批" in page_text(response)


def test_own_coordinator_does_not_hear_of_own_request(client, db, login, alliance, mailbox):
    org_admin = OrgAdminFactory()
    own = make_coordinator(alliance, organization=org_admin.organization)
    office = AdminFactory()
    login(org_admin)
    response = client.post("/alliances/nev/join", data={"role": "member"},
                           follow_redirects=True)
    assert [m.recipients for m in mailbox.messages] == [[office.email]]
    assert mailbox.to(own.email) == []
    assert "联席会议办公室（平台管理员）" in page_text(response)


def test_rejected_join_request_mails_the_reason(client, db, login, alliance, mailbox):
    coordinator = make_coordinator(alliance)
    org_admin = OrgAdminFactory(organization__name_zh="吉林某企业")
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(coordinator)
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "主营业务与联盟方向不符"},
                           follow_redirects=True)
    [mail] = mailbox.messages
    assert mail.recipients == [org_admin.email]
    assert mail.subject == "入盟申请未获批准：新能源汽车产业知识产权联盟"
    assert "主营业务与联盟方向不符" in mail.body
    text = page_text(response)
    assert f"已驳回：吉林某企业。已发送邮件通知：{org_admin.name}。" in text
    assert "告知" not in text.split("已驳回")[1].split("已发送")[0]


def test_approved_join_request_is_mailed(client, db, login, alliance, mailbox):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(AdminFactory())
    client.post(f"/alliances/memberships/{membership.id}/decide", data={"approve": "y"})
    [mail] = mailbox.to(org_admin.email)
    assert mail.subject == "入盟申请已获批准：新能源汽车产业知识产权联盟"
    assert "/alliances/nev" in mail.body


def test_decider_is_told_when_nobody_could_be_mailed(client, db, login, alliance, mailbox):
    org = OrganizationFactory()
    membership = MembershipFactory(alliance=alliance, organization=org)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "不符"}, follow_redirects=True)
    assert "未能发送邮件通知：该机构没有在用的管理员。" in page_text(response)
    assert "已发送邮件通知" not in page_text(response)
    assert mailbox.messages == []


# Invitations ------------------------------------------------------------------------------

def test_invitation_with_address_is_mailed_with_a_working_link(client, db, login, mailbox):
    admin = OrgAdminFactory(organization__name_zh="吉林某研究院")
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"email": "new.colleague@example.org", "role": "member"})
    assert response.status_code == 200
    [mail] = mailbox.to("new.colleague@example.org")
    assert mail.subject == "邀请您加入吉林省知识产权联盟协作平台上的吉林某研究院"
    link = mail.link("/auth/join/")
    assert link in page_text(response)  # still shown once to its creator
    assert "已发送邮件通知：new.colleague@example.org" in page_text(response)
    client.post("/auth/logout")
    accept = client.get(link.replace("http://localhost", ""))
    assert accept.status_code == 200 and "吉林某研究院" in page_text(accept)


def test_invitation_without_address_is_only_shown(client, db, login, mailbox):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"email": "", "role": "member"})
    assert response.status_code == 200 and "/auth/join/" in page_text(response)
    assert mailbox.messages == []
    assert "已发送邮件" not in page_text(response)


# Sent after commit only -------------------------------------------------------------------

def test_queued_mail_goes_out_on_commit_and_never_after_rollback(app, db, mailbox):
    person = UserFactory(email="someone@example.org")
    with app.test_request_context("/"):
        mailer.queue(person, "password_reset", link="http://localhost/x", minutes=60)
        db.session.rollback()
        assert mailbox.messages == [] and mailer.delivered() == []
        mailer.queue(person, "password_reset", link="http://localhost/y", minutes=60)
        assert mailbox.messages == []  # not before the commit
        db.session.commit()
        assert [m.recipients for m in mailbox.messages] == [["someone@example.org"]]
        assert [o.address for o in mailer.delivered()] == ["someone@example.org"]


def test_savepoint_release_does_not_send(app, db, mailbox):
    person = UserFactory()
    with app.test_request_context("/"):
        mailer.queue(person, "password_reset", link="http://localhost/x", minutes=60)
        with db.session.begin_nested():
            pass  # a savepoint opened and released with nothing in it: no commit yet
        assert mailbox.messages == []
        db.session.rollback()
    assert mailbox.messages == []


def test_lost_concurrent_decision_sends_no_mail(app, db, mailbox):
    from alliance.services import ServiceError
    from alliance.services.memberships import decide_membership

    nev = alliance_by_code("nev")
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=nev, organization=org_admin.organization)
    first, second = make_coordinator(nev), make_coordinator(nev)
    ids = iter([(first.id, True), (second.id, False)])
    lock = threading.Lock()

    def decide():
        from alliance.extensions import db as session_db
        from alliance.models import User

        with lock:
            user_id, approve = next(ids)
        actor = session_db.session.get(User, user_id)
        target = session_db.session.get(Membership, membership.id)
        with app.test_request_context("/"):
            decide_membership(actor, target, approve, reason="" if approve else "不符")
        return approve

    results = run_concurrently(app, decide)
    winners = [r for r in results if isinstance(r, bool)]
    losers = [r for r in results if isinstance(r, ServiceError)]
    assert len(winners) == 1 and [e.status for e in losers] == [409]
    db.session.expire_all()
    outcome = db.session.get(Membership, membership.id).status
    assert outcome is (MembershipStatus.ACTIVE if winners[0] else MembershipStatus.REJECTED)
    [mail] = mailbox.messages  # the winner's decision only
    assert mail.recipients == [org_admin.email]
    assert ("已获批准" if winners[0] else "未获批准") in mail.subject


def test_refused_decision_sends_no_mail(client, db, login, alliance, mailbox):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization,
                                   status=MembershipStatus.ACTIVE)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "迟到的决定"})
    assert response.status_code == 409
    assert mailbox.messages == []


def test_failed_sending_is_logged_and_keeps_the_change(app, client, db, login, alliance,
                                                     mailbox, caplog):
    from alliance.extensions import mail
    from alliance.mailer import log

    from .smtp import free_port

    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(make_coordinator(alliance))
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    mail.init_app(app)
    with caplog.at_level(logging.ERROR, logger=log.name):
        response = client.post(f"/alliances/memberships/{membership.id}/decide",
                               data={"reject": "y", "reason": "不符"}, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.REJECTED
    assert "Could not connect to the mail server" in caplog.text
    text = page_text(response)
    assert f"发给{org_admin.name}的邮件未能发出，但操作已保存" in text
    assert "已发送邮件通知" not in text


# Backends ---------------------------------------------------------------------------------

def test_without_mail_server_messages_are_written_to_the_log(app, db, caplog):
    assert app.config["MAIL_BACKEND"] == mailer.LOG_BACKEND
    person = UserFactory(email="logged@example.org")
    with app.test_request_context("/"), caplog.at_level(logging.WARNING, logger=mailer.log.name):
        mailer.queue(person, "password_reset", link="http://localhost/reset/abc", minutes=60)
        db.session.commit()
        assert [o.address for o in mailer.logged()] == ["logged@example.org"]
        assert mailer.delivered() == []
    assert "To: logged@example.org" in caplog.text
    assert "http://localhost/reset/abc" in caplog.text


def test_without_mail_server_the_decider_is_not_told_it_was_sent(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "不符"}, follow_redirects=True)
    text = page_text(response)
    assert f"未配置邮件服务器：发给{org_admin.name}的邮件仅写入了服务器日志" in text
    assert "已发送邮件通知" not in text


def test_mail_server_setting_selects_smtp(monkeypatch, tmp_path):
    from alliance import create_app

    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_PORT", "465")
    monkeypatch.setenv("MAIL_USE_SSL", "true")
    monkeypatch.setenv("MAIL_DEFAULT_SENDER", "平台 <noreply@example.org>")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
                      "SECRET_KEY": "x"})
    state = app.extensions["mailman"]
    assert (state.backend, state.server, state.port, state.use_ssl) == (
        "smtp", "smtp.example.org", 465, True)
    assert state.default_sender == "平台 <noreply@example.org>"
    monkeypatch.delenv("MAIL_SERVER")
    assert create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'y.db'}",
                       "SECRET_KEY": "x"}).extensions["mailman"].backend == mailer.LOG_BACKEND
