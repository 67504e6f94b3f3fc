"""rate.recompute divides by the base the rate's own clause names (按年初预算口径计算, 以年初预算为基数,
（按年初预算计算）) rather than the adjusted budget found for another rate; amounts in 元 against a
budget in 万元 are compared converted. value.impossible does not question a rate over 100% against a
named smaller base, or one whose excess the sentence explains."""

from jixiao.domain.checker import ERROR, check_text

HEAD = (
    "某县水利局2024年度农村供水保障项目支出绩效自评报告\n一、项目基本情况\n"
    "项目年初预算800.00万元，年中追加100.00万元，调整后预算900.00万元。\n二、资金使用情况\n"
)


def rates(body: str) -> list:
    return [
        f
        for f in check_text(HEAD + body, report_type="auto").findings
        if f.rule in ("rate.recompute", "value.impossible") and f.severity != "info"
    ]


def test_the_base_named_in_the_rates_clause_is_its_denominator():
    assert (
        rates(
            "项目实际支出8,640,000.00元，按调整后预算计算，预算执行率96.00%；若按年初预算口径计算，执行率为108.00%，超出部分由追加资金解决。\n"
        )
        == []
    )
    # another shape: 以…为基数, the rate first and its base in brackets after it
    assert rates("项目实际支出8,640,000.00元。以年初预算为基数，执行率108.00%。\n") == []
    assert rates("项目实际支出864.00万元，执行率108.00%（按年初预算计算）。\n") == []


def test_a_wrong_rate_against_its_named_base_is_an_error():
    found = rates("项目实际支出8,640,000.00元，若按年初预算口径计算，执行率为110.00%。\n")
    errors = [f for f in found if f.rule == "rate.recompute"]
    assert len(errors) == 1 and errors[0].severity == ERROR
    assert "800.00万元" in errors[0].message and "108.00%" in errors[0].message
