"""Template placeholders that hold X's but no unit after them (template.leftover): two X's between
Chinese characters or before a per cent sign, in wordings of our own; letters of a model name or of
a word stay silent."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "永州市零陵区档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def leftovers(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "template.leftover"]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("档案利用者满意度达到XX%，较上年提高。", "XX"),
        ("下一步将按照XX要求修订馆藏管理办法。", "XX"),
        ("数字化扫描由XX公司承担，验收合格。", "XX"),
        ("查档群众满意率为X%。", "X"),
        ("年度考核满意度达到ＸＸ％以上。", "ＸＸ"),
    ],
)
def test_x_placeholders_before_a_per_cent_sign_or_between_chinese_words_are_leftovers(body, found):
    (finding,) = leftovers(body)
    assert finding.severity == "warning" and finding.found == found


@pytest.mark.parametrize(
    "body",
    [
        "档案利用者满意度达到96%，较上年提高。",
        "购置DELL XPS工作站1台，满意度98%。",
        "配置XXL号防护服20套。",
        "X射线安检机1台投入使用。",
        "馆内WiFi覆盖率达到100%。",
    ],
)
def test_letters_of_names_and_filled_rates_draw_nothing(body):
    assert not leftovers(body)
