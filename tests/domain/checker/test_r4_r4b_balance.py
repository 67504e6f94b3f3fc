"""balance.identity read over the whole report: the year's identity (年初结转结余 + 本年收入 − 本年支出 =
年末结转结余) with each member found wherever it is stated — a sentence, a '| 名称 | 数 |' row, a table
of one cell a line, a four-column table row by row — and a project's balance against its budget and
its spending stated in other sections; each with a consistent look-alike that draws nothing."""

from jixiao.domain.checker import ERROR, WARNING, check_text

WHOLE = "某市农业农村局2023年度部门整体支出绩效评价报告\n一、部门基本情况\n（一）部门职能\n负责全市农业农村工作。\n二、部门收支情况\n"
PROJECT = "某县民政局2022年度困难群众救助资金项目支出绩效自评报告\n一、项目基本情况\n"


def balances(head: str, body: str) -> list:
    return [f for f in check_text(head + body, report_type="auto").findings if f.rule == "balance.identity"]


def test_one_cell_a_line_table_holds_the_four_members():
    table = (
        "表1 收入支出决算总表（单位：元）\n项目\n金额\n年初结转和结余\n420,000.00\n本年收入\n9,860,000.00\n"
        "本年支出\n9,700,000.00\n年末结转和结余\n{end}\n\n本年支出全部为基本支出和项目支出。\n"
    )
    found = balances(WHOLE, table.format(end="600,000.00"))
    assert len(found) == 1 and found[0].severity == ERROR
    assert "=580,000.00元" in found[0].message and "相差20,000.00元" in found[0].message
    assert found[0].location.quote == "600,000.00"
    assert balances(WHOLE, table.format(end="580,000.00")) == []


def test_two_column_pipe_rows_and_the_prose_members_in_another_section():
    body = (
        "（一）收入情况。本年收入2,315.60万元，另有上年结转结余86.40万元。\n"
        "（二）支出情况。本年支出2,288.75万元。\n"
        "收支总表（单位：万元）\n| 项目 | 金额 |\n| 本年支出 | 2,288.75 |\n| 年末结转结余 | {end} |\n"
    )
    found = balances(WHOLE, body.format(end="131.25"))
    assert len(found) == 1 and "=113.25万元" in found[0].message and "相差18.00万元" in found[0].message
    assert balances(WHOLE, body.format(end="113.25")) == []
    # a member stated with two values is no reading (which one the identity holds is not known)
    twice = body.format(end="131.25") + "（三）说明。按决算口径，本年收入2,400.00万元。\n"
    assert [f for f in balances(WHOLE, twice) if "年末结转结余与收支不符" in f.message] == []


def test_balance_carried_split_over_sentences_with_an_amount_restated_in_brackets():
    body = (
        "（一）收入。本年收入5,120.00万元。\n（二）支出。部门决算支出约0.51亿元（5,080.40万元）。\n"
        "（三）结转结余。收支相抵后加上上年结转的210.00万元，期末尚有结转结余资金{end}万元。\n"
    )
    found = balances(WHOLE, body.format(end="294.60"))
    assert len(found) == 1 and found[0].severity == ERROR and "=249.60万元" in found[0].message
    assert balances(WHOLE, body.format(end="249.60")) == []


def test_a_four_column_table_is_checked_row_by_row():
    table = (
        "收支总体情况（单位：元）\n|项目|年初结转结余|本年收入|本年支出|年末结转结余|\n"
        "|基本支出|0.00|3,000,000.00|3,000,000.00|0.00|\n|项目支出|50,000.00|800,000.00|790,000.00|{end}|\n"
    )
    found = balances(WHOLE, table.format(end="70,000.00"))
    assert len(found) == 1 and "“项目支出”一行" in found[0].message and "=60,000.00元" in found[0].message
    assert found[0].location.quote == "70,000.00"
    assert balances(WHOLE, table.format(end="60,000.00")) == []


def test_a_projects_balance_against_its_budget_and_spending_stated_elsewhere():
    body = (
        "2022年项目资金预算3,460,000.00元，其中中央补助2,000,000.00元、县级配套1,460,000.00元。\n"
        "二、资金使用情况\n全年实际发放3,398,500.00元，执行率98.22%。\n"
        "三、存在的问题\n（一）年末仍有结余资金{end}元未及时清理。\n"
    )
    found = balances(PROJECT, body.format(end="71,500.00"))
    assert len(found) == 1 and found[0].severity == WARNING
    assert "=61500元" in found[0].message.replace(".00", "") or "61,500" in found[0].message
    assert balances(PROJECT, body.format(end="61,500.00")) == []


def test_a_carried_in_amount_of_the_balances_own_sentence_is_a_source():
    body = (
        "二、资金使用情况\n其中，评审服务费上年结转52,000.00元，本年安排300,000.00元，全年支付318,000.00元，"
        "年末结余{end}元，主要是评审报告尚未出具。\n"
    )
    found = balances(PROJECT, body.format(end="44,000.00"))
    assert len(found) == 1 and "上年结转52000.00元" in found[0].message and "=34000元" in found[0].message
    assert balances(PROJECT, body.format(end="34,000.00")) == []


def test_a_carry_over_listed_among_the_incomes_parts_is_held_in_the_income():
    """'收入合计A，分别为…、上年结转C': C is a part of A (so A − spending is the balance), and still
    the year's carry-over — the identity is read, not dropped for want of its carried member."""
    body = (
        "（一）收入情况\n全年收入合计1,506.30万元，分别为财政拨款1,420.10万元、事业收入52.00万元、"
        "上年结转34.20万元。\n（二）支出情况\n全年支出合计1,471.80万元，其中基本支出902.40万元、"
        "项目支出569.40万元。财政拨款支出1,398.60万元，财政拨款预算执行率98.49%。年末结转结余{end}万元。\n"
    )
    found = balances(WHOLE, body.format(end="43.50"))
    assert len(found) == 1 and found[0].severity == ERROR
    assert "全年收入合计1,506.30万元−全年支出合计1,471.80万元=34.50万元" in found[0].message
    assert "上年结转34.20万元+" not in found[0].message  # not counted twice
    assert balances(WHOLE, body.format(end="34.50")) == []
