"""Round 3 of the probe set: sub-heading numbers '(一)(二)…' of a web page run into one line."""

from tests.domain.checker.helpers import findings

HEAD = "平江县文化馆2023年度部门整体支出绩效自评报告 "


def fired(body):
    return findings(HEAD + body + "\n", "list.numbering_styles")


def test_a_skipped_sub_heading_number_in_a_page_run_into_one_line():
    line = (
        "一、基本情况 (一)职能 负责全县群众文化活动。(二)人员 编制18名。"
        "二、预算执行 (一)收入 全年收入312.40万元。(二)支出 全年支出298.66万元。"
        "(四)资产 年末固定资产净值86.20万元。三、绩效分析 全年开展活动146场。"
    )
    (finding,) = fired(line)
    assert "缺(三)" in finding.message and finding.location.quote.startswith("(四)")
    assert not fired(line.replace("(四)资产", "(三)资产"))


def test_a_repeated_sub_heading_number_and_lists_that_start_again_under_each_chapter():
    line = (
        "二、预算执行 (一)收入情况 收入95.10万元。(二)支出情况 支出90.02万元。(二)结余情况 结余5.08万元。"
        "三、绩效分析 (一)产出 完成演出40场。(二)效益 群众满意。"
    )
    (finding,) = fired(line)
    assert "重复" in finding.message
    assert not fired(line.replace("(二)结余情况", "(三)结余情况"))
    # each chapter numbers its own list, its first number glued to the chapter's title
    glued = (
        "一、基本情况(一)职能 负责群众文化活动。(二)人员 编制18名。"
        "二、预算执行(一)收入 收入95.10万元。(二)支出 支出90.02万元。"
    )
    assert not fired(glued)


def test_a_repeated_heading_number_standing_for_the_next_is_reported_once():
    text = (
        "平江县文化馆2023年度部门整体支出绩效自评报告\n一、履职情况\n"
        "1.群众文化。全年开展活动146场。\n2.非遗保护。新增名录3项。\n2.文艺创作。创作作品12件。\n"
        "4.队伍建设。培训骨干60人。\n二、存在问题\n经费不足。\n"
    )
    found = findings(text, "heading.numbering")
    assert [f.message for f in found] == ["标题编号重复：“2.”出现了两次"]
    # a real gap after a repeat and a number in between is still reported
    gap = text.replace("4.队伍建设", "3.阵地建设。完善设施。\n5.队伍建设")
    messages = [f.message for f in findings(gap, "heading.numbering")]
    assert any("缺少“4.”" in m for m in messages)
