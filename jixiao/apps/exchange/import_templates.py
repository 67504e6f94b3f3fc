"""The downloadable template of every import kind (`jixiao template KIND`, each import page).

Every kind the column specification lists gets one (synonyms.yaml ``kinds``), so a kind added
there has its template without code here; ``org`` is the bureau roster (orgs/roster.yaml).
Nothing here reads the database.
"""

from __future__ import annotations

from jixiao.apps.orgs.models import BUREAU_ROLE_CHOICES
from jixiao.domain.department_types import department_type_names
from jixiao.domain.errors import DomainError
from jixiao.domain.imports import ImportColumn, example_label, import_kinds
from jixiao.domain.roster import roster_spec
from jixiao.formats.import_templates import TemplateSheet, template_workbook

ROSTER = "org"


def template_kinds() -> dict[str, str]:
    """kind → title, in the order the CLI and the pages list them. A kind is named as the import
    command names it: the spec's ``prior_year`` is ``prior-year``."""
    return {ROSTER: roster_spec().title, **{cli_name(k): spec.title for k, spec in import_kinds().items()}}


def cli_name(kind: str) -> str:
    return kind.replace("_", "-")


def spec_name(kind: str) -> str:
    """The spec's key of a kind named either way (prior-year or prior_year)."""
    return kind.replace("-", "_")


def _roster_values(column: ImportColumn) -> ImportColumn:
    placeholders = {
        "@department_types": "、".join(department_type_names()),
        "@roles": "、".join(str(label) for _, label in BUREAU_ROLE_CHOICES),
    }
    if column.values in placeholders:
        return ImportColumn(
            column.field, column.header, column.required, placeholders[column.values], column.example
        )
    return column


def roster_sheets() -> list[TemplateSheet]:
    return [
        TemplateSheet(sheet.name, [_roster_values(c) for c in sheet.columns])
        for sheet in roster_spec().sheets
    ]


def required_headers(kind: str) -> list[str]:
    """The required columns of a kind, as the import page lists them."""
    if kind == ROSTER:
        return [f"{s.name}：{c.header}" for s in roster_spec().sheets for c in s.columns if c.required]
    return [c.header for c in import_kinds()[spec_name(kind)].columns if c.required]


def template_file(kind: str) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of a kind's template."""
    kind = cli_name(kind)
    kinds = template_kinds()
    if kind not in kinds:
        raise DomainError(f"没有“{kind}”这种导入模板（可选：{'、'.join(kinds)}）")
    if kind == ROSTER:
        content = template_workbook(
            title=kinds[kind],
            sheets=roster_sheets(),
            example_label=example_label(),
            notes=[
                "三张工作表都要保留：单位、年度概况、用户；没有数据的表只留表头。",
                "同一文件可重复导入：已有的记录不重复创建，变化的值会更新并列在导入结果中。",
                "新用户的初始密码另存为一个文件，只给系统管理员；用户首次登录必须修改密码。",
            ],
        )
    else:
        spec = import_kinds()[spec_name(kind)]
        content = template_workbook(
            title=spec.title,
            sheets=[TemplateSheet(spec.title, spec.columns)],
            example_label=example_label(),
            notes=["金额单位为元（列名中已注明）。全部行校验通过才导入，有错误时一行也不写入。"],
        )
    return f"{kinds[kind]}导入模板.xlsx", content
