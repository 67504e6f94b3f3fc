"""How far the checker's surface rules reach over wordings: dates written wrong, template text left
in, and list or heading numbers out of order, each written in many combinations of the ways reports
word them (the slip × the label and punctuation × where it stands: a sentence, a heading, a ``|``
table row, a one-cell-a-line table, a cover page …), each with a consistent twin. A last group
holds twins alone (codes, phone numbers, document numbers, 2023-12-31, X光 …): things that look
like the slips and must stay silent.

Prints, by family, how many combinations are found and how many consistent twins draw a finding.
The combinations are products of short lists of wordings, not texts the rules were tuned on one by
one (tests/domain/checker/test_rules_surface_wordings.py holds a sample of each). A benchmark, not
a test.

    python bench/bench_checker_surface_wordings.py [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.domain.checker import check_text  # noqa: E402

# (name, the rules whose findings count, the combinations: (label, wrong text or None, right text));
# a wrong text may be a (text, place) pair: then only a finding that quotes the place counts
Family = tuple[str, tuple[str, ...], Callable[[], Iterator[tuple[str, str | tuple[str, str] | None, str]]]]

_TITLE = "鹤山市林业局2023年度部门整体支出绩效自评报告"
_HEAD = _TITLE + "\n一、部门基本情况\n本局内设5个股室，编制20名。\n二、部门预算收支情况\n"
_TAIL = "\n三、存在问题\n部分项目进度偏慢。\n四、下一步工作\n加快项目实施进度。\n"
_COVER = (
    "{cover}\n"
    + _TITLE
    + "\n一、部门基本情况\n本局内设5个股室，编制20名。\n二、存在问题\n部分项目进度偏慢。\n"
)

# where a fragment stands: a sentence, a heading, a table row, a cell on a line of its own
_PLACES = {
    "句中": _HEAD + "根据上级要求，{x}，全年工作有序推进。" + _TAIL,
    "标题": _HEAD + "(一){x}\n本年完成造林3,600亩。" + _TAIL,
    "表格": _HEAD + "| 项目 | 内容 | 备注 |\n| 资金情况 | {x} | 无 |\n| 合计 | 3项 | 无 |" + _TAIL,
    "单元格": _HEAD + "项目\n内容\n资金情况\n{x}\n备注\n无" + _TAIL,
}

# ---------------------------------------------------------------------------------------------
# 1. dates written wrong


def _dates_in_places(dates) -> Iterator[tuple[str, str, str]]:
    for (wrong, right), (place, shape) in itertools.product(dates, _PLACES.items()):
        yield f"日期|{place}|{wrong[:12]}", shape.format(x=wrong), shape.format(x=right)


def _template_in_places(template) -> Iterator[tuple[str, str, str]]:
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield (
            f"模板|{place}|{wrong[:10]}",
            shape.format(x="资金情况" + wrong),
            shape.format(x="资金情况" + right),
        )


def _cover_fields(fields) -> Iterator[tuple[str, str, str]]:
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)


def _lists_in_a_sentence(lists) -> Iterator[tuple[str, str, str]]:
    shape = _HEAD + "(一)产出情况\n主要产出：{}" + _TAIL
    for wrong, right in lists:
        yield f"列举|{wrong[:8]}", shape.format(wrong), shape.format(right)


def _heading_lists(heads) -> Iterator[tuple[str, str, str]]:
    """(label, wrong, right) of each heading list: the body with its bad number, then with the good one."""
    for body, bad, good in heads:
        yield f"标题|{bad}", _TITLE + "\n" + body, _TITLE + "\n" + body.replace(bad, good, 1)


def _twins(twins, label: str = "对文") -> Iterator[tuple[str, None, str]]:
    """Each consistent twin in each place of _PLACES: only its findings are counted (false ones)."""
    for twin, (place, shape) in itertools.product(twins, _PLACES.items()):
        yield f"{label}|{place}|{twin[:12]}", None, shape.format(x=twin)


def _year_before_word() -> Iterator[tuple[str, str | None, str]]:
    """A year with no 年 before the word it dates."""
    phrases = [
        "2023{n}中央财政林业改革发展资金",
        "2022{n}项目资金已全部下达",
        "2023{n}省级生态公益林补偿资金",
        "安排2023{n}森林防火经费",
        "2021{n}度部门预算",
        "截至2024{n}底资金已拨付",
        "2023{n}上半年完成验收",
        "对2022{n}转移支付资金开展评价",
    ]
    for phrase, (place, shape) in itertools.product(phrases, _PLACES.items()):
        wrong = phrase.replace("{n}", "")
        right = phrase.replace("{n}", "年")
        yield f"{place}|{wrong[:10]}", shape.format(x=wrong), shape.format(x=right)
    titles = [
        "鹤山市林业局2022部门整体支出绩效自评报告",
        "鹤山市林业局2022年部门整体支出绩效自评报告",
        "鹤山市林业局2022项目支出绩效自评报告",
        "鹤山市林业局2022森林防火项目支出绩效评价报告",
    ]
    for title in titles:
        wrong = title.replace("2022年", "2022")
        fixed = wrong.replace("2022", "2022年")
        body = "\n一、部门基本情况\n本局内设5个股室。\n二、存在问题\n部分项目进度偏慢。\n"
        yield f"题目|{wrong[6:16]}", wrong + body, fixed + body


def _glued_dates() -> Iterator[tuple[str, str | None, str]]:
    """The digits of a date with its 年 月 日 lost or half lost."""
    dates = [
        ("20231231日", "2023年12月31日"),
        ("2023228日", "2023年2月28日"),
        ("2021726", "2021年7月26日"),
        ("2024116", "2024年1月16日"),
        ("202511", "2025年1月1日"),
        ("20240315", "2024年3月15日"),
        ("2024年315日", "2024年3月15日"),
        ("2024年0315", "2024年3月15日"),
    ]
    labels = ["上报时间:", "评价时间", "填报日期:", "报告日期：", "完成时间 "]
    for (wrong, right), label in itertools.product(dates, labels):
        cover = "{l}{d}"
        # a report on 2023 is dated in a later year (a date within 2023 is date.format's finding)
        wrong, right = wrong.replace("2023", "2024", 1), right.replace("2023", "2024", 1)
        wrong, right = wrong.replace("2021", "2024", 1), right.replace("2021", "2024", 1)
        yield (
            f"封面|{label}|{wrong}",
            _COVER.format(cover=cover.format(l=label, d=wrong)),
            _COVER.format(cover=cover.format(l=label, d=right)),
        )
    places = {
        "句中": _HEAD + "项目于{d}完成验收，资金已全部支付。" + _TAIL,
        "表格": _HEAD + "| 项目名称 | 完成时间 |\n| 森林防火 | {d} |" + _TAIL,
        "截至": _HEAD + "截至{d}，全年支出1,187.50万元。" + _TAIL,
        "落款": _HEAD + "加快项目实施进度。\n鹤山市林业局\n{d}",
    }
    for (wrong, right), (place, shape) in itertools.product(dates[:4] + dates[5:], places.items()):
        if place == "落款":
            right = right.replace("2023年", "2024年").replace("2021年", "2024年")
            wrong = wrong.replace("2023", "2024", 1).replace("2021", "2024", 1)
        yield f"{place}|{wrong}", shape.format(d=wrong), shape.format(d=right)


def _marks_wrong() -> Iterator[tuple[str, str | None, str]]:
    """年 月 日 missing, doubled or in the wrong place; a range backwards or without 至."""
    dates = [
        ("2020月12月", "2020年12月"),
        ("2023年12月31", "2023年12月31日"),
        ("2022 年 5 月 20", "2022 年 5 月 20 日"),
        ("2023年年12月", "2023年12月"),
        ("2023年12月月31日", "2023年12月31日"),
        ("2023年12月31日日", "2023年12月31日"),
        ("2023年12月31号日", "2023年12月31日"),
        ("2023年13月", "2023年12月"),
        ("2023年2月30日", "2023年2月28日"),
        ("2023年6月31日", "2023年6月30日"),
        ("2023年1月1日2023年12月31日", "2023年1月1日至2023年12月31日"),
        ("2023年1月-2023年12日", "2023年1月-2023年12月"),
        ("2023年1-12日", "2023年1-12月"),
        ("2023年0月", "2023年1月"),
        ("2023年12.31", "2023年12月31日"),
        ("2023第一季度", "2023年第一季度"),
        ("20233年12月", "2023年12月"),
        ("2023年12月31日日", "2023年12月31日"),
    ]
    places = {
        "句中": _HEAD + "评价期间为{d}，评价组完成了现场核查。" + _TAIL,
        "截至": _HEAD + "截至{d}，项目已完工。" + _TAIL,
        "表格": _HEAD + "| 事项 | 时间 |\n| 现场核查 | {d} |" + _TAIL,
        "封面": _COVER.replace("{cover}", "评价时间：{d}"),
        "单元格": _HEAD + "事项\n时间\n现场核查\n{d}" + _TAIL,
    }
    for (wrong, right), (place, shape) in itertools.product(dates, places.items()):
        if place == "截至" and "—" in wrong:
            continue
        yield f"{place}|{wrong}", shape.format(d=wrong), shape.format(d=right)
    spans = [
        ("2023年10月至2023年3月", "2023年10月至2024年3月"),
        ("2023年12月1日至2023年11月30日", "2023年12月1日至2024年11月30日"),
        ("2023年9月-2023年3月", "2023年3月-2023年9月"),
        ("2023年6月30日至6月1日", "2023年6月1日至6月30日"),
    ]
    for (wrong, right), (place, shape) in itertools.product(spans, places.items()):
        yield f"倒置|{place}|{wrong}", shape.format(d=wrong), shape.format(d=right)
    ranges = [
        ("2018—2010年", "2018—2020年"),
        ("2021-2015年", "2021-2025年"),
        ("2023年至2021年", "2023年至2025年"),
        ("(2020~2012)", "(2020~2022)"),
    ]
    phrases = {
        "规划": "根据《鹤山市林业发展规划({r})》",
        "期间": "规划期为{r}",
        "标题": "(一)林业发展规划{r}",
        "表格": "| 规划期 | {r} |",
    }
    for (wrong, right), (place, phrase) in itertools.product(ranges, phrases.items()):
        if place == "规划":
            wrong, right = wrong.strip("()年"), right.strip("()年")
        text = _HEAD + phrase + "\n全年完成造林3,600亩。" + _TAIL
        yield f"区间|{place}|{wrong}", text.format(r=wrong), text.format(r=right)


# ---------------------------------------------------------------------------------------------
# 2. template text left in


def _placeholders() -> Iterator[tuple[str, str | None, str]]:
    fills = [
        ("20xx年", "2023年"),
        ("20XX年度", "2023年度"),
        ("XX县林业局", "鹤山市林业局"),
        ("××局", "林业局"),
        ("X年X月", "2023年5月"),
        ("xxxx.xx万元", "1,187.50万元"),
        ("某某单位", "鹤山市林业局"),
        ("□□□项目", "森林防火项目"),
        ("XXX万元", "1,187.50万元"),
        ("满意度达到XX%", "满意度达到95%"),
        ("xx个", "12个"),
    ]
    for (wrong, right), (place, shape) in itertools.product(fills, _PLACES.items()):
        yield f"{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    notes = [
        "(此页为封面)",
        "（参考格式）",
        "（参考提纲）",
        "(仅供参考)",
        "（供参考）",
        "(模板)",
    ]
    for note, where in itertools.product(notes, ("封面", "标题后", "正文末")):
        if where == "封面":
            wrong = _COVER.format(cover=note)
        elif where == "标题后":
            wrong = _TITLE + note + _HEAD[len(_TITLE) :] + "全年支出1,187.50万元。" + _TAIL
        else:
            wrong = _HEAD + "全年支出1,187.50万元。" + _TAIL + note + "\n"
        yield f"{where}|{note}", wrong, _COVER.format(cover="鹤山市林业局")


def _empty_fields() -> Iterator[tuple[str, str | None, str]]:
    fields = [
        ("填报日期", "2024年3月15日"),
        ("单位名称（盖章）", "鹤山市林业局"),
        ("主管部门", "鹤山市人民政府"),
        ("预算编码", "101001"),
        ("项目负责人", "张明"),
        ("联系电话", "0750-8881234"),
        ("评价机构", "鹤山市林业局"),
        ("填报单位（盖章）", "鹤山市林业局"),
        ("项目名称", "森林防火项目"),
    ]
    colons = [":", "：", "： "]
    for (field, value), colon in itertools.product(fields, colons):
        others = "报告名称：鹤山市林业局2023年度部门整体支出绩效自评报告\n"
        wrong = _COVER.format(cover=others + f"{field}{colon}\n填报人：李华")
        right = _COVER.format(cover=others + f"{field}{colon}{value}\n填报人：李华")
        yield f"封面行|{field}{colon}", wrong, right
    for field, value in fields:
        yield (
            f"表头|{field}",
            _HEAD + f"| {field} | | 填报人 | 李华 |\n| 年初预算 | 1,250.00 | 全年支出 | 1,187.50 |" + _TAIL,
            _HEAD
            + f"| {field} | {value} | 填报人 | 李华 |\n| 年初预算 | 1,250.00 | 全年支出 | 1,187.50 |"
            + _TAIL,
        )
        yield (
            f"同行两栏|{field}",
            _COVER.format(cover=f"{field}：        填报人：李华"),
            _COVER.format(cover=f"{field}：{value}    填报人：李华"),
        )
    blanks = [
        "填报日期：    年  月  日",
        "报告日期：年月日",
        "填报日期：20  年  月  日",
        "评价时间：    年    月",
    ]
    for blank in blanks:
        right = "填报日期：2024年3月15日" if "日" in blank else "评价时间：2024年3月"
        yield f"空日期|{blank}", _COVER.format(cover=blank), _COVER.format(cover=right)
        yield (
            f"空日期表|{blank}",
            _HEAD + "| " + blank.replace("：", " | ") + " | 填报人 | 李华 |" + _TAIL,
            _HEAD + "| " + right.replace("：", " | ") + " | 填报人 | 李华 |" + _TAIL,
        )
    boxes = [
        ("评价方式：自评□ 第三方评价□", "评价方式：自评☑ 第三方评价□"),
        ("评价机构：部门自评□ 中介机构□", "评价机构：部门自评√ 中介机构□"),
        ("项目类型：常年性□ 延续性□ 一次性□", "项目类型：常年性■ 延续性□ 一次性□"),
        ("是否完成：是□ 否□", "是否完成：是☑ 否□"),
    ]
    for wrong, right in boxes:
        yield f"方框|{wrong[:5]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        yield (
            f"方框表|{wrong[:5]}",
            _HEAD + f"| {wrong.replace('：', ' | ')} |" + _TAIL,
            _HEAD + f"| {right.replace('：', ' | ')} |" + _TAIL,
        )


def _instructions() -> Iterator[tuple[str, str | None, str]]:
    notes = [
        ("(100字以内)", ""),
        ("（200字以内）", ""),
        ("（包括…等）", "（包括人员经费、公用经费）"),
        ("(包括......等)", "(包括森林防火、病虫害防治)"),
        ("（一个项目一行）", ""),
        ("(可另附页)", ""),
        ("（请简要说明）", ""),
        ("（根据实际情况填写）", ""),
        ("（此处填写项目名称）", ""),
    ]
    for (note, fixed), (place, shape) in itertools.product(notes, _PLACES.items()):
        wrong = "项目主要内容" + note
        right = "项目主要内容" + fixed
        yield f"{place}|{note}", shape.format(x=wrong), shape.format(x=right)
    items = [
        ("1.完成造林3,600亩；2. 3.", "1.完成造林3,600亩；2.培训林农1,250人次；3.森林覆盖率达到57%。"),
        ("1.完成造林3,600亩。\n2.\n3.", "1.完成造林3,600亩。\n2.培训林农1,250人次。\n3.森林覆盖率达到57%。"),
        ("(1)完成造林3,600亩；(2) (3)", "(1)完成造林3,600亩；(2)培训林农1,250人次；(3)森林覆盖率达到57%。"),
        ("1、完成造林3,600亩；2、3、", "1、完成造林3,600亩；2、培训林农1,250人次；3、森林覆盖率达到57%。"),
        ("1.2.3.", "1.完成造林3,600亩；2.培训林农1,250人次；3.森林覆盖率达到57%。"),
    ]
    for wrong, right in items:
        shape = _HEAD + "(一)主要产出\n{x}" + _TAIL
        yield f"空条目|{wrong[:8]}", shape.format(x=wrong), shape.format(x=right)


# ---------------------------------------------------------------------------------------------
# 3. numbering


def _inline_lists() -> Iterator[tuple[str, str | None, str]]:
    styles = {
        "1.": lambda n: f"{n}.",
        "1、": lambda n: f"{n}、",
        "(1)": lambda n: f"({n})",
        "①": lambda n: chr(0x2460 + n - 1),
        "一是": lambda n: "一二三四五"[n - 1] + "是",
        "第一，": lambda n: "第" + "一二三四五"[n - 1] + "，",
    }
    items = ["完成造林3,600亩", "培训林农1,250人次", "森林覆盖率达到57%", "林业有害生物成灾率控制在3‰以内"]
    joins = {"分号": "；", "句号": "。", "换行": "\n"}
    errors = {"重号": (1, 2, 2, 4), "跳号": (1, 2, 4, 5), "重首": (1, 1, 2, 3)}
    for (style, mark), (join, sep), (error, numbers) in itertools.product(
        styles.items(), joins.items(), errors.items()
    ):
        if join == "换行" and style in ("1.", "1、", "(1)"):
            continue  # lines of their own: headings, the next family
        lead = "主要产出：" if join != "换行" else "主要产出：\n"

        def para(nums, mark=mark, sep=sep, lead=lead):
            return lead + sep.join(mark(n) + item for n, item in zip(nums, items, strict=True)) + "。"

        shape = _HEAD + "(一)产出情况\n{x}" + _TAIL
        yield f"{style}|{join}|{error}", shape.format(x=para(numbers)), shape.format(x=para((1, 2, 3, 4)))
    mixed = [
        ("1.完成造林；2、培训林农；3.森林覆盖率达标。", "1.完成造林；2.培训林农；3.森林覆盖率达标。"),
        ("1、完成造林；2.培训林农；3、森林覆盖率达标。", "1、完成造林；2、培训林农；3、森林覆盖率达标。"),
        ("(1)完成造林；2)培训林农；(3)森林覆盖率达标。", "(1)完成造林；(2)培训林农；(3)森林覆盖率达标。"),
        ("①完成造林；2.培训林农；③森林覆盖率达标。", "①完成造林；②培训林农；③森林覆盖率达标。"),
    ]
    for wrong, right in mixed:
        shape = _HEAD + "(一)产出情况\n主要产出：{x}" + _TAIL
        yield f"混用|{wrong[:6]}", shape.format(x=wrong), shape.format(x=right)


def _headings() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    levels = {
        "一、": lambda n: "一二三四五六"[n - 1] + "、",
        "(一)": lambda n: "(" + "一二三四五六"[n - 1] + ")",
        "1.": lambda n: f"{n}.",
        "1、": lambda n: f"{n}、",
        "(1)": lambda n: f"({n})",
    }
    titles = ["项目基本情况", "绩效目标完成情况", "存在的问题", "下一步工作计划", "其他需说明的情况"]
    errors = {"重号": (1, 2, 2, 4), "跳号": (1, 2, 4, 5), "倒序": (1, 3, 2, 4), "缺一": (2, 3, 4, 5)}
    for (level, mark), (error, numbers) in itertools.product(levels.items(), errors.items()):

        def body(nums, mark=mark, level=level):
            lines = []
            for n, title in zip(nums, titles, strict=False):
                lines.append(mark(n) + title)
                lines.append("本项工作按计划推进，完成情况良好。")
            text = "\n".join(lines)
            if level == "一、":
                return _TITLE + "\n" + text + "\n"
            if level == "(一)":
                return _TITLE + "\n一、绩效分析\n" + text + "\n二、结论\n总体良好。\n"
            return _TITLE + "\n一、绩效分析\n(一)产出分析\n" + text + "\n(二)效益分析\n效益较好。\n"

        yield f"{level}|{error}", body(numbers), body((1, 2, 3, 4))
    # a level written with a bracket lost
    brackets = [
        ("一)项目概况", "(一)项目概况"),
        ("(一项目概况", "(一)项目概况"),
        ("1)项目概况", "(1)项目概况"),
    ]
    for wrong, right in brackets:

        def doc(first):
            return (
                _TITLE
                + "\n一、基本情况\n"
                + first
                + "\n本项目为常年性项目。\n(二)资金情况\n全年支出1,187.50万元。\n(三)组织实施\n按计划实施。\n二、结论\n总体良好。\n"
            )

        if wrong.startswith("1)"):
            doc_wrong = (
                _TITLE
                + "\n一、基本情况\n(一)概况\n1)项目概况\n本项目为常年性项目。\n(2)资金情况\n全年支出。\n(3)组织实施\n按计划。\n"
            )
            doc_right = doc_wrong.replace("\n1)", "\n(1)")
            yield f"括号|{wrong}", doc_wrong, doc_right
        else:
            yield f"括号|{wrong}", doc(wrong), doc(right)
    # mixed styles among siblings
    mixed = [
        ("1.", "2、"),
        ("1、", "2."),
    ]
    for a, b in mixed:
        base = (
            _TITLE
            + "\n一、绩效分析\n(一)产出分析\n{a}数量指标\n完成造林3,600亩。\n{b}质量指标\n成活率95%。\n{c}时效指标\n按时完成。\n(二)效益分析\n效益较好。\n"
        )
        yield (
            f"混用|{a}{b}",
            base.format(a=a, b=b, c="3" + a[1]),
            base.format(a=a, b="2" + a[1], c="3" + a[1]),
        )
    # a heading without its number after a deeper list, between numbered siblings
    after_list = {
        "一、": (
            "一、项目基本情况\n本项目为常年性项目。\n(一)项目概况\n概况良好。\n(二)资金安排\n安排到位。\n"
            "{x}绩效目标完成情况\n全年完成造林3,600亩，培训林农1,250人次。\n三、存在的问题\n进度偏慢。\n"
        ),
        "(一)": (
            "一、部门概况\n(一)主要职能\n本局负责全市林业工作。\n1.负责造林绿化工作，组织实施重点工程。\n"
            "2.负责森林防火工作，组织开展巡查。\n{x}人员情况\n本局编制20名，实有18人。\n(三)资产情况\n资产总额520万元。\n"
        ),
        "1.": (
            "一、绩效分析\n(一)产出分析\n1.数量指标\n(1)完成造林3,600亩。\n(2)培训林农1,250人次。\n"
            "{x}质量指标\n造林成活率95%。\n3.时效指标\n按时完成。\n"
        ),
    }
    lost_titles = {"一、": "绩效目标完成情况", "(一)": "人员情况", "1.": "质量指标"}
    for level, body in after_list.items():
        fill = {"一、": "二、", "(一)": "(二)", "1.": "2."}[level]
        # (found only where the heading that lost its number stands, not at the gap's next heading)
        wrong = _TITLE + "\n" + body.format(x="")
        yield f"缺编号|列表后|{level}", (wrong, lost_titles[level]), _TITLE + "\n" + body.format(x=fill)
    # a number with its mark lost: '二 一般公共预算支出情况', '2项目资金执行情况'
    lost_marks = {
        "一、": (
            "一、基本情况\n情况良好。\n{x}预算执行情况\n执行率95%。\n三、存在问题\n进度偏慢。\n",
            "二 ",
            "二、",
        ),
        "1.": (
            "一、绩效分析\n1.资金到位情况\n到位及时。\n{x}资金执行情况\n执行率95%。\n3.资金管理情况\n管理规范。\n",
            "2",
            "2.",
        ),
        "(一)": (
            "一、绩效分析\n(一)资金到位\n到位及时。\n{x}资金执行\n执行率95%。\n(三)资金管理\n管理规范。\n",
            "二)",
            "(二)",
        ),
    }
    for level, (body, wrong, right) in lost_marks.items():
        yield f"缺标点|{level}", _TITLE + "\n" + body.format(x=wrong), _TITLE + "\n" + body.format(x=right)
    # a heading without its number between numbered siblings
    lost = (
        _TITLE
        + "\n一、项目基本情况\n本项目为常年性项目。\n{x}绩效目标完成情况\n全年完成造林3,600亩。\n三、存在的问题\n进度偏慢。\n四、下一步工作\n加快进度。\n"
    )
    yield "缺编号|一级", lost.format(x=""), lost.format(x="二、")
    lost2 = (
        _TITLE
        + "\n一、绩效分析\n(一)产出分析\n完成造林。\n{x}效益分析\n效益较好。\n(三)满意度\n满意度95%。\n二、结论\n良好。\n"
    )
    yield "缺编号|二级", lost2.format(x=""), lost2.format(x="(二)")


# ---------------------------------------------------------------------------------------------
# 4. twins alone: things that look like the slips and must stay silent


def _lookalikes() -> Iterator[tuple[str, str | None, str]]:
    fragments = [
        "预算编码:2023010101",
        "项目编号：20230012",
        "项目编码 440784230000000012345",
        "联系电话：0750-2023123",
        "联系电话：13802023123",
        "根据《关于下达林业资金的通知》(鹤财农〔2023〕12号)",
        "依据鹤林〔2022〕35号文",
        "评价时间：2024-03-15",
        "评价时间：2024.03.15",
        "评价时间：2024/3/15",
        "规划期2021-2025年",
        "《鹤山市林业发展规划(2021—2025年)》",
        "2021至2025年",
        "2023年度财政拨款",
        "2023年中央财政林业资金",
        "资金2023万元",
        "完成造林2023亩",
        "X光机2台",
        "X射线检测",
        "长宽为2×3米",
        "盖章：鹤山市林业局",
        "评价方式：自评☑ 第三方评价□",
        "GB/T 2018-2010",
        "1.5万元",
        "第1.2条",
        "2023年1月1日至2023年12月31日",
        "2023年1-12月",
        "2023年12月31日",
        "统一是必须的",
        "2023年1015万元",
        "开展2022年100日攻坚行动",
        "2023年5月10至12日",
        "补助标准不低于2023128元",
        "截至2023年12月31日 日常监管正常",
        "2023年12月起",
        "森林防火期为2023年10月至次年3月",
        "冬春季(2023年11月至3月)",
        "2023年1、2月",
    ]
    for fragment, (place, shape) in itertools.product(fragments, _PLACES.items()):
        yield f"{place}|{fragment}", None, shape.format(x=fragment)
    forms = [
        "| 项目名称 | | 预算数 | 执行数 |\n| 森林防火 | | 120.00 | 118.50 |",
        "| 项目名称 | 森林防火 | 项目负责人 | |",
        "根据**河县财政局下达的资金",
    ]
    for form in forms:
        yield f"表单|{form[:12]}", None, _HEAD + form + _TAIL
    table_years = "| 年度 | 2021 | 2022 | 2023 |\n| 支出 | 1,100.00 | 1,150.00 | 1,187.50 |"
    yield "年份表", None, _HEAD + table_years + _TAIL
    cells = "年度\n2021\n2022\n2023\n支出\n1,100.00\n1,150.00\n1,187.50"
    yield "年份单元格", None, _HEAD + cells + _TAIL
    nested = (
        _TITLE + "\n一、绩效分析\n(一)产出分析\n1.数量指标\n(1)完成造林3,600亩。\n(2)培训林农1,250人次。\n"
        "2.质量指标\n(1)成活率95%。\n(2)合格率100%。\n(二)效益分析\n1.社会效益\n效益较好。\n2.生态效益\n良好。\n"
        "二、结论\n总体良好。\n"
    )
    yield "嵌套编号", None, nested
    restart = _HEAD + "(一)产出\n1.完成造林；2.培训林农。\n(二)效益\n1.生态效益良好；2.社会效益良好。" + _TAIL
    yield "各段重新编号", None, restart


def _fresh() -> Iterator[tuple[str, str | None, str]]:
    """Combinations written after the first widening (35 of 84 found then, 17 at 1043c43): how far
    it reached past the wordings it was made for. The second widening was made on them."""
    dates = [
        ("于2023年3月15完成招标", "于2023年3月15日完成招标"),
        ("2023年2月29日", "2024年2月29日"),
        ("2023年11月30日至2023年11月1日", "2023年11月1日至2023年11月30日"),
        ("2023年12月31日—2023年1月1日", "2023年1月1日—2023年12月31日"),
        ("2023.13.01", "2023.12.01"),
        ("2023年12月31日止日", "2023年12月31日止"),
        ("截至2023年1231日", "截至2023年12月31日"),
        ("2023年十二月31日", "2023年12月31日"),
        ("2023年12月3l日", "2023年12月31日"),
        ("2023年12 月31日日", "2023年12月31日"),
    ]
    for (wrong, right), (place, shape) in itertools.product(dates, _PLACES.items()):
        yield f"日期|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    template = [
        ("XX单位按要求完成", "鹤山市林业局按要求完成"),
        ("【项目名称】", "森林防火项目"),
        ("(填写项目名称)", "森林防火项目"),
        ("{项目名称}", "森林防火项目"),
        ("○○县林业局", "鹤山市林业局"),
        ("满意度达到  %", "满意度达到95%"),
        ("评价得分：____分", "评价得分：92分"),
        ("XX年XX月", "2023年5月"),
    ]
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield f"模板|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    fields = [
        ("单位负责人（签字）：", "单位负责人（签字）：王刚"),
        ("财务负责人：", "财务负责人：赵丽"),
        ("评价组组长：", "评价组组长：陈明"),
    ]
    for wrong, right in fields:
        yield (
            f"栏目|{wrong}",
            _COVER.format(cover=wrong + "\n填报人：李华"),
            _COVER.format(cover=right + "\n填报人：李华"),
        )
    lists = [
        ("1）完成造林；2）培训林农；4）森林防火。", "1）完成造林；2）培训林农；3）森林防火。"),
        ("（1）完成造林；（2）培训林农；（2）森林防火。", "（1）完成造林；（2）培训林农；（3）森林防火。"),
        ("一是完成造林，二是培训林农，二是森林防火。", "一是完成造林，二是培训林农，三是森林防火。"),
        ("1.完成造林。2.培训林农。2.森林防火。", "1.完成造林。2.培训林农。3.森林防火。"),
        ("①完成造林；②培训林农；②森林防火。", "①完成造林；②培训林农；③森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一、基本情况\n情况良好。\n二、绩效分析\n分析如下。\n二、存在问题\n进度偏慢。\n", "三、存在问题"),
        (
            "一、基本情况\n情况良好。\n(一)项目概况\n概况。\n(一)资金安排\n安排。\n二、存在问题\n偏慢。\n",
            "(二)资金安排",
        ),
        (
            "一、基本情况\n情况良好。\n1、项目概况\n概况。\n2.资金安排\n安排。\n3、组织实施\n实施。\n",
            "2、资金安排",
        ),
        ("第一部分 基本情况\n情况良好。\n第三部分 存在问题\n进度偏慢。\n", "第二部分 存在问题"),
    ]
    for wrong, fix in heads:
        bad = (
            fix.replace("三、", "二、")
            .replace("(二)", "(一)")
            .replace("2、", "2.")
            .replace("第二部分", "第三部分")
        )
        yield (
            f"标题|{fix}",
            _TITLE + "\n" + wrong,
            _TITLE + "\n" + wrong.replace(bad, fix, 1) if bad != fix else wrong,
        )


def _fresh_again() -> Iterator[tuple[str, str | None, str]]:
    """Combinations written after the second widening (35 of 59 found then, 22 at 1043c43). The
    third widening was made on them."""
    dates = [
        ("截止到20231231，资金已全部拨付", "截止到2023年12月31日，资金已全部拨付"),
        ("项目须在20230630前完工", "项目须在2023年6月30日前完工"),
        ("2023年12月-2023年1月", "2023年1月-2023年12月"),
        ("2023年1月至2022年12月", "2022年1月至2022年12月"),
        ("报告日期：2024年02月30日", "报告日期：2024年02月28日"),
        ("2023-12-32", "2023-12-31"),
        ("2023年6月31日前", "2023年6月30日前"),
    ]
    yield from _dates_in_places(dates)
    twins = ["自2023年1月1日起至2023年12月31日止", "2023年1月1日-12月31日", "(2023年)", "2023年度1至12月"]
    yield from _twins(twins, "日期对文")
    template = [
        ("（此处插入表格）", "（见表1）"),
        ("详见附件X", "详见附件1"),
        ("（示例）", "（见表1）"),
        ("×××同志", "王刚同志"),
        ("是否按期完成：□是 □否", "是否按期完成：☑是 □否"),
        ("XX年度", "2023年度"),
    ]
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield f"模板|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    for field in ("填表人：", "审核人：", "分管领导："):
        yield (
            f"栏目|{field}",
            _COVER.format(cover=f"{field}        联系电话：0750-8881234"),
            _COVER.format(cover=f"{field}王刚    联系电话：0750-8881234"),
        )
    heads = [
        (
            "一、绩效分析\n1.1产出分析\n完成造林。\n1.2效益分析\n效益良好。\n1.4满意度分析\n满意度95%。\n",
            "1.4满意度",
            "1.3满意度",
        ),
        ("第一章 总则\n内容。\n第三章 评价结论\n结论。\n", "第三章", "第二章"),
        ("一、基本情况\n情况。\n二、绩效分析\n分析。\n五、存在问题\n问题。\n", "五、", "三、"),
        ("一、基本情况\n(一)概况\n概况。\n(二)资金\n资金。\n(二)实施\n实施。\n", "(二)实施", "(三)实施"),
    ]
    yield from _heading_lists(heads)


def _fresh_last() -> Iterator[tuple[str, str | None, str]]:
    """Combinations written after the third widening (24 of 44 found then, 16 at 1043c43). The
    fourth widening (and a fix of a lookbehind) was made on them."""
    dates = [
        ("2024年1月1日至2023年12月31日", "2023年1月1日至2023年12月31日"),
        ("2023年11月31日", "2023年11月30日"),
        ("于2023/2/30召开评审会", "于2023/2/28召开评审会"),
        ("上报时间为2024116", "上报时间为2024年1月16日"),
        ("2023年12月30日至29日", "2023年12月29日至30日"),
        ("2023年12月31曰", "2023年12月31日"),
    ]
    yield from _dates_in_places(dates)
    cell = _HEAD + "| 项目名称 | 完成时间 |\n| 森林防火 | {} |" + _TAIL
    yield "日期|表头时间|20231231", cell.format("20231231"), cell.format("2023年12月31日")
    twins = [
        "2023年12月31日至2024年1月1日",
        "统计截至2023年底",
        "2023年12月份",
        "2023年12月31日24时",
        "2023年的12月31日",
    ]
    yield from _twins(twins, "日期对文")
    template = [
        ("____年____月____日", "2024年3月15日"),
        ("（单位名称）", "鹤山市林业局"),
        ("请在此处填写评价结论", "评价结论为优"),
    ]
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield f"模板|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    table = _HEAD + "| 项目 | 内容 |\n| 资金情况 | {} |" + _TAIL
    yield "模板|单独的XX", table.format("XX"), table.format("120.00")
    yield (
        "栏目|编制单位（盖章）：",
        _COVER.format(cover="编制单位（盖章）：\n填报人：李华"),
        _COVER.format(cover="编制单位（盖章）：鹤山市林业局\n填报人：李华"),
    )
    lists = [
        (
            "1.完成造林；2.培训林农；3.森林防火；3.病虫害防治。",
            "1.完成造林；2.培训林农；3.森林防火；4.病虫害防治。",
        ),
        (
            "（一）完成造林；（二）培训林农；（四）森林防火。",
            "（一）完成造林；（二）培训林农；（三）森林防火。",
        ),
        ("⑴完成造林；⑵培训林农；⑷森林防火。", "⑴完成造林；⑵培训林农；⑶森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一、基本情况\n(一)概况\n概况。\n(三)资金\n资金。\n二、结论\n良好。\n", "(三)资金", "(二)资金"),
        ("一、基本情况\n1、概况\n概况。\n2、资金\n资金。\n2、实施\n实施。\n", "2、实施", "3、实施"),
    ]
    yield from _heading_lists(heads)


def _fresh_fifth() -> Iterator[tuple[str, str | None, str]]:
    """Combinations written after the fourth widening (28 of 45 found then; 19 at 1043c43); the
    fifth widening was made on them and on the fifth group. Left open before it: Chinese-numeral
    dates, a dotted date after a colon, '(请…修改)', a field followed by an unlisted one, lists in
    a./Ⅰ./其一 styles."""
    dates = [
        ("2023年1月1日到2022年12月31日", "2022年1月1日到2022年12月31日"),
        ("二〇二三年十三月", "二〇二三年十二月"),
        ("日期：2023.02.29", "日期：2024.02.29"),
        ("截至2023年13月", "截至2023年12月"),
        ("日期是20231231", "日期是2023年12月31日"),
        ("2023年4月31日前", "2023年4月30日前"),
    ]
    yield from _dates_in_places(dates)
    twins = [
        "于2023年10月15日至16日召开",
        "在20个乡镇开展",
        "2023年12月1至5日",
        "2023年5月1日-5月3日",
        "全年完成2023.5万元",
        "时间为20天",
        "编号X-2023-12-40",
        "型号XX-200",
        "2022年1月1日——2022年12月31日",
        "2023年12月31日至今",
        "⑴完成造林；⑵培训林农",
        "填表人：王刚（签字）",
    ]
    yield from _twins(twins)
    template = [
        ("（请根据实际情况修改）", ""),
        ("××乡××村", "共和镇大凹村"),
        ("评价等级：优□ 良□ 中□ 差□", "评价等级：优☑ 良□ 中□ 差□"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("负责人（签字）：\n填报人：李华", "负责人（签字）：王刚\n填报人：李华"),
        ("项目名称：        项目编号：2023001", "项目名称：森林防火    项目编号：2023001"),
    ]
    for wrong, right in fields:
        yield f"栏目|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
    lists = [
        ("a.完成造林；b.培训林农；d.森林防火。", "a.完成造林；b.培训林农；c.森林防火。"),
        ("Ⅰ、完成造林；Ⅱ、培训林农；Ⅳ、森林防火。", "Ⅰ、完成造林；Ⅱ、培训林农；Ⅲ、森林防火。"),
        (
            "其一，完成造林；其二，培训林农；其四，森林防火。",
            "其一，完成造林；其二，培训林农；其三，森林防火。",
        ),
        (
            "第一，完成造林；第二，培训林农；第四，森林防火。",
            "第一，完成造林；第二，培训林农；第三，森林防火。",
        ),
        ("（1）完成造林；（2）培训林农；（4）森林防火。", "（1）完成造林；（2）培训林农；（3）森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        (
            "一、基本情况\n(一)概况\n概况。\n(二)资金\n资金。\n(二)实施\n实施。\n二、结论\n良好。\n",
            "(二)实施",
            "(三)实施",
        ),
        ("一、基本情况\n情况。\n三、绩效分析\n分析。\n三、存在问题\n问题。\n", "三、绩效", "二、绩效"),
    ]
    yield from _heading_lists(heads)


def _fresh_sixth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the fourth group was measured, before any rule was changed for
    them (the fifth widening was made on them): Chinese-numeral dates, dotted / dashed / slashed
    dates, spans, placeholders and hints of other templates, empty signature fields, lists in
    a./A./Ⅰ、 styles and 首先/其次, decimal headings. First measured at 61e30aa, before any rule
    change: 32 of 126 found (25%), 0 of 166 twins drawing a finding."""
    chinese = [
        ("二〇二三年十二月三十二日", "二〇二三年十二月三十一日"),
        ("二○二三年二月三十日", "二○二三年二月二十八日"),
        ("二0二三年十三月", "二0二三年十二月"),
        ("二〇二三十二月", "二〇二三年十二月"),
        ("二〇二三年六月三十一日", "二〇二三年六月三十日"),
    ]
    for (wrong, right), (place, shape) in itertools.product(chinese, _PLACES.items()):
        yield f"中文日期|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    numeric = [
        ("2023.12.32", "2023.12.31"),
        ("2023-02-30", "2023-02-28"),
        ("2023/13/01", "2023/12/01"),
        ("2023.6.31", "2023.6.30"),
        ("2023-12-31至2023-01-01", "2023-01-01至2023-12-31"),
    ]
    numeric_places = {
        "封面": _COVER.replace("{cover}", "报告日期：{d}"),
        "表格": _HEAD + "| 项目名称 | 完成时间 |\n| 森林防火 | {d} |" + _TAIL,
        "句中": _HEAD + "项目于{d}完成验收，资金已全部支付。" + _TAIL,
    }
    for (wrong, right), (place, shape) in itertools.product(numeric, numeric_places.items()):
        yield f"数字日期|{place}|{wrong}", shape.format(d=wrong), shape.format(d=right)
    spans = [
        ("2023年1月至12日", "2023年1月至12月"),
        ("2023年1-13月", "2023年1-12月"),
        ("2023年1月1日至12月32日", "2023年1月1日至12月31日"),
        ("2023年第五季度", "2023年第四季度"),
    ]
    for (wrong, right), (place, shape) in itertools.product(spans, _PLACES.items()):
        yield f"区间|{place}|{wrong}", shape.format(x=wrong), shape.format(x=right)
    placeholders = [
        ("【填写说明】本部分填写项目基本情况", "本项目基本情况如下"),
        ("此处填写项目概况", "项目概况良好"),
        ("（项目主管部门名称）", "鹤山市林业局"),
        ("×年×月×日", "2023年5月10日"),
        ("××××万元", "1,187.50万元"),
        ("（请填写具体金额）万元", "1,187.50万元"),
        ("[项目单位名称]", "鹤山市林业局"),
        ("XXXX年XX月XX日", "2023年5月10日"),
    ]
    for (wrong, right), (place, shape) in itertools.product(placeholders, _PLACES.items()):
        yield f"模板|{place}|{wrong[:10]}", shape.format(x=wrong), shape.format(x=right)
    fields = [
        ("填报人：\n联系电话：", "填报人：李华\n联系电话：0750-8881234"),
        ("项目实施单位负责人签名：\n年  月  日", "项目实施单位负责人签名：王刚\n2024年3月15日"),
        ("鹤山市林业局（盖章）\n二〇二四年  月  日", "鹤山市林业局（盖章）\n二〇二四年三月十五日"),
        ("经办人：          审核人：王刚", "经办人：李华    审核人：王刚"),
        ("项目起止时间：\n项目负责人：王刚", "项目起止时间：2023年1月至12月\n项目负责人：王刚"),
        ("联系人及电话：\n填报人：李华", "联系人及电话：李华 0750-8881234\n填报人：李华"),
    ]
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        end = _HEAD + "全年支出1,187.50万元。" + _TAIL + "{}\n"
        yield f"栏目|落款|{wrong[:8]}", end.format(wrong), end.format(right)
    styles = {
        "a.": lambda n: "abcde"[n - 1] + ".",
        "A.": lambda n: "ABCDE"[n - 1] + ".",
        "a)": lambda n: "abcde"[n - 1] + ")",
        "Ⅰ、": lambda n: "ⅠⅡⅢⅣⅤ"[n - 1] + "、",
        "（a）": lambda n: "（" + "abcde"[n - 1] + "）",
    }
    items = ["完成造林3,600亩", "培训林农1,250人次", "森林覆盖率达到57%", "成灾率控制在3‰以内"]
    errors = {"跳号": (1, 2, 4, 5), "重号": (1, 2, 2, 3)}
    joins = {"分号": "；", "句号": "。"}
    for (style, mark), (error, numbers), (join, sep) in itertools.product(
        styles.items(), errors.items(), joins.items()
    ):

        def para(nums, mark=mark, sep=sep):
            return "主要产出：" + sep.join(mark(n) + item for n, item in zip(nums, items, strict=True)) + "。"

        shape = _HEAD + "(一)产出情况\n{x}" + _TAIL
        yield (
            f"列举|{style}|{join}|{error}",
            shape.format(x=para(numbers)),
            shape.format(x=para((1, 2, 3, 4))),
        )
    sequences = [
        (
            "首先，完成造林；其次，培训林农；其次，开展森林防火；最后，防治病虫害。",
            "首先，完成造林；其次，培训林农；再次，开展森林防火；最后，防治病虫害。",
        ),
        (
            "一是完成造林。\n二是培训林农。\n四是开展森林防火。",
            "一是完成造林。\n二是培训林农。\n三是开展森林防火。",
        ),
        (
            "第一，完成造林。第二，培训林农。第二，开展森林防火。",
            "第一，完成造林。第二，培训林农。第三，开展森林防火。",
        ),
    ]
    for wrong, right in sequences:
        shape = _HEAD + "(一)产出情况\n{}" + _TAIL
        yield f"列举|{wrong[:6]}", shape.format(wrong), shape.format(right)
    heads = [
        (
            "一、绩效分析\n1.1 产出分析\n完成造林。\n1.2 效益分析\n效益良好。\n1.2 满意度分析\n满意度95%。\n",
            "1.2 满意度",
            "1.3 满意度",
        ),
        (
            "一、绩效分析\n2.1.1 数量指标\n完成造林。\n2.1.2 质量指标\n成活率95%。\n2.1.4 时效指标\n按时完成。\n",
            "2.1.4",
            "2.1.3",
        ),
        ("Ⅰ、基本情况\n情况良好。\nⅡ、绩效分析\n分析如下。\nⅣ、存在问题\n进度偏慢。\n", "Ⅳ、", "Ⅲ、"),
        ("第一节 基本情况\n情况良好。\n第三节 存在问题\n进度偏慢。\n", "第三节", "第二节"),
        (
            "一、基本情况\n(一)概况\n概况。\n(二)资金\n资金。\n二、绩效分析\n(一)产出\n产出。\n(三)效益\n效益。\n",
            "(三)效益",
            "(二)效益",
        ),
        (
            "一、绩效分析\n(一)产出\n1.数量\n完成造林。\n2.质量\n良好。\n(二)效益\n1.社会效益\n良好。\n3.生态效益\n良好。\n",
            "3.生态",
            "2.生态",
        ),
        ("一、基本情况\n（1）概况\n概况。\n（2）资金\n资金。\n（2）实施\n实施。\n", "（2）实施", "（3）实施"),
        (
            "一、基本情况\n情况。\n二、绩效分析\n分析。\n二、存在问题\n问题。\n四、建议\n建议。\n",
            "二、存在",
            "三、存在",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "二〇二三年十二月三十一日",
        "Ⅲ类水质达标率100%",
        "4A级景区3个",
        "依据第2.1.3条",
        "首先要加强资金管理",
        "2023.12.31前完成",
        "一是加强管理，二是规范程序",
        "A.完成造林；B.培训林农",
        "二〇二四年一月",
        "2023年1—12月",
    ]
    yield from _twins(twins)


def _fresh_seventh() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the fifth widening, and measured before any rule was changed for
    them: how far that widening reaches past the wordings it was made on. First measured at 27a0de5:
    53 of 76 found (69%), 1 of 108 twins drawing a finding (template.leftover read the decimal
    heading '1.2.效益分析' as an empty item 1.). The sixth widening was made on them."""
    dates = [
        ("二〇二三年二月二十九日", "二〇二四年二月二十九日"),
        ("二零二三年十一月三十一日", "二零二三年十一月三十日"),
        ("2023年9月31日", "2023年9月30日"),
        ("2023.04.31", "2023.04.30"),
        ("2023年1月-12日", "2023年1月-12月"),
        ("2023.12.31-2023.1.1", "2023.1.1-2023.12.31"),
        ("2023/12/31至2023/01/01", "2023/01/01至2023/12/31"),
        ("二〇二三年十二月三十一日至二〇二三年一月一日", "二〇二三年一月一日至二〇二三年十二月三十一日"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（填报单位名称）", "鹤山市林业局"),
        ("××××年××月××日", "2024年3月15日"),
        ("资金情况（可根据需要增减）", "资金情况"),
        ("本单位（部门）", "本局"),
        ("[单位盖章]", "鹤山市林业局"),
        ("（请填写单位全称）", "鹤山市林业局"),
    ]
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield f"模板|{place}|{wrong[:10]}", shape.format(x=wrong), shape.format(x=right)
    fields = [
        ("分管领导签字：\n年  月  日", "分管领导签字：王刚\n2024年3月15日"),
        (
            "单位负责人：        财务负责人：        填表人：李华",
            "单位负责人：王刚    财务负责人：赵丽    填表人：李华",
        ),
        ("项目主管部门（盖章）：\n填报人：李华", "项目主管部门（盖章）：鹤山市林业局\n填报人：李华"),
        ("填表日期：二〇二四年  月  日", "填表日期：二〇二四年三月十五日"),
    ]
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        end = _HEAD + "全年支出1,187.50万元。" + _TAIL + "{}\n"
        yield f"栏目|落款|{wrong[:8]}", end.format(wrong), end.format(right)
    lists = [
        ("ⅰ.完成造林；ⅱ.培训林农；ⅳ.森林防火。", "ⅰ.完成造林；ⅱ.培训林农；ⅲ.森林防火。"),
        ("A、完成造林；B、培训林农；D、森林防火。", "A、完成造林；B、培训林农；C、森林防火。"),
        ("（A）完成造林；（B）培训林农；（B）森林防火。", "（A）完成造林；（B）培训林农；（C）森林防火。"),
        (
            "其一是完成造林，其二是培训林农，其二是森林防火。",
            "其一是完成造林，其二是培训林农，其三是森林防火。",
        ),
        ("1）完成造林。2）培训林农。4）森林防火。", "1）完成造林。2）培训林农。3）森林防火。"),
        (
            "第一，完成造林。\n第二，培训林农。\n第四，森林防火。",
            "第一，完成造林。\n第二，培训林农。\n第三，森林防火。",
        ),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        (
            "一、绩效分析\n3.1、产出分析\n完成。\n3.2、效益分析\n良好。\n3.4、满意度\n95%。\n",
            "3.4、",
            "3.3、",
        ),
        ("一、绩效分析\n1.1.产出分析\n完成。\n1.2.效益分析\n良好。\n1.4.满意度\n95%。\n", "1.4.", "1.3."),
        ("Ⅰ.基本情况\n情况良好。\nⅡ.绩效分析\n分析如下。\nⅡ.存在问题\n进度偏慢。\n", "Ⅱ.存在", "Ⅲ.存在"),
        ("第一章 基本情况\n情况。\n第二章 绩效分析\n分析。\n第四章 存在问题\n问题。\n", "第四章", "第三章"),
        (
            "一、基本情况\n（一）概况\n概况。\n（二）资金\n资金。\n（二）实施\n实施。\n",
            "（二）实施",
            "（三）实施",
        ),
        ("一、基本情况\n1 项目概况\n概况。\n2 资金安排\n安排。\n4 组织实施\n实施。\n", "4 组织", "3 组织"),
    ]
    yield from _heading_lists(heads)
    twins = [
        "二〇二四年二月二十九日",
        "依据第3.2节的规定",
        "ⅰ型设备2台",
        "其一是资金，其二是人员",
        "1.5万元已拨付，2.5万元待拨付",
        "2023年1月1日—12月31日",
        "（A）类项目3个",
        "评分标准见第3.1.2条",
    ]
    yield from _twins(twins)


def _fresh_eighth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the sixth widening, measured before any rule was changed for
    them: first measured at 72daa48, 22 of 65 found (33%), 0 of 97 twins drawing a finding. The
    seventh widening was made on them."""
    dates = [
        ("2023年02月29日", "2024年02月29日"),
        ("2023 年 6 月 31 日", "2023 年 6 月 30 日"),
        ("二〇二三年九月三十一日", "二〇二三年九月三十日"),
        ("2023年4月31号", "2023年4月30号"),
        ("2023.2.29", "2024.2.29"),
        ("2023—12—32", "2023—12—31"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("项目负责人（姓名）", "项目负责人王刚"),
        ("（填写年份）年度", "2023年度"),
        ("资金情况（选填）", "资金情况"),
        ("资金情况（不适用的可删除）", "资金情况"),
        ("资金情况（填写完毕后删除本说明）", "资金情况"),
        ("20__年", "2023年"),
    ]
    for (wrong, right), (place, shape) in itertools.product(template, _PLACES.items()):
        yield f"模板|{place}|{wrong[:10]}", shape.format(x=wrong), shape.format(x=right)
    fields = [
        ("报送日期：\n填报人：李华", "报送日期：2024年3月15日\n填报人：李华"),
        ("编报单位：\n联系电话：0750-8881234", "编报单位：鹤山市林业局\n联系电话：0750-8881234"),
        ("审核日期：        审核人：王刚", "审核日期：2024年3月15日    审核人：王刚"),
    ]
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        end = _HEAD + "全年支出1,187.50万元。" + _TAIL + "{}\n"
        yield f"栏目|落款|{wrong[:8]}", end.format(wrong), end.format(right)
    lists = [
        ("一要完成造林；二要培训林农；四要做好森林防火。", "一要完成造林；二要培训林农；三要做好森林防火。"),
        ("❶完成造林；❷培训林农；❹森林防火。", "❶完成造林；❷培训林农；❸森林防火。"),
        ("㈠完成造林；㈡培训林农；㈣森林防火。", "㈠完成造林；㈡培训林农；㈢森林防火。"),
        ("⒈完成造林；⒉培训林农；⒋森林防火。", "⒈完成造林；⒉培训林农；⒊森林防火。"),
        (
            "第1项，完成造林；第2项，培训林农；第2项，森林防火。",
            "第1项，完成造林；第2项，培训林农；第3项，森林防火。",
        ),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一.基本情况\n情况良好。\n二.绩效分析\n分析如下。\n四.存在问题\n进度偏慢。\n", "四.存在", "三.存在"),
        ("壹、基本情况\n情况良好。\n贰、绩效分析\n分析如下。\n肆、存在问题\n进度偏慢。\n", "肆、", "叁、"),
        ("㈠基本情况\n情况良好。\n㈡绩效分析\n分析如下。\n㈡存在问题\n进度偏慢。\n", "㈡存在", "㈢存在"),
        ("A.基本情况\n情况良好。\nB.绩效分析\n分析如下。\nD.存在问题\n进度偏慢。\n", "D.存在", "C.存在"),
        (
            "第一部分 基本情况\n情况。\n第二部分 绩效分析\n分析。\n第四部分 存在问题\n问题。\n",
            "第四部分",
            "第三部分",
        ),
        ("一、绩效分析\n1．产出分析\n完成。\n2．效益分析\n良好。\n4．满意度\n95%。\n", "4．满意", "3．满意"),
    ]
    yield from _heading_lists(heads)
    twins = [
        "二〇二四年二月二十九日",
        "一要加强管理，二要规范程序",
        "A.是 B.否",
        "壹万元整",
        "（选填项3个）",
        "第1项指标得分10分",
        "2024.2.29",
        "报送日期为2024年3月15日",
    ]
    yield from _twins(twins)


def _fresh_ninth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the seventh widening, measured before tuning: how far the widenings
    reach past the wordings they were made on. Measured at f6b7d3d: 29 of 55 found (52%), 0 of 79
    twins drawing a finding. Left open: 元月, a half year's span (7-13月), hints opening with 注:
    or 此部分, 审批人/单位公章 fields, inline 一、/甲、/(Ⅰ) lists, a list that goes back to 1.,
    headings numbered 1)/甲、. The eighth widening was made on them (all but the list going back to
    1., which may be a second list, were then found)."""
    dates = [
        ("2023年02月30日", "2023年02月28日"),
        ("2023年元月32日", "2023年元月31日"),
        ("2023年下半年（7-13月）", "2023年下半年（7-12月）"),
        ("2023-9-31", "2023-9-30"),
        ("2023年12月31日至2024年1月32日", "2023年12月31日至2024年1月31日"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（注：此部分由评价机构填写）", ""),
        ("（此部分内容可根据实际删减）", ""),
        ("（参照上述格式填写）", ""),
        ("____年度", "2023年度"),
        ("XX市XX局", "鹤山市林业局"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("审批人：\n填报人：李华", "审批人：王刚\n填报人：李华"),
        ("经办人签字：\n年  月  日", "经办人签字：李华\n2024年3月15日"),
        ("单位公章：\n填报人：李华", "单位公章：鹤山市林业局\n填报人：李华"),
    ]
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        end = _HEAD + "全年支出1,187.50万元。" + _TAIL + "{}\n"
        yield f"栏目|落款|{wrong[:8]}", end.format(wrong), end.format(right)
    lists = [
        ("一、完成造林；二、培训林农；四、森林防火。", "一、完成造林；二、培训林农；三、森林防火。"),
        ("甲、完成造林；乙、培训林农；丁、森林防火。", "甲、完成造林；乙、培训林农；丙、森林防火。"),
        ("（Ⅰ）完成造林；（Ⅱ）培训林农；（Ⅳ）森林防火。", "（Ⅰ）完成造林；（Ⅱ）培训林农；（Ⅲ）森林防火。"),
        (
            "第一、完成造林；第二、培训林农；第二、森林防火。",
            "第一、完成造林；第二、培训林农；第三、森林防火。",
        ),
        ("1.完成造林；2.培训林农；1.森林防火。", "1.完成造林；2.培训林农；3.森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一、基本情况\n1)项目概况\n概况。\n2)资金安排\n安排。\n4)组织实施\n实施。\n", "4)组织", "3)组织"),
        ("甲、基本情况\n情况良好。\n乙、绩效分析\n分析如下。\n丁、存在问题\n进度偏慢。\n", "丁、", "丙、"),
        ("一、基本情况\n①项目概况\n概况。\n②资金安排\n安排。\n②组织实施\n实施。\n", "②组织", "③组织"),
        (
            "一、绩效分析\n1.1 产出\n完成。\n1.2 效益\n良好。\n2.1 问题\n偏慢。\n2.3 建议\n加快。\n",
            "2.3 建议",
            "2.2 建议",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "甲方乙方签订合同",
        "2023年9月1日至8月31日",
        "（Ⅱ类）水质",
        "第一、二季度",
        "审批人员3名",
        "1.完成造林；2.培训林农。1.生态效益良好",
    ]
    yield from _twins(twins)


def _fresh_tenth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the eighth widening, measured before tuning: how far the widenings
    reach past the wordings they were made on. Measured at f6cc409: 15 of 47 found (31%), 0 of 71
    twins drawing a finding. Left open: a span of days written with 号, hints to paste or click
    (此处粘贴, 单击此处输入文字), 附表XX, 〈项目名称〉, 电话/评价组成员/日期 fields, 一则/第一点
    lists, 一）/【一】/1-1/⑴ headings. The ninth widening was made on them (45 of 47 found then;
    left open: an empty field at a line's end, '联系人：李华    电话：')."""
    dates = [
        ("2023年6月0日", "2023年6月1日"),
        # (first written '2023年7月1号至6月30号': a school year's span, no slip; replaced after the count)
        ("2023年7月10号至7月1号", "2023年7月1号至7月10号"),
        ("２０２３年１２月３２日", "２０２３年１２月３１日"),
        ("2023年00月", "2023年10月"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（此处粘贴附件）", ""),
        ("，详见附表XX", "，详见附表2"),
        ("单击此处输入文字。", "全年支出1,187.50万元。"),
        ("〈项目名称〉", "森林防火项目"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("联系人：李华    电话：", "联系人：李华    电话：0750-8881234"),
        ("评价组成员：\n填报人：李华", "评价组成员：王刚、赵丽\n填报人：李华"),
        ("日期：\n填报人：李华", "日期：2024年3月15日\n填报人：李华"),
    ]
    for wrong, right in fields:
        yield f"栏目|封面|{wrong[:8]}", _COVER.format(cover=wrong), _COVER.format(cover=right)
        end = _HEAD + "全年支出1,187.50万元。" + _TAIL + "{}\n"
        yield f"栏目|落款|{wrong[:8]}", end.format(wrong), end.format(right)
    lists = [
        ("一则完成造林，二则培训林农，四则做好森林防火。", "一则完成造林，二则培训林农，三则做好森林防火。"),
        (
            "第一点，完成造林；第二点，培训林农；第四点，森林防火。",
            "第一点，完成造林；第二点，培训林农；第三点，森林防火。",
        ),
        ("A)完成造林；B)培训林农；B)森林防火。", "A)完成造林；B)培训林农；C)森林防火。"),
        ("⑴完成造林。⑵培训林农。⑵森林防火。", "⑴完成造林。⑵培训林农。⑶森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一）基本情况\n情况良好。\n二）绩效分析\n分析如下。\n四）存在问题\n进度偏慢。\n", "四）", "三）"),
        (
            "【一】基本情况\n情况良好。\n【二】绩效分析\n分析如下。\n【四】存在问题\n进度偏慢。\n",
            "【四】",
            "【三】",
        ),
        ("一、绩效分析\n1-1 产出分析\n完成。\n1-2 效益分析\n良好。\n1-4 满意度\n95%。\n", "1-4", "1-3"),
        ("一、基本情况\n⑴项目概况\n概况。\n⑵资金安排\n安排。\n⑷组织实施\n实施。\n", "⑷", "⑶"),
        (
            "第一章 基本情况\n情况。\n第二章 绩效分析\n分析。\n第二章 存在问题\n问题。\n",
            "第二章 存在",
            "第三章 存在",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "首先完成造林，然后培训林农，最后做好森林防火",
        "一则以喜，一则以忧",
        "第一点五倍",
        "2023年6月1日",
        "〈鹤山市林业发展规划〉",
        "电话0750-8881234",
    ]
    yield from _twins(twins)


def _fresh_eleventh() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the ninth widening, measured before tuning: how far the widenings
    reach past the wordings they were made on. Measured at 9d31275: 10 of 42 found (23%), 0 of 66
    twins drawing a finding. Open: 2月29号 of a common year, a dotted span's bad end inside
    brackets, 2023年十三月, 【请删除此段】, (填写), (待补充), 法定代表人/单位地址/邮政编码 fields,
    inline 一./第1条/⑩⑪⑬ lists, ASCII roman (I. II. IV.) and 第1章 headings. The tenth widening
    was made on them (42 of 42 found then)."""
    dates = [
        ("2023年2月29号", "2024年2月29号"),
        ("2023年度（2023.1.1-2023.12.32）", "2023年度（2023.1.1-2023.12.31）"),
        ("2023年1月1日起至2023年12月32日止", "2023年1月1日起至2023年12月31日止"),
        ("2023年十三月", "2023年十二月"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（项目简介，300字左右）", ""),
        ("【请删除此段】", ""),
        ("（填写）", "：鹤山市林业局"),
        ("（待补充）", "：1,187.50万元"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("法定代表人：\n填报人：李华", "法定代表人：王刚\n填报人：李华"),
        ("单位地址：\n联系电话：0750-8881234", "单位地址：鹤山市沙坪街道\n联系电话：0750-8881234"),
        ("邮政编码：\n联系电话：0750-8881234", "邮政编码：529700\n联系电话：0750-8881234"),
    ]
    yield from _cover_fields(fields)
    lists = [
        ("一.完成造林；二.培训林农；四.森林防火。", "一.完成造林；二.培训林农；三.森林防火。"),
        (
            "第1条，完成造林；第2条，培训林农；第4条，森林防火。",
            "第1条，完成造林；第2条，培训林农；第3条，森林防火。",
        ),
        ("⑩完成造林；⑪培训林农；⑬森林防火。", "⑩完成造林；⑪培训林农；⑫森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("I.基本情况\n情况良好。\nII.绩效分析\n分析如下。\nIV.存在问题\n进度偏慢。\n", "IV.", "III."),
        ("第1章 基本情况\n情况。\n第2章 绩效分析\n分析。\n第4章 存在问题\n问题。\n", "第4章", "第3章"),
        (
            "一、基本情况\n[1]项目概况\n概况。\n[2]资金安排\n安排。\n[2]组织实施\n实施。\n",
            "[2]组织",
            "[3]组织",
        ),
        (
            "一、绩效分析\n1.1.1 数量\n完成。\n1.1.2 质量\n良好。\n1.1.2 时效\n按时。\n",
            "1.1.2 时效",
            "1.1.3 时效",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "启动Ⅰ级响应、Ⅱ级响应、Ⅳ级响应",
        "I型设备2台",
        "依据第1章第2节",
        "（300字）",
        "待补充资料已补齐",
        "邮政编码529700",
    ]
    yield from _twins(twins)


def _fresh_twelfth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the tenth widening, measured before tuning: how far the widenings
    reach past the wordings they were made on. Measured at 5c43ece: 15 of 50 found (30%), 0 of 74
    twins drawing a finding. Open: Q5, quarters backwards, (在此填写), (编写提示：…), [此处为图表],
    (说明：如无此项内容可不填), ***局, 项目实施地点/资金来源/完成时间 fields, 第一项 lists,
    第1部分/'Ⅳ '/四· headings. The eleventh widening was made on them (42 of 50 found then; left
    open: quarters backwards, which may run into the next year like a winter's months, and '***局':
    real reports publish names hidden by stars ('****财政局'), no template's placeholder)."""
    dates = [
        ("2023年6月31日24时", "2023年6月30日24时"),
        ("二〇二三年十二月三十二号", "二〇二三年十二月三十一号"),
        ("2023年12月31日－2023年1月1日", "2023年1月1日－2023年12月31日"),
        ("2023年Q5", "2023年Q4"),
        ("2023年第3季度至第2季度", "2023年第2季度至第3季度"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（在此填写）", "：鹤山市林业局"),
        ("（编写提示：简要介绍项目背景）", ""),
        ("[此处为图表]", ""),
        ("（说明：如无此项内容可不填）", ""),
        ("***局", "林业局"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("项目实施地点：\n项目负责人：王刚", "项目实施地点：共和镇\n项目负责人：王刚"),
        ("资金来源：\n项目负责人：王刚", "资金来源：财政拨款\n项目负责人：王刚"),
        ("完成时间：\n项目负责人：王刚", "完成时间：2023年12月\n项目负责人：王刚"),
    ]
    yield from _cover_fields(fields)
    lists = [
        (
            "第一项，完成造林；第二项，培训林农；第四项，森林防火。",
            "第一项，完成造林；第二项，培训林农；第三项，森林防火。",
        ),
        (
            "（一）完成造林；（二）培训林农；（二）森林防火。",
            "（一）完成造林；（二）培训林农；（三）森林防火。",
        ),
        ("a)完成造林；b)培训林农；b)森林防火。", "a)完成造林；b)培训林农；c)森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        (
            "第1部分 基本情况\n情况。\n第2部分 绩效分析\n分析。\n第4部分 存在问题\n问题。\n",
            "第4部分",
            "第3部分",
        ),
        ("Ⅰ 基本情况\n情况良好。\nⅡ 绩效分析\n分析如下。\nⅣ 存在问题\n进度偏慢。\n", "Ⅳ ", "Ⅲ "),
        ("一·基本情况\n情况良好。\n二·绩效分析\n分析如下。\n四·存在问题\n进度偏慢。\n", "四·", "三·"),
        (
            "一、基本情况\n1）项目概况\n概况。\n2）资金安排\n安排。\n2）组织实施\n实施。\n",
            "2）组织",
            "3）组织",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "2023年Q4季度",
        "第1部分内容",
        "第一项工作已完成",
        "Ⅱ级以上",
        "一·二九运动",
        "（说明：单位为万元）",
    ]
    yield from _twins(twins)


def _fresh_thirteenth() -> Iterator[tuple[str, str | tuple[str, str] | None, str]]:
    """Combinations written after the eleventh widening, and not tuned on: how far the widenings
    reach past the wordings they were made on. Measured at b411152: 30 of 46 found (65%), 0 of 70
    twins drawing a finding (all 25 date and 12 of 16 list and heading combinations found; open:
    (根据项目情况自行调整), (本报告模板仅供参考), (示范文本), 填报时间 and 统一社会信用代码 fields,
    第一步 lists, A-1 headings)."""
    dates = [
        ("2023年11月31号前", "2023年11月30号前"),
        ("2023年9月31日（周六）", "2023年9月30日（周六）"),
        ("2023/2/29", "2024/2/29"),
        ("二〇二三年四月三十一日", "二〇二三年四月三十日"),
        ("2023年13月份", "2023年12月份"),
    ]
    yield from _dates_in_places(dates)
    template = [
        ("（根据项目情况自行调整）", ""),
        ("（本报告模板仅供参考）", ""),
        ("（示范文本）", ""),
        ("××××××", "鹤山市林业局"),
    ]
    yield from _template_in_places(template)
    fields = [
        ("填报时间：\n填报人：李华", "填报时间：2024年3月15日\n填报人：李华"),
        ("统一社会信用代码：\n填报人：李华", "统一社会信用代码：11440784MB2C12345X\n填报人：李华"),
        ("主管部门（盖章）：\n填报人：李华", "主管部门（盖章）：鹤山市人民政府\n填报人：李华"),
    ]
    yield from _cover_fields(fields)
    lists = [
        (
            "第一步，完成造林；第二步，培训林农；第四步，森林防火。",
            "第一步，完成造林；第二步，培训林农；第三步，森林防火。",
        ),
        ("Ⅰ）完成造林；Ⅱ）培训林农；Ⅳ）森林防火。", "Ⅰ）完成造林；Ⅱ）培训林农；Ⅲ）森林防火。"),
        ("（ⅰ）完成造林；（ⅱ）培训林农；（ⅳ）森林防火。", "（ⅰ）完成造林；（ⅱ）培训林农；（ⅲ）森林防火。"),
    ]
    yield from _lists_in_a_sentence(lists)
    heads = [
        ("一、基本情况\n①、项目概况\n概况。\n②、资金安排\n安排。\n④、组织实施\n实施。\n", "④、", "③、"),
        ("(A)基本情况\n情况良好。\n(B)绩效分析\n分析如下。\n(D)存在问题\n进度偏慢。\n", "(D)", "(C)"),
        ("一、绩效分析\nA-1 产出分析\n完成。\nA-2 效益分析\n良好。\nA-4 满意度\n95%。\n", "A-4", "A-3"),
        (
            "一、绩效分析\n1-1-1 数量\n完成。\n1-1-2 质量\n良好。\n1-1-2 时效\n按时。\n",
            "1-1-2 时效",
            "1-1-3 时效",
        ),
    ]
    yield from _heading_lists(heads)
    twins = [
        "第一步已完成",
        "统一社会信用代码11440784MB2C12345X",
        "填报时间为2024年3月",
        "（本表数据仅供参考）",
        "A-1型设备",
        "2024/2/29",
    ]
    yield from _twins(twins)


DATE_RULES = ("date.format", "date.malformed")
TEMPLATE_RULES = (
    "template.leftover",
    "template.instruction",
    "template.unfilled",
    "template.empty_heading",
    "template.form_instruction",
    "list.bare_number",
)
NUMBER_RULES = ("heading.numbering", "list.numbering", "list.numbering_styles", "list.bare_number")
SURFACE_RULES = tuple(dict.fromkeys(DATE_RULES + TEMPLATE_RULES + NUMBER_RULES))

FAMILIES: tuple[Family, ...] = (
    ("日期：年份后缺“年”", DATE_RULES, _year_before_word),
    ("日期：数字粘连、年月日丢失", DATE_RULES, _glued_dates),
    ("日期：年月日缺、重、错，区间倒置", DATE_RULES, _marks_wrong),
    ("模板：占位符与提示字样", TEMPLATE_RULES, _placeholders),
    ("模板：空着的栏目与没勾的方框", TEMPLATE_RULES, _empty_fields),
    ("模板：填写说明与空条目", TEMPLATE_RULES, _instructions),
    ("编号：段内列举", NUMBER_RULES, _inline_lists),
    ("编号：标题层级", NUMBER_RULES, _headings),
    ("形似的对文（只看误报）", SURFACE_RULES, _lookalikes),
    # (written after the first widening: 35/84 found then; the second widening was made on it)
    ("第一轮后新写的组合（第二轮据此调了规则）", SURFACE_RULES, _fresh),
    # (written after the second widening: 35/59 found then; the third widening was made on it)
    ("第二轮后新写的组合（第三轮据此调了规则）", SURFACE_RULES, _fresh_again),
    # (written after the third widening: 24/44 found then; the fourth widening was made on it)
    ("第三轮后新写的组合（第四轮据此调了规则）", SURFACE_RULES, _fresh_last),
    # (written after the fourth widening: 28/45 found then; the fifth widening was made on it too)
    ("第四轮后新写的组合（第五轮据此调了规则）", SURFACE_RULES, _fresh_fifth),
    # (written before any rule was changed for it: 32/126 found then; the fifth widening was made on it)
    ("第五轮新写的组合（写好后先测，再调规则）", SURFACE_RULES, _fresh_sixth),
    # (written after the fifth widening, measured before any rule was changed for it: 53/76 found, 1 twin fired)
    ("第五轮调规则后新写的组合（第六轮据此调了规则）", SURFACE_RULES, _fresh_seventh),
    # (written after the sixth widening, measured before any rule was changed for it: 22/65 found, 0 twins fired)
    ("第六轮调规则后新写的组合（第七轮据此调了规则）", SURFACE_RULES, _fresh_eighth),
    # (written after the seventh widening: 29/55 found then, 0 twins fired; the eighth widening was made on it)
    ("第七轮调规则后新写的组合（第八轮据此调了规则）", SURFACE_RULES, _fresh_ninth),
    # (written after the eighth widening: 15/47 found then, 0 twins fired; the ninth widening was made on it)
    ("第八轮调规则后新写的组合（第九轮据此调了规则）", SURFACE_RULES, _fresh_tenth),
    # (written after the ninth widening: 10/42 found then, 0 twins fired; the tenth widening was made on it)
    ("第九轮调规则后新写的组合（第十轮据此调了规则）", SURFACE_RULES, _fresh_eleventh),
    # (written after the tenth widening: 15/50 found then, 0 twins fired; the eleventh widening was made on it)
    ("第十轮调规则后新写的组合（第十一轮据此调了规则）", SURFACE_RULES, _fresh_twelfth),
    # (written after the eleventh widening, not tuned on: 30/46 found, 0 twins fired)
    ("第十一轮调规则后新写的组合（未据此调规则）", SURFACE_RULES, _fresh_thirteenth),
)


def _fired(text: str | tuple[str, str], rules: tuple[str, ...]) -> list[str]:
    """The findings of ``rules`` on ``text``; a (text, place) pair counts only the findings that quote
    the place."""
    text, where = text if isinstance(text, tuple) else (text, "")
    return [
        f"{f.rule}:{f.message[:40]}"
        for f in check_text(text, report_type="auto").findings
        if f.rule in rules and f.severity in ("error", "warning") and where in (f.location.quote or "")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="列出没有报出的组合和误报的组合")
    args = parser.parse_args()
    print("报告体检：日期、模板残留、编号换说法的组合（每种组合一错一对）")
    all_found = all_total = all_false = all_twins = 0
    for name, rules, combinations in FAMILIES:
        found = false = total = twins = 0
        for label, wrong, right in combinations():
            twins += 1
            fired = _fired(right, rules)
            false += bool(fired)
            hit = True
            if wrong is not None:
                total += 1
                hit = bool(_fired(wrong, rules))
                found += hit
            if args.verbose and (not hit or fired):
                print(f"    {'漏报' if not hit else ''}{'误报 ' + '；'.join(fired) if fired else ''} {label}")
        all_found, all_total = all_found + found, all_total + total
        all_false, all_twins = all_false + false, all_twins + twins
        if total:
            print(
                f"  {name}：{total} 种组合，报出 {found}（{found * 100 // total}%），对的那份报出 {false}/{twins}"
            )
        else:
            print(f"  {name}：{twins} 份，报出 {false}")
    print(
        f"  合计：{all_total} 种组合，报出 {all_found}（{all_found * 100 // all_total}%），对文报出 {all_false}/{all_twins}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
