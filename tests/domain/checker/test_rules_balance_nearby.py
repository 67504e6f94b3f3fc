"""balance.identity on a balance the section's reading leaves unchecked: the money before it in its
own sentence and the one before, read by the figure table's roles and the identity's words; silent
when any reading fits. And a balance word before the noun of money (未拨付资金) is a balance."""

from jixiao.domain.checker import WARNING, check_text

HEAD = "2023年度某县某局项目支出绩效自评报告\n一、项目基本情况\n"


def balances(body: str) -> list:
    return [f for f in check_text(HEAD + body).findings if f.rule == "balance.identity"]


def test_two_amounts_available_and_one_spent_the_nearest_pair_is_held_against_the_balance():
    found = balances(
        "该项目预算86.00万元，省级已下达资金72.00万元。截至年末项目支出63.50万元，结余资金10.50万元。"
    )
    assert len(found) == 1 and found[0].severity == WARNING
    assert "下达资金72.00万元" in found[0].message and "=8.5万元" in found[0].message
    assert "相差2万元" in found[0].message and found[0].location.quote == "10.50万元"
    # another wording: 安排 and 到位 before, 使用 and 结存 after
    found = balances("全年安排经费45.00万元，实际到位资金40.00万元。\n当年使用38.20万元，结余经费3.80万元。")
    assert len(found) == 1 and "=1.8万元" in found[0].message


def test_silent_when_any_reading_of_the_nearby_amounts_fits():
    # one available amount less the spending
    assert (
        balances(
            "该项目预算86.00万元，省级已下达资金72.00万元。截至年末项目支出63.50万元，结余资金8.50万元。"
        )
        == []
    )
    # the other available amount
    assert (
        balances(
            "该项目预算86.00万元，省级已下达资金72.00万元。截至年末项目支出63.50万元，结余资金22.50万元。"
        )
        == []
    )
    # plus a balance carried in
    assert (
        balances(
            "该项目预算86.00万元，省级已下达资金72.00万元，上年结转2.00万元。截至年末项目支出63.50万元，结余资金10.50万元。"
        )
        == []
    )
    # two amounts spent
    assert (
        balances(
            "省级下达资金72.00万元。其中设备购置支出40.00万元，人员培训支出21.50万元，结余资金10.50万元。"
        )
        == []
    )


def test_balances_of_other_years_or_uses_and_amounts_of_other_sentences_are_not_read_nearby():
    # a balance carried over the years, or what the balance is spent on
    text = "该项目预算86.00万元，省级已下达资金72.00万元。截至年末项目支出63.50万元，项目结转结余10.50万元。"
    assert balances(text) == []
    text = (
        "该项目预算86.00万元，省级已下达资金72.00万元。截至年末项目支出63.50万元，结余用于设备维护10.50万元。"
    )
    assert balances(text) == []
    # the amounts two sentences back are not this balance's
    text = (
        "该项目预算86.00万元，省级已下达资金72.00万元。项目由县农业农村局组织实施。"
        "截至年末已完成全部建设内容，结余资金10.50万元。"
    )
    assert balances(text) == []


def test_a_balance_word_before_the_noun_of_money_makes_a_balance():
    found = balances(
        "全县共下达衔接资金2,860.00万元。截至2023年12月31日，已拨付2,715.40万元，未拨付资金154.60万元。"
    )
    assert len(found) == 1 and "=144.6万元" in found[0].message and "“未拨付资金”" in found[0].message
    assert (
        balances(
            "全县共下达衔接资金2,860.00万元。截至2023年12月31日，已拨付2,715.40万元，未拨付资金144.60万元。"
        )
        == []
    )
    # 拨付资金 itself is still an amount spent
    assert (
        balances("上级下达补助资金500.00万元，县财政拨付资金460.00万元，结余资金40.00万元，拟结转下年。")
        == []
    )
