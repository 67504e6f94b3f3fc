"""Template filters for money and rates. All rounding goes through jixiao.domain.money."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html

from jixiao.domain.classification import function_name
from jixiao.domain.money import percent_text, ratio_percent, to_wan, yuan_fixed

register = template.Library()

UNITS = {"wan": "万元", "yuan": "元"}

FIELD_LABELS = {
    "allocated": "年初预算",
    "adjusted": "追加追减",
    "transferred_in": "调入",
    "transferred_out": "调出",
    "spent": "已支出",
    "available": "可用余额",
    "requested": "本次金额",
    "amount": "金额",
    "line": "预算指标",
    "state": "状态",
    "source": "调出指标",
    "target": "调入指标",
    "needs_bureau": "需财政局审批",
    "doc_no": "文号",
    "key": "控制要素",
    "source_available": "调出指标可用余额",
    "target_available": "调入指标可用余额",
    "missing": "缺少要素",
    "kind": "类别",
    "code": "编码",
    "name": "名称",
    "is_key": "重点项目",
}

STATE_LABELS = {
    "draft": "草稿",
    "submitted": "已提交",
    "head_approved": "部门负责人已批准",
    "bureau_approved": "财政局已批准",
    "executed": "已执行",
    "rejected": "已驳回",
    "withdrawn": "已撤回",
}


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@register.filter
def money(value, unit: str = "wan") -> str:
    """An amount in 元 shown in the table unit: 万元 with two decimals (default) or 元."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    if unit == "yuan":
        return yuan_fixed(amount)
    return f"{to_wan(amount):,.2f}"  # already rounded half-up to 0.01万元 by to_wan


@register.filter
def money_cell(value, unit: str = "wan") -> str:
    """Like ``money`` but wrapped so negative amounts get the muted-red class."""
    amount = _decimal(value)
    text = money(value, unit)
    if amount is not None and amount < 0:
        return format_html('<span class="neg">{}</span>', text)
    return text


@register.filter
def yuan(value) -> str:
    amount = _decimal(value)
    return "—" if amount is None else yuan_fixed(amount)


@register.filter
def pct(value) -> str:
    """A Decimal percentage with one decimal: 98.5%."""
    return percent_text(_decimal(value))


@register.simple_tag
def rate(numerator, denominator) -> str:
    return percent_text(ratio_percent(Decimal(numerator), Decimal(denominator)))


@register.filter
def unit_label(unit: str) -> str:
    return UNITS.get(unit, "万元")


@register.filter
def field_label(key) -> str:
    return FIELD_LABELS.get(str(key), str(key))


@register.filter
def audit_value(value, key="") -> str:
    """A before/after value of the audit trail, readable: amounts in 元, states in Chinese."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "—"
    if str(key) == "state":
        return STATE_LABELS.get(str(value), str(value))
    if str(key) in FIELD_LABELS and str(key) not in {
        "line",
        "key",
        "source",
        "target",
        "doc_no",
        "state",
        "kind",
    }:
        amount = _decimal(value)
        if amount is not None:
            return f"{yuan_fixed(amount)}元"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (filters keep state in the URL)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def func_label(code) -> str:
    """功能分类 code with its name: '2012901 行政运行'."""
    name = function_name(str(code)) if code else None
    return f"{code} {name}" if name else str(code or "—")
