"""Hard budget control.

A budget line is identified by a complete control key: year, department, 功能分类 (项, 7
digits), fund type (基本-人员 / 基本-公用 / 项目), the project for 项目 funds, the economic
class at the department's control level (款 by default, e.g. 302; or 项, e.g. 30217), and
the 资金来源 (一般公共预算财政拨款, 其他收入 … — data, fund-sources.yaml). An expenditure
names the key it belongs to and the line it is charged to; the check refuses, with a Chinese
message and the full balance breakdown:

- an incomplete key (blocked, never skipped — cf. ERPNext #58564);
- cross-use between 资金来源 (spending 其他收入 never uses up 财政拨款; only an approved 调剂
  moves money between sources);
- cross-use between 基本 and 项目 funds, or between two projects;
- use across budget subjects (功能分类 or 经济分类 not those of the line);
- overspending: available = allocated + adjustments + transfers in − transfers out − spent
  − committed (预占: approved 用款申请, registered 政府采购 contracts, approved 调剂 not yet
  executed — cf. the commitment ledger of ecosoft budget_control).

Every refusal is raised before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.classification import (
    FundType,
    basic_fund_type_for,
    default_fund_source,
    economic_name,
    function_name,
    fund_source_name,
    is_fund_source,
    is_known_economic_code,
    is_known_function_code,
)
from jixiao.domain.errors import DomainError
from jixiao.domain.money import ZERO, wan, yuan_fixed

CONTROL_LEVELS = (3, 5)


class BudgetControlError(DomainError):
    code = "budget_control"


class IncompleteControlKey(BudgetControlError):
    code = "incomplete_key"


class CrossUseForbidden(BudgetControlError):
    code = "cross_use"


class SubjectMismatch(BudgetControlError):
    code = "subject_mismatch"


class BudgetExceeded(BudgetControlError):
    code = "budget_exceeded"


@dataclass(frozen=True, slots=True)
class ControlKey:
    year: int | None
    department: str | None
    func_code: str | None
    fund_type: FundType | None
    project: str | None
    econ_code: str | None
    fund_source: str | None = field(default_factory=default_fund_source)

    def describe(self) -> str:
        parts = [
            f"{self.year}年度" if self.year else "年度未填",
            f"资金来源{fund_source_name(self.fund_source)}" if self.fund_source else "资金来源未填",
            f"功能分类{self.func_code}{function_name(self.func_code) or ''}"
            if self.func_code
            else "功能分类未填",
            self.fund_type.label if self.fund_type else "支出性质未填",
        ]
        if self.fund_type is FundType.PROJECT:
            parts.append(f"项目“{self.project}”" if self.project else "项目未填")
        parts.append(
            f"经济分类{self.econ_code}{economic_name(self.econ_code) or ''}"
            if self.econ_code
            else "经济分类未填"
        )
        return "，".join(parts)


@dataclass(frozen=True, slots=True)
class LineBalance:
    """The running totals of one budget line, in 元."""

    allocated: Decimal = ZERO
    adjusted: Decimal = ZERO
    transferred_in: Decimal = ZERO
    transferred_out: Decimal = ZERO
    spent: Decimal = ZERO
    committed: Decimal = ZERO

    @property
    def budget(self) -> Decimal:
        """调整后预算 = 年初预算 + 追加追减 + 调入 − 调出."""
        return self.allocated + self.adjusted + self.transferred_in - self.transferred_out

    @property
    def available(self) -> Decimal:
        """可用余额 = 调整后预算 − 已支出 − 已预占."""
        return self.budget - self.spent - self.committed

    @property
    def unspent(self) -> Decimal:
        """What the year leaves of the line (年末结转结余): 调整后预算 − 已支出; commitments still open
        at year end are money not yet spent."""
        return self.budget - self.spent

    def breakdown(self) -> dict[str, Decimal]:
        return {
            "allocated": self.allocated,
            "adjusted": self.adjusted,
            "transferred_in": self.transferred_in,
            "transferred_out": self.transferred_out,
            "spent": self.spent,
            "committed": self.committed,
            "available": self.available,
        }

    def breakdown_text(self) -> str:
        committed = f"已预占{yuan_fixed(self.committed)}元，" if self.committed else ""
        return (
            f"年初预算{yuan_fixed(self.allocated)}元，追加追减{yuan_fixed(self.adjusted)}元，"
            f"调入{yuan_fixed(self.transferred_in)}元，调出{yuan_fixed(self.transferred_out)}元，"
            f"已支出{yuan_fixed(self.spent)}元，{committed}可用余额{yuan_fixed(self.available)}元"
        )

    def without_commitment(self, amount: Decimal) -> LineBalance:
        """The balance as a payment against its own commitment sees it: that reserved money is
        the payment's to use."""
        return LineBalance(
            allocated=self.allocated,
            adjusted=self.adjusted,
            transferred_in=self.transferred_in,
            transferred_out=self.transferred_out,
            spent=self.spent,
            committed=self.committed - amount,
        )


@dataclass(frozen=True, slots=True)
class BudgetLineView:
    """What the check needs to know of a line: its key, label and balance."""

    key: ControlKey
    label: str
    balance: LineBalance = field(default_factory=LineBalance)


def missing_key_fields(key: ControlKey, *, econ_level: int = 3) -> list[str]:
    missing = []
    if not key.year:
        missing.append("年度")
    if not key.department:
        missing.append("预算单位")
    if not key.fund_source:
        missing.append("资金来源")
    elif not is_fund_source(key.fund_source):
        missing.append(f"资金来源（“{key.fund_source}”不是有效的资金来源）")
    if not key.func_code:
        missing.append("功能分类")
    elif len(key.func_code) != 7 or not is_known_function_code(key.func_code):
        missing.append(f"功能分类（“{key.func_code}”不是有效的7位项级科目）")
    if key.fund_type is None:
        missing.append("支出性质（基本-人员/基本-公用/项目）")
    if key.fund_type is FundType.PROJECT and not key.project:
        missing.append("项目")
    if key.fund_type is not None and key.fund_type is not FundType.PROJECT and key.project:
        missing.append("项目（基本支出不得指定项目）")
    if not key.econ_code:
        missing.append("经济分类")
    elif len(key.econ_code) < econ_level or not is_known_economic_code(key.econ_code):
        missing.append(f"经济分类（“{key.econ_code}”不是有效的经济分类科目，至少需要{econ_level}位）")
    return missing


def check_key_complete(key: ControlKey, *, econ_level: int = 3) -> None:
    if econ_level not in CONTROL_LEVELS:
        raise ValueError(f"unsupported econ control level {econ_level}")
    missing = missing_key_fields(key, econ_level=econ_level)
    if missing:
        raise IncompleteControlKey(
            "预算控制要素不完整，已阻止支出：缺少或无效的" + "、".join(missing) + "。", missing=missing
        )


def _basic_fund_consistent(key: ControlKey) -> str | None:
    if key.fund_type is None or key.fund_type is FundType.PROJECT or not key.econ_code:
        return None
    expected = basic_fund_type_for(key.econ_code)
    if expected is not key.fund_type:
        return (
            f"经济分类{key.econ_code}{economic_name(key.econ_code) or ''}属于{expected.label}，"
            f"不能列入{key.fund_type.label}"
        )
    return None


def check_expenditure(
    *, expense_key: ControlKey, line: BudgetLineView, amount: Decimal, econ_level: int = 3
) -> None:
    """Refuse an expenditure that breaks budget control; return None when it may be posted."""
    if amount <= 0:
        raise BudgetControlError("支出金额必须大于0；冲销已记账的支出请使用红字冲销。")
    check_key_complete(expense_key, econ_level=econ_level)
    check_key_complete(line.key, econ_level=econ_level)
    problem = _basic_fund_consistent(expense_key)
    if problem:
        raise SubjectMismatch(problem + "。")
    if expense_key.year != line.key.year or expense_key.department != line.key.department:
        raise CrossUseForbidden("支出只能使用本单位本年度的预算指标。")
    if expense_key.fund_source != line.key.fund_source:
        raise CrossUseForbidden(
            f"不得跨资金来源使用预算：该支出的资金来源为{fund_source_name(expense_key.fund_source)}，"
            f"不能使用资金来源为{fund_source_name(line.key.fund_source)}的指标“{line.label}”支付。"
            "不同资金来源之间调剂须经批准的预算调剂办理。",
            kind="fund_source",
            expense_source=expense_key.fund_source,
            line_source=line.key.fund_source,
        )
    if expense_key.fund_type.is_basic != line.key.fund_type.is_basic:
        raise CrossUseForbidden(
            f"不得串用资金：该支出属于{expense_key.fund_type.family_label}，"
            f"不能使用{line.key.fund_type.family_label}指标“{line.label}”支付。"
            "基本支出与项目支出之间调剂须经部门负责人和财政局批准。",
            kind="basic_project",
            expense_fund=expense_key.fund_type.value,
            line_fund=line.key.fund_type.value,
        )
    if expense_key.fund_type is FundType.PROJECT and expense_key.project != line.key.project:
        raise CrossUseForbidden(
            f"不得在项目之间串用资金：该支出属于项目“{expense_key.project}”，"
            f"不能使用项目“{line.key.project}”的指标“{line.label}”支付。",
            kind="project_project",
        )
    if expense_key.fund_type is not line.key.fund_type:
        raise CrossUseForbidden(
            f"不得串用资金：该支出属于{expense_key.fund_type.label}，不能使用{line.key.fund_type.label}指标“{line.label}”支付。",
            kind="personnel_public",
        )
    line_econ = line.key.econ_code
    if not expense_key.econ_code.startswith(line_econ[:econ_level]) or (
        len(line_econ) > econ_level and not expense_key.econ_code.startswith(line_econ)
    ):
        raise SubjectMismatch(
            f"不得跨科目使用预算：支出经济分类{expense_key.econ_code}{economic_name(expense_key.econ_code) or ''}"
            f"与指标“{line.label}”的经济分类{line_econ}{economic_name(line_econ) or ''}不一致。"
        )
    if expense_key.func_code != line.key.func_code:
        raise SubjectMismatch(
            f"不得跨科目使用预算：支出功能分类{expense_key.func_code}{function_name(expense_key.func_code) or ''}"
            f"与指标“{line.label}”的功能分类{line.key.func_code}{function_name(line.key.func_code) or ''}不一致。"
        )
    if amount > line.balance.available:
        raise BudgetExceeded(
            f"超出预算，已拒绝：本次支出{yuan_fixed(amount)}元，指标“{line.label}”"
            f"{line.balance.breakdown_text()}，超出{yuan_fixed(amount - line.balance.available)}元。",
            requested=amount,
            **line.balance.breakdown(),
        )


def transfer_needs_bureau_approval(source: ControlKey, target: ControlKey) -> bool:
    """调剂 between 基本 and 项目, between projects, or between 资金来源 also needs the finance bureau."""
    if source.fund_type is None or target.fund_type is None:
        return True
    if source.fund_source != target.fund_source:
        return True
    if source.fund_type.is_basic != target.fund_type.is_basic:
        return True
    return source.fund_type is FundType.PROJECT and source.project != target.project


def check_transfer(
    *, source: BudgetLineView, target: BudgetLineView, amount: Decimal, econ_level: int = 3
) -> None:
    if amount <= 0:
        raise BudgetControlError("调剂金额必须大于0。")
    check_key_complete(source.key, econ_level=econ_level)
    check_key_complete(target.key, econ_level=econ_level)
    if source.key == target.key:
        raise BudgetControlError("调出指标与调入指标不能相同。")
    if source.key.year != target.key.year or source.key.department != target.key.department:
        raise CrossUseForbidden("调剂只能在本单位本年度的预算指标之间进行。")
    if amount > source.balance.available:
        raise BudgetExceeded(
            f"调出指标“{source.label}”可用余额不足：调剂{yuan_fixed(amount)}元，{source.balance.breakdown_text()}。",
            requested=amount,
            **source.balance.breakdown(),
        )


def check_adjustment(*, line: BudgetLineView, amount: Decimal) -> None:
    """追加 (positive) or 追减 (negative): a 追减 may not take the line below what is spent."""
    if amount == 0:
        raise BudgetControlError("追加追减金额不能为0。")
    if amount < 0 and -amount > line.balance.available:
        raise BudgetExceeded(
            f"追减{wan(-amount)}超过指标“{line.label}”的可用余额：{line.balance.breakdown_text()}。",
            requested=-amount,
            **line.balance.breakdown(),
        )
