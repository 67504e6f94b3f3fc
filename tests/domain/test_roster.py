"""The roster reader: cells to records; every bad cell named by sheet, row and column."""

from __future__ import annotations

from jixiao.domain.roster import (
    numbered_duties,
    parse_duties,
    parse_internal_units,
    read_roster,
    roster_spec,
)

ROLES = {"部门财务人员": "finance_officer", "部门负责人": "department_head", "财政局工作人员": "bureau_staff"}
DEPARTMENT_ROLES = {"finance_officer", "department_head"}


def headers(sheet: str) -> list[str]:
    return [c.header for c in roster_spec().sheet(sheet).columns]


def sheets(units=(), profiles=(), users=()):
    return {
        "单位": [headers("单位"), *units],
        "年度概况": [headers("年度概况"), *profiles],
        "用户": [headers("用户"), *users],
    }


UNIT = ["430482-FL", "常宁市妇女联合会", "妇联", 1, "办公室、权益部", "款"]
PROFILE = ["430482-FL", 2023, 3, 3, 0, 1, "（一）团结动员妇女（二）维护妇女儿童合法权益", 3, 0, 0]
USER = ["fl_caiwu", "陈会计", "部门财务人员", "430482-FL"]


def read(**kwargs):
    return read_roster(sheets(**kwargs), roles=ROLES, department_roles=DEPARTMENT_ROLES)


def test_duties_are_split_on_lines_or_on_chinese_numbering():
    assert parse_duties("（一）团结动员妇女；（二）维护权益") == ["团结动员妇女", "维护权益"]
    assert parse_duties("团结动员妇女\n\n维护权益\n") == ["团结动员妇女", "维护权益"]
    assert parse_duties("1.宣传政策 2.组织培训") == ["宣传政策", "组织培训"]
    assert parse_duties("主要开展2023年度科学普及工作") == ["主要开展2023年度科学普及工作"]
    assert numbered_duties(["甲", "乙"]) == ["（一）甲", "（二）乙"]
    assert numbered_duties(["x"] * 12)[11] == "（十二）x"


def test_internal_units_are_names_separated_by_dunhao_or_none():
    assert parse_internal_units("无") == []
    assert parse_internal_units("办公室、权益部、妇女儿童活动中心") == [
        {"name": "办公室", "kind": "股室"},
        {"name": "权益部", "kind": "股室"},
        {"name": "妇女儿童活动中心", "kind": "中心"},
    ]


def test_a_good_roster_reads_into_records():
    roster = read(
        units=[UNIT], profiles=[PROFILE], users=[USER, ["czj_li", "李科长", "财政局工作人员", None]]
    )
    assert roster.ok, roster.errors
    (department,) = roster.departments
    assert (department.code, department.department_type, department.econ_control_level) == (
        "430482-FL",
        "妇联",
        3,
    )
    assert department.internal_units == (("办公室", "股室"), ("权益部", "股室"))
    (profile,) = roster.profiles
    assert profile.duties == ("团结动员妇女", "维护妇女儿童合法权益")
    assert (profile.staffing_admin, profile.staffing_institution, profile.staffing_worker) == (3, 0, 0)
    assert [(u.username, u.role, u.code) for u in roster.users] == [
        ("fl_caiwu", "finance_officer", "430482-FL"),
        ("czj_li", "bureau_staff", ""),
    ]


def test_the_template_example_row_is_skipped():
    roster = read(units=[["示例", *UNIT]], profiles=[], users=[])
    # The example row's first cell is 示例 (the template's 序号 column); here it shifts nothing
    # because columns are found by header, so the row is skipped as the example.
    assert roster.ok and roster.departments == []


def test_every_bad_cell_is_named_by_sheet_row_and_column():
    bad_unit = ["430482-X", "某单位", "不存在的类型", 0, "无", "目"]
    bad_profile = ["430482-FL", 2023, 3, 3, 0, 1, "", 1, 1, 0]  # 1+1+0 ≠ 3
    bad_user = ["fl zhuxi", "刘主席", "部门负责人", ""]
    roster = read(units=[UNIT, bad_unit], profiles=[bad_profile], users=[bad_user])
    found = {(e.sheet, e.row, e.column) for e in roster.errors}
    assert ("单位", 3, "部门类型") in found
    assert ("单位", 3, "预算单位个数") in found
    assert ("单位", 3, "经济分类控制级次") in found
    assert ("年度概况", 2, "行政编制") in found
    assert ("用户", 2, "用户名") in found
    assert ("用户", 2, "单位编码") in found
    message = next(str(e) for e in roster.errors if e.column == "行政编制")
    assert message == "工作表“年度概况”第2行【行政编制】行政编制1＋事业编制1＋工勤编制0＝2，不等于编制数3"


def test_a_missing_sheet_or_column_refuses_the_file():
    roster = read_roster(
        {"单位": [headers("单位")[:3]], "年度概况": [headers("年度概况")]},
        roles=ROLES,
        department_roles=DEPARTMENT_ROLES,
    )
    texts = [str(e) for e in roster.errors]
    assert "工作表“用户”表头【—】工作簿中没有工作表“用户”" in texts
    roster = read_roster(
        {"单位": [headers("单位")[:3]], "年度概况": [headers("年度概况")], "用户": [headers("用户")]},
        roles=ROLES,
        department_roles=DEPARTMENT_ROLES,
    )
    assert {(e.sheet, e.column) for e in roster.errors} == {("单位", "预算单位个数"), ("单位", "内设机构")}


def test_references_to_unknown_departments_and_duplicates_are_errors():
    roster = read(
        units=[UNIT, UNIT],
        profiles=[["430482-ZZ", 2023, 1, 1, 0, 0, "", None, None, None]],
        users=[USER, USER],
    )
    texts = {str(e) for e in roster.errors}
    assert "工作表“单位”第3行【单位编码】单位编码“430482-FL”与第2行重复" in texts
    assert "工作表“年度概况”第2行【单位编码】单位编码“430482-ZZ”不在“单位”表中，系统中也没有" in texts
    assert "工作表“用户”第3行【用户名】用户名“fl_caiwu”与第2行重复" in texts
