"""The first user's own report (complete): what a careful reviewer says about it."""

import pytest

from jixiao.domain.checker import ERROR, INFO, WARNING, check_text


@pytest.fixture(scope="module")
def result(seed_text):
    return check_text(seed_text)


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_seed_has_no_arithmetic_error(result):
    assert not result.has_errors
    assert [f for f in result.findings if f.severity == ERROR] == []


def test_seed_23_3_percent_is_an_info_note_inside_the_rounding_envelope(result):
    notes = by_rule(result, "yoy.arithmetic")
    assert len(notes) == 1
    note = notes[0]
    assert note.severity == INFO
    assert note.expected == "23.2%"
    assert note.found == "23.3%"
    assert note.location.quote == "164.4万元，比上年增加31.01万元，增长23.3%"
    assert "四舍五入" in note.message


def test_seed_heading_without_number_three_is_named(result):
    findings = by_rule(result, "heading.numbering")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == WARNING
    assert finding.location.quote == "部门专项组织实施情况"
    assert finding.expected == "三、部门专项组织实施情况"
    assert "“二、”和“四、”之间" in finding.message


def test_seed_warns_that_final_accounts_and_execution_rate_are_absent(result):
    findings = by_rule(result, "key_figures.missing")
    assert len(findings) == 1
    assert findings[0].severity == WARNING
    assert "决算" in findings[0].message and "执行率" in findings[0].message


def test_seed_three_public_expenses_are_broken_down_so_no_warning_about_them(result):
    assert not any("三公" in f.message for f in by_rule(result, "key_figures.missing"))


def test_seed_is_complete_and_has_every_required_section(result):
    assert result.truncated is False
    assert by_rule(result, "outline.required") == []
    assert by_rule(result, "text.truncated") == []


def test_seed_parts_add_up_to_their_totals(result):
    # 164.4 + 44 = 208.4 ; 0 + 0.22 + 0 = 0.22 ; changes 31.01 − 7 = 24.01
    assert by_rule(result, "parts.sum") == []
    assert by_rule(result, "parts.change_sum") == []


def test_seed_curated_typos_are_found(result):
    typos = {(f.found, f.expected) for f in by_rule(result, "typo.curated")}
    assert ("派遗", "派遣") in typos
    assert ("不能满意日常", "不能满足日常") in typos


def test_seed_reversed_quotes_are_reported_once(result):
    findings = by_rule(result, "punct.brackets")
    assert [f.location.quote for f in findings] == ["”科技教育乡村行“"]


def test_seed_figures_are_what_the_text_prints(result, seed_text):
    amounts = [(f.label, f.value, f.unit) for f in result.figures if f.kind == "amount"]
    assert ("年初预算支出", "208.4", "万元") in amounts
    assert ("基本支出年初预算", "164.4", "万元") in amounts
    assert ("项目支出年初预算", "44", "万元") in amounts
    assert ("三公经费", "0.22", "万元") in amounts
    for figure in result.figures:
        assert seed_text[figure.location.start : figure.location.end] == figure.location.quote
        assert figure.value.replace(",", "") in figure.location.quote.replace(",", "")


def test_seed_vague_claim_without_number_is_flagged(result):
    claims = by_rule(result, "claim.no_number")
    assert [f.location.quote for f in claims] == ["较好地发挥"]
