"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10) of the kinds conflict,
name and count.names: a count and the names it stands for, one quantity stated twice. Each with
look-alikes that must stay silent, in wording of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "安化县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def errors(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# count.names: a bracket after the counted noun


def test_a_bracket_that_qualifies_the_counted_noun_does_not_hide_the_list_after_it():
    body = "项目覆盖库区{}个乡(镇),具体是:东坪镇、柘溪镇、马路镇、江南镇。"
    (finding,) = fired(body.format(5), "count.items")
    assert finding.severity == "error" and "说5个" in finding.message and "4个" in finding.message
    assert not fired(body.format(4), "count.items")
    other = "全年抽查参建企业{}家(含监理单位),分别为:湘中建设公司、益阳水电公司、华禹监理公司。"
    assert fired(other.format(4), "count.items")
    assert not fired(other.format(3), "count.items")


def test_names_in_a_bracket_right_after_a_count_are_its_list_read_as_a_warning():
    body = "会同{}个部门(县财政局、县自然资源局、县农业农村局、县林业局)开展联合督查。"
    (finding,) = fired(body.format(6), "count.items")
    assert finding.severity == "warning" and "说6个" in finding.message
    assert not fired(body.format(4), "count.items")
    second = "下辖{}所学校(城南小学、城北小学)参与试点。"
    assert fired(second.format(3), "count.items")
    assert not fired(second.format(2), "count.items")


def test_a_bracket_that_names_only_examples_or_a_breakdown_is_no_list_of_all():
    for aside in (
        "如县财政局、县审计局",
        "包括县财政局、县审计局",
        "县财政局、县审计局等",
        "其中县直2家、乡镇3家",
        "县财政局2人、县审计局3人",
    ):
        assert not fired(f"邀请5家单位({aside})参加评审。", "count.items"), aside
