"""Bulk import (page and command line), all or nothing, and export."""

import io

import openpyxl
import pytest

from alliance.models import AuditEvent, Patent
from alliance.validators import cn_check_char

from .factories import OrgAdminFactory, UserFactory

HEADER = ("申请号,名称,摘要,专利类型,法律状态,申请日,公开(公告)日,授权日,分类号,申请(专利权)人,"
          "发明(设计)人")


def number(serial: int, kind: str = "1") -> str:
    digits = f"2020{kind}{serial:07d}"
    return f"{digits}.{cn_check_char(digits)}"


def csv_file(org_name: str, rows: int = 3, bad: dict | None = None,
             encoding: str = "utf-8-sig") -> bytes:
    lines = [HEADER]
    for i in range(rows):
        lines.append(f"{number(i + 1)},一种锂电池材料{i},摘要{i},发明,有效,2020-01-0{i + 1},"
                     f"2020-07-01,2022-03-01,H01M 4/13;H01M 10/0525,{org_name}:70;外部公司:30,"
                     "张三;李四")
    for row, text in (bad or {}).items():
        lines[row - 1] = text
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.fixture
def admin(db):
    return OrgAdminFactory()


def _upload(client, data: bytes, name: str = "patents.csv"):
    return client.post("/patents/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_upload_preview_then_commit(client, db, login, admin):
    login(admin)
    preview = _upload(client, csv_file(admin.organization.name_zh))
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "一种锂电池材料2" in page and db.session.query(Patent).count() == 0
    token = page.split('name="token" value="')[1].split('"')[0]
    assert client.post("/patents/import/commit", data={"token": token}).status_code == 302
    assert db.session.query(Patent).count() == 3
    patent = db.session.scalar(db.select(Patent).filter_by(application_number=number(1)))
    assert [o.organization_id for o in patent.owners][0] == admin.organization_id
    assert patent.ipc == ["H01M 4/13", "H01M 10/0525"]


def test_a_bad_row_imports_nothing_and_names_its_row(client, db, login, admin):
    login(admin)
    name = admin.organization.name_zh
    bad = {3: f"{number(9)[:-1]}0,坏行,,发明,有效,2020-01-01,,,H01M 4/13,{name},"
           if number(9)[-1] != "0" else f"{number(9)[:-1]}1,坏行,,发明,有效,2020-01-01,,,,"
           f"{name},"}
    response = _upload(client, csv_file(name, bad=bad))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "table-danger" in page and 'name="token"' not in page
    assert db.session.query(Patent).count() == 0


def test_a_file_in_gbk_and_an_xlsx_file_are_read(client, db, login, admin):
    login(admin)
    assert _upload(client, csv_file(admin.organization.name_zh, encoding="gbk")).status_code \
        == 200
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([number(5), "一种电池", "", "发明", "有效", "2020-01-05", "2020-07-01", "",
                  "H01M 4/13", admin.organization.name_zh, "王五"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _upload(client, buffer.getvalue(), "patents.xlsx").status_code == 200


def test_an_unknown_encoding_or_header_is_refused(client, db, login, admin):
    login(admin)
    assert _upload(client, "申请号,名称\n".encode("utf-16")).status_code == 400
    assert _upload(client, "编号,名字\n1,2\n".encode()).status_code == 400
    assert _upload(client, b"x", "patents.pdf").status_code == 400


def test_only_an_admin_imports(client, db, login, admin):
    login(UserFactory(organization=admin.organization))
    assert client.get("/patents/import").status_code == 403


def test_a_stale_token_asks_to_upload_again(client, db, login, admin):
    login(admin)
    response = client.post("/patents/import/commit", data={"token": "nope"})
    assert response.status_code == 303 and db.session.query(Patent).count() == 0


def test_the_command_line_import_is_all_or_nothing_and_idempotent(app, db, admin, tmp_path):
    runner = app.test_cli_runner()
    name = admin.organization.name_zh
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(name))
    dry = runner.invoke(args=["patents", "import", str(good), "--org",
                              str(admin.organization_id), "--dry-run"])
    assert dry.exit_code == 0 and "would import 3 new" in dry.output
    assert db.session.query(Patent).count() == 0
    done = runner.invoke(args=["patents", "import", str(good), "--org",
                               admin.organization.uscc])
    assert done.exit_code == 0 and "imported 3 new" in done.output
    events = db.session.query(AuditEvent).count()
    again = runner.invoke(args=["patents", "import", str(good), "--org",
                                str(admin.organization_id)])
    assert "0 new, 0 updated, 3 unchanged" in again.output
    assert db.session.query(AuditEvent).count() == events
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file(name, rows=4, bad={4: f"{number(1)},重复的号,,发明,,2020-01-01,"
                                                   f",,,{name},"}))
    refused = runner.invoke(args=["patents", "import", str(bad), "--org",
                                  str(admin.organization_id)])
    assert refused.exit_code == 1 and "row 4" in refused.output
    assert db.session.query(Patent).count() == 3


def test_an_unknown_organisation_is_a_usage_error(app, db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"x")
    result = app.test_cli_runner().invoke(args=["patents", "import", str(path), "--org", "42"])
    assert result.exit_code == 2


def test_export_opens_in_excel_with_chinese_and_reimports(client, db, login, admin, app,
                                                          tmp_path):
    login(admin)
    runner = app.test_cli_runner()
    source = tmp_path / "in.csv"
    source.write_bytes(csv_file(admin.organization.name_zh))
    runner.invoke(args=["patents", "import", str(source), "--org", str(admin.organization_id)])
    exported = client.get("/patents/export.csv")
    assert exported.status_code == 200 and exported.data.startswith("\ufeff".encode())
    assert "一种锂电池材料0" in exported.data.decode("utf-8-sig")
    again = tmp_path / "again.csv"
    again.write_bytes(exported.data)
    result = runner.invoke(args=["patents", "import", str(again), "--org",
                                 str(admin.organization_id)])
    assert "3 unchanged" in result.output, result.output
    xlsx = client.get("/patents/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert book.active.max_row == 4
