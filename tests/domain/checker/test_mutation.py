"""Mutation test: change any single amount or percentage of a consistent year-on-year or
parts-against-total statement of the seed by 5% or more, and the checker reports an error."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.checker import ERROR, check_text, parse
from jixiao.domain.checker.statements import find_parts, find_year_on_year
from jixiao.domain.money import round_half_up

from .conftest import SEED_NAME, read_text

SEED = read_text(SEED_NAME)


def _statement_numbers():
    """(description, statement span, number span) in original offsets, for every non-zero number."""
    report = parse(SEED)
    source = report.source
    cases = []
    for statement in find_year_on_year(report):
        if statement.current is None or statement.delta is None or statement.percent is None:
            continue
        span = source.original_span(statement.start, statement.end)
        for quantity in statement.quantities:
            cases.append(("同比", span, source.original_span(quantity.start, quantity.number_end)))
    for parts in find_parts(report):
        span = source.original_span(parts.start, parts.end)
        for quantity in (parts.candidates[0], *parts.parts):
            cases.append(("其中", span, source.original_span(quantity.start, quantity.number_end)))
    return [case for case in cases if Decimal(SEED[case[2][0] : case[2][1]]) != 0]


CASES = _statement_numbers()


def mutate(printed: str, factor: Decimal) -> str | None:
    """The printed number times ``factor``, printed with the same decimals, at least 5% away."""
    old = Decimal(printed)
    places = len(printed.split(".", 1)[1]) if "." in printed else 0
    step = Decimal(1).scaleb(-places)
    new = round_half_up(old * factor, places)
    while abs(new - old) < old * Decimal("0.05"):
        new = new + step if factor > 1 else new - step
    return format(new, "f") if new > 0 else None


def errors_on(text: str, start: int, end: int):
    result = check_text(text)
    return [
        f
        for f in result.findings
        if f.severity == ERROR and f.location.start < end and f.location.end > start
    ]


def _apply(case, factor: Decimal):
    _kind, (statement_start, statement_end), (number_start, number_end) = case
    printed = SEED[number_start:number_end]
    new = mutate(printed, factor)
    if new is None:
        return None
    text = SEED[:number_start] + new + SEED[number_end:]
    return text, statement_start, statement_end + len(new) - len(printed), printed, new


def test_the_seed_has_enough_statements_to_mutate():
    # 5 year-on-year statements × 3 numbers (208.4, 164.4, 44, 三公 0.22, 公务接待费 0.22), and 2 '其中' lists (208.4 = 164.4 + 44; 0.22 = 0.22)
    assert len([c for c in CASES if c[0] == "同比"]) == 15
    assert len([c for c in CASES if c[0] == "其中"]) == 5
    assert not check_text(SEED).has_errors


@pytest.mark.parametrize("factor", [Decimal("1.05"), Decimal("0.95")])
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]}@{case[2][0]}")
def test_changing_one_number_by_five_percent_is_an_error(case, factor):
    applied = _apply(case, factor)
    assert applied is not None
    text, start, end, printed, new = applied
    assert errors_on(text, start, end), f"{printed} → {new} was not flagged"


@settings(max_examples=60, deadline=None)
@given(
    case=st.sampled_from(CASES),
    factor=st.one_of(
        st.decimals(min_value=Decimal("1.05"), max_value=Decimal("3"), places=3),
        st.decimals(min_value=Decimal("0.2"), max_value=Decimal("0.95"), places=3),
    ),
)
def test_any_change_of_five_percent_or_more_is_an_error(case, factor):
    applied = _apply(case, factor)
    if applied is None:
        return
    text, start, end, printed, new = applied
    assert errors_on(text, start, end), f"{printed} → {new} was not flagged"
