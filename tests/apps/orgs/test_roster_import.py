"""Roster import: a whole bureau in one pass, all or nothing, idempotent, changes audited and listed."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import Department, DepartmentProfile, Role, User
from jixiao.apps.orgs.roster import passwords_workbook, roster_import
from jixiao.domain.department_types import department_type_names
from jixiao.domain.roster import roster_spec


def write_roster(path, *, departments=300, users_each=3, bad=None):
    """A roster of ``departments`` departments of every type, each with a profile and users.
    ``bad`` = (sheet, row, header, value) puts one bad value in one cell."""
    book = Workbook()
    book.remove(book.active)
    sheets = {s.name: book.create_sheet(s.name) for s in roster_spec().sheets}
    for spec in roster_spec().sheets:
        sheets[spec.name].append([c.header for c in spec.columns])
    types = department_type_names()
    roles = ["部门财务人员", "部门负责人", "部门财务人员"]
    for n in range(departments):
        code = f"4304{n:04d}"
        sheets["单位"].append(
            [
                code,
                f"测试{n:03d}单位",
                types[n % len(types)],
                1 + n % 3,
                "办公室、业务股" if n % 2 else "无",
                "款",
            ]
        )
        sheets["年度概况"].append(
            [code, 2023, 3 + n % 5, 3, 0, n % 4, "（一）贯彻落实政策\n（二）做好本系统工作", None, None, None]
        )
        for k in range(users_each):
            sheets["用户"].append([f"u{n:03d}_{k}", f"用户{n}-{k}", roles[k % 3], code])
    sheets["用户"].append(["czj_admin2", "王管理", "系统管理员", None])
    if bad:
        sheet, row, header, value = bad
        column = [c.value for c in sheets[sheet][1]].index(header) + 1
        sheets[sheet].cell(row=row, column=column, value=value)
    book.save(path)
    return path


def test_a_bureau_of_300_departments_with_3_users_each_imports_in_one_pass(sysadmin, tmp_path):
    path = write_roster(tmp_path / "名册.xlsx")
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert outcome.ok, outcome.errors[:5]
    assert Department.objects.filter(bureau=sysadmin.bureau).count() == 300
    assert DepartmentProfile.objects.filter(year=2023).count() == 300
    assert User.objects.filter(department__bureau=sysadmin.bureau).count() == 900
    assert User.objects.get(username="czj_admin2").role == Role.SYSTEM_ADMIN
    assert (outcome.count("单位", "新建"), outcome.count("用户", "新建")) == (300, 901)
    assert AuditEvent.objects.filter(action="user_create", reason="名册导入").count() == 901
    # Each new user has a random password that works and must be changed; the file has them all.
    assert len(outcome.passwords) == 901
    first = outcome.passwords[0]
    user = User.objects.get(username=first["用户名"])
    assert user.must_change_password and user.check_password(first["初始密码"])
    rows = list(load_workbook(__import__("io").BytesIO(passwords_workbook(outcome))).active.values)
    assert any(first["初始密码"] in row for row in rows)
    department = Department.objects.get(code="43040001")
    assert department.internal_units == [
        {"name": "办公室", "kind": "股室"},
        {"name": "业务股", "kind": "股室"},
    ]
    assert DepartmentProfile.objects.get(department=department).duties == "贯彻落实政策\n做好本系统工作"


def test_the_same_roster_with_one_bad_cell_imports_nothing_and_names_sheet_row_and_column(sysadmin, tmp_path):
    path = write_roster(tmp_path / "名册.xlsx", bad=("年度概况", 157, "实有人数", "三人"))
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert [str(e) for e in outcome.errors] == ["工作表“年度概况”第157行【实有人数】“三人”不是整数"]
    assert not Department.objects.filter(bureau=sysadmin.bureau).exists()
    assert User.objects.count() == 1 and not AuditEvent.objects.exists()
    assert outcome.passwords == [] and "未导入任何数据" in outcome.message


def test_running_the_same_file_again_changes_nothing_and_says_so(sysadmin, tmp_path):
    path = write_roster(tmp_path / "名册.xlsx", departments=5)
    assert roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path).ok
    events = AuditEvent.objects.count()
    again = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert again.ok and again.changes == [] and again.passwords == []
    assert again.unchanged == {"单位": 5, "年度概况": 5, "用户": 16}
    assert "没有需要变更的数据" in again.message
    assert AuditEvent.objects.count() == events


def test_a_changed_value_is_updated_listed_and_audited(sysadmin, tmp_path):
    path = write_roster(tmp_path / "名册.xlsx", departments=3)
    roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    before = Department.objects.get(code="43040001").department_type
    changed = write_roster(tmp_path / "名册2.xlsx", departments=3, bad=("单位", 3, "部门类型", "卫生健康"))
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=changed)
    assert [str(c) for c in outcome.changes] == [
        f"更新单位：43040001 测试001单位（部门类型：{before} → 卫生健康）"
    ]
    assert Department.objects.get(code="43040001").department_type == "卫生健康"
    event = AuditEvent.objects.get(action="department_update")
    assert (event.before, event.after, event.reason) == (
        {"部门类型": before},
        {"部门类型": "卫生健康"},
        "名册导入",
    )


def test_a_dry_run_lists_what_would_change_and_writes_nothing(sysadmin, tmp_path):
    path = write_roster(tmp_path / "名册.xlsx", departments=2)
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path, dry_run=True)
    assert outcome.ok and outcome.count("单位", "新建") == 2 and outcome.passwords == []
    assert "校验通过（未写入）" in outcome.message
    assert not Department.objects.filter(bureau=sysadmin.bureau).exists() and not AuditEvent.objects.exists()


def test_codes_and_user_names_of_another_bureau_are_refused(sysadmin, tmp_path):
    from tests.factories import BureauFactory, DepartmentFactory, UserFactory

    other = DepartmentFactory(bureau=BureauFactory(), code="43040000")
    UserFactory(username="u001_0", department=other)
    path = write_roster(tmp_path / "名册.xlsx", departments=2)
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert [str(e) for e in outcome.errors] == [
        "工作表“单位”第2行【单位编码】单位编码“43040000”已属于其他财政局",
        "工作表“用户”第5行【用户名】用户名“u001_0”已被其他财政局的用户使用",
    ]


@pytest.mark.parametrize("missing", ["用户", "年度概况"])
def test_a_workbook_without_one_of_the_three_sheets_is_refused(sysadmin, tmp_path, missing):
    path = write_roster(tmp_path / "名册.xlsx", departments=1)
    book = load_workbook(path)
    del book[missing]
    book.save(path)
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert [str(e) for e in outcome.errors] == [f"工作表“{missing}”表头【—】工作簿中没有工作表“{missing}”"]


def test_a_department_with_budget_lines_keeps_its_control_level(sysadmin, officer, department, tmp_path):
    from tests.factories import make_line

    make_line(actor=officer, department=department)
    path = write_roster(tmp_path / "名册.xlsx", departments=1)
    book = load_workbook(path)
    book["单位"].append([department.code, department.name, "科协", 1, "无", "项"])
    book.save(path)
    outcome = roster_import(actor=sysadmin, bureau=sysadmin.bureau, path=path)
    assert [str(e) for e in outcome.errors] == [
        "工作表“单位”第3行【经济分类控制级次】本单位已有预算指标，不能修改经济分类控制级次（已有指标按原级次控制）"
    ]
    assert not Department.objects.filter(code="43040000").exists()
