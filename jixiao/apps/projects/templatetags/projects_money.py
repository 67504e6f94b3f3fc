"""Money and rate filters for the 专项 and asset pages (万元 with two decimals, 元, 98.5%)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.domain.money import percent_text, wan_fixed, yuan_fixed

register = template.Library()


@register.filter
def wan2(value) -> str:
    if value is None or value == "":
        return "—"
    return wan_fixed(Decimal(value))


@register.filter
def yuan2(value) -> str:
    if value is None or value == "":
        return "—"
    return yuan_fixed(Decimal(value))


@register.filter
def pct(value) -> str:
    return percent_text(value)


@register.filter
def negative(value) -> bool:
    return value is not None and Decimal(value) < 0
