"""count.items: a 和/及/与 inside a name ('双和村', '共和镇') is a character of the name, not a joiner of
two names, so a list one name short of its count is reported; a joiner between two names still
counts two."""

from tests.domain.checker.helpers import findings

HEAD = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
TAIL = "\n二、支出情况\n全年支出1,187.50万元。\n"


def counted(text):
    return findings(HEAD + text + TAIL, "count.items", report_type="auto")


def test_a_name_holding_he_is_one_name():
    (found,) = counted("项目区涉及6个行政村（大塘村、新联村、双和村、东坑村、坡山村），受益农户320户。")
    assert "说6个" in found.message and "5个" in found.message
    assert counted("项目区涉及5个行政村（大塘村、新联村、双和村、东坑村、坡山村），受益农户320户。") == []
    (found,) = counted("项目覆盖沙坪、共和、址山、鹤城5个镇。")
    assert "说5个" in found.message
    assert counted("项目覆盖沙坪、共和、址山、鹤城4个镇。") == []


def test_a_joiner_between_two_names_still_counts_two():
    assert counted("本局设综合股、林政股、造林股和防火股4个股室。") == []
    assert counted("本局下设3个中队（秩序中队和宣传中队、督查中队）。") == []
