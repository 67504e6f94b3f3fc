"""Rules on the figure table: one quantity stated twice, balances, claims against rates, two
breakdowns of one total, and values no figure of their kind can take.

Every arithmetic judgement uses the rounding envelope of the printed figures: a difference
smaller than the sum of the half-units of the figures involved is rounding, not an error.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations, pairwise
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import (
    ZERO,
    CheckContext,
    amount_like,
    major_section_span,
    of_the_project,
    plain,
    rule,
    section_span,
    show,
    title_lines,
)
from jixiao.domain.checker.config import any_word, literal_trie
from jixiao.domain.checker.figures import Fig, _role_words, role_and_subject, subject_key
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.parse import MONEY_UNITS, Quantity
from jixiao.domain.checker.rules import (
    first_mark,
    has_any,
    has_word,
    last_mark,
    long_text_index,
    printed_half,
)
from jixiao.domain.checker.rules_columns import _table_unit
from jixiao.domain.checker.rules_compare import (
    CONFLICT_REPORTED,
    first_match_in,
    matches_in,
    of_kind,
    prose_money,
)
from jixiao.domain.checker.rules_rows import line_grids
from jixiao.domain.checker.statements import base_or_rate, direction_of
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

# ---------------------------------------------------------------------------------------------
# The same quantity twice


_LABEL_HEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度|全年度|本年|全年|年度|[本该我][院局委]|[本该](?:部门|单位)|部门|单位)+"
)
_LABEL_TAIL = re.compile(r"(?:数|额|金额|总额|资金|为|是|达|共)+$")
_KEY_ROLES = frozenset(("年初预算", "调整后", "决算", "到位", "下达", "预算", "执行", "结余", "收入"))
# the stages of the budget a body states once for the year: a figure whose label names one of them
# in any wording of roles.yaml ('调整后预算', '年初批复') and nothing else is the body's, as a key
# quantity's is
_BODY_STAGES = {"年初预算": "年初", "调整后": "调整", "决算": "决算"}  # (the word that names each)


@rule(
    "quantity.conflict",
    "同一个数（同一主体、同一口径、同一年）在两处写成不同的值；预算、调整后预算、决算、执行是不同口径",
)
def check_same_quantity(context: CheckContext) -> list[Finding]:
    """Money figures are grouped by (year, subject, role). Two figures of one group that differ by
    more than their rounding envelope are a conflict. A figure in a different role (年初预算
    against 全年预算 against 支出) is not; neither is a change, a previous-year figure, an
    approximate one or a per-unit price. Figures of the whole body (no subject) are compared only
    when their label is one of the key quantities (年初预算, 支出合计 …) or names a stage of the
    year's budget (调整后预算, 年初批复, 决算)."""
    findings = []
    data = context.data
    key_word = any_word(data.key_quantities)
    fiscal_year = context.fiscal_year
    text = context.report.text
    candidates = []
    own_project = context.report_type.code == "xiangmu"
    loose: set[int] = set()  # the starts of figures read as the whole spending by the loose words
    together: dict[tuple[str, str, str, str], int] = {}
    for fig in prose_money(context):
        if fig.per_unit:
            continue
        # '中央财政补助资金1,236.50万元': a source's money, named by no stage, is one figure of the year
        source = not fig.role and _FUND_SOURCE.fullmatch(fig.subject) is not None
        if fig.role not in _KEY_ROLES and not source:
            if not fig.role and fig.label.endswith(_TOTAL_AMOUNTS):
                # '项目资金总额9,856,400.00元', '宾居河综合治理项目(资金总额650.00万元)': a total of the
                # money that names no stage; what it is of is its project, named or of the heading
                total = _total_amount(context, fig)
                if total is not None:
                    candidates.append(total)
                    together[total[-1]] = together.get(total[-1], 0) + 1
            continue
        label = fig.label
        subject = subject_key(fig.subject, data) if fig.subject else ""
        own = _own_label(context, fig)
        if own is not None and fig.subject in (
            role_and_subject(fig.label, data)[1],
            role_and_subject(fig.raw_label, data)[1],
        ):
            # (a subject carried over from the figure before — '案件审判411.95万元，年末结算支出
            # 411.95万元' — is kept)
            label = own
            subject = subject_key(role_and_subject(own, data)[1], data)
        if subject in _OWN_PROJECT and own_project:
            subject = ""  # '年初批复项目预算' in a project's report: the project's, the body's
        if subject.endswith(("号", "号文件")):
            continue  # '〔2024〕12号下达…，〔2024〕35号下达…': one figure per document (see _document_allocations)
        if subject in _TIME_SUBJECTS:
            continue  # '3月下达A，8月下达B', '截至6月底累计支付A；截至9月底…': one figure per date
        whole = subject in _WHOLE_BODY and _spending_of_the_whole(label)
        if not whole and subject in _WHOLE_BODY and _spending_of_the_whole(label, _LOOSE_SPENDING_WORDS):
            # '共完成支出', '截至年底已支出', '项目累计支出': read as the year's whole spending only when
            # near the other figure (see _near)
            whole = True
            loose.add(fig.start)
        if not subject and not whole and fig.own_role not in _BODY_STAGES and key_word.search(label) is None:
            continue
        role = fig.role or "来源"
        # '部门整体支出决算数' and '决算支出合计' are one figure; '2023年年初预算数为' → '年初预算'
        compared = subject
        if whole:
            compared = "支出合计"
            if role == "执行":
                role = (
                    "决算"  # '全年支出决算6,428.35万元' and '我局共完成支出6,482.35万元': the year's spending
                )
        elif not subject:
            compared = _LABEL_TAIL.sub("", _LABEL_HEAD.sub("", label)) or label
            if fig.own_role == role and _BODY_STAGES.get(role, "\n") in label:
                # '项目年初预算', '年初下达预算资金': the body's one 年初预算 ('全年预算资金', read as
                # 调整后 too, may hold the year's carry-over: it keeps its words)
                compared = role
        # a figure that names no year is of the year evaluated
        year = "" if fig.year == fiscal_year else fig.year
        raw = fig.raw_label
        flow = "收入" if "收入" in raw else ""  # 一般公共预算收入 is another quantity than …支出
        group = (year, compared, role, flow)
        together[group] = together.get(group, 0) + 1
        candidates.append((fig, subject, whole, compared, year, flow, group))
    seen: dict[tuple[str, ...], Fig] = {}
    body: dict[str, list[Fig]] = {}  # the body's own figures of each stage (年初预算, 调整后, 决算)
    totals = _stage_total_cells(context)
    for fig, subject, whole, compared, year, flow, group in candidates:
        # a figure is compared only with one of the same key, so of the same year, subject, role
        # and flow: one that shares these with no other is compared with none, and the rest of its
        # tests and of its key (each read of the one figure alone) are not worked out
        role = group[2]
        if together[group] < 2 and not (totals and year == "" and compared in (role, "支出合计")):
            continue
        if (
            fig.quantity is not None
            and _NOT_A_LEVEL_WORD.search(fig.quantity.raw_label)
            and not (role == "结转" and "上年结转" in fig.quantity.raw_label)
        ):
            continue  # a previous year's figure, or a difference ('超出预算金额108.53万元')
        if fig.quantity is not None and base_or_rate(text, fig.quantity):
            continue  # '为全年预算32972万元的67.8%': the base of a share, of whatever the sentence is about
        if _TARGET_STATEMENT.match(text, _line_start(text, fig.start)):
            continue  # '绩效目标:…资金完成173万元': what was planned, not what was done
        if _counted_before(context, fig, clause=bool(subject) and not whole):
            # '重点项目6个，支出70万元': the spending of what was just counted, not the body's; a figure
            # with a subject, of the units counted in its own clause ('2个部门核减预算40万元')
            continue
        topic = ""
        if not subject or whole:
            # a figure without a subject speaks of what its heading names ("三、部门专项组织实施情况"),
            # or of the name its line opens with ('2.公务接待费：预算0.80万元，决算0.63万元')
            topic = _line_lead(text, fig.start) or _section_topic(context, fig.start)
        subject = compared
        key = (year, subject, role, topic, _place_of(context, fig.start), flow)
        if key[0] == "" and subject in (role, "支出合计") and key[3:] == ("", "", ""):
            body.setdefault(role, []).append(fig)
        first = seen.get(key)
        if first is None:
            seen[key] = fig
            continue
        if (
            _parts_of_other_totals(context, first, fig)
            or _items_of_two_projects(context, first, fig, works=not whole)
            or _two_inline_items(context, first, fig)
            or _dated_apart(context, first, fig)  # 2022年12月…下达57.5万元, 2023年8月…下达188.7万元
        ):
            continue
        if (first.start in loose or fig.start in loose or first.role != fig.role) and not _near(first, fig):
            continue  # '（一）培训经费…实际支出18万元', '（二）设备购置…实际支出28万元': two items' spending
        if abs(first.base - fig.base) >= first.half + fig.half and first.base != fig.base:
            context.memo.setdefault(CONFLICT_REPORTED, set()).update((first.start, fig.start))
            stage = (
                "" if role in ("总额", "结转", "来源") or role in subject else f"（{role}）"
            )  # (the label names it)
            shown = _STAGE_NAMES.get(subject, subject) if subject == role else subject
            name = f"{fig.year + '年' if fig.year else ''}{topic}{shown}{stage}"
            slip = _unit_slip(first, fig)
            if slip is not None:
                odd, other = slip
                findings.append(
                    context.finding(
                        "quantity.conflict",
                        WARNING,
                        f"“{name}”一处写{_show(other)}，一处写{_show(odd)}：数字相同、单位不同，单位疑有误",
                        odd.start,
                        odd.end,
                        expected=other.unit,
                        found=odd.unit,
                    )
                )
                continue
            findings.append(
                context.finding(
                    "quantity.conflict",
                    WARNING,
                    f"“{name}”前后不一致：前面写{_show(first)}（{context.report.section_at(first.start)}），"
                    f"这里写{_show(fig)}，相差{amount_like(abs(first.base - fig.base), _smaller_unit(first, fig))}",
                    fig.start,
                    fig.end,
                    expected=_show(first),
                    found=_show(fig),
                )
            )
    if body and totals:
        findings.extend(_stage_totals_against_prose(context, body, totals))
    findings.extend(_document_allocations(context))
    findings.extend(_year_columns_against_prose(context))
    return findings


_STAGE_TOTAL_ROWS = ("合计", "总计")
_STAGE_NAMES = {"年初预算": "年初预算", "调整后": "调整后预算", "决算": "支出决算"}
_BODY_ROWS = ("基本支出", "项目支出")


def _stage_total_cells(context: CheckContext) -> list[tuple[Fig, str]]:
    """The cells of the 合计 rows of forms, in a column of a stage (年初预算, 调整后预算, 决算)."""
    cells = []
    for f in context.figures.figs:
        if f.place != "table" or f.row.strip() not in _STAGE_TOTAL_ROWS:
            continue
        role = f.role or role_and_subject(f.column, context.data)[0]  # (a column '决算' of no kind)
        if role == "执行" and "决算" in f.column:
            role = "决算"  # (a column of 决算数 is the year's spending, as the body's 决算 is)
        if role in _STAGE_NAMES:
            cells.append((f, role))
    return cells


def _stage_totals_against_prose(
    context: CheckContext, body: dict[str, list[Fig]], cells: list[tuple[Fig, str]]
) -> list[Finding]:
    """A form of the body's budget by stage ('| 项目 | 年初预算 | 调整后预算 | 决算 |', its rows 基本支出,
    项目支出 and 合计; in a project's report, any form with a 合计 row): the 合计 cell of a stage's
    column is the body's figure of that stage, and the prose's figures of the same stage must
    agree with it ('本年度年初预算数为325.60万元' against 合计 352.60)."""
    findings = []
    fiscal_year = context.fiscal_year
    own_project = context.report_type.code == "xiangmu"
    for grid in context.tables:
        labels = [row.label.strip() for row in grid.rows]
        if not own_project and not any(label.startswith(_BODY_ROWS) for label in labels):
            continue
        unit = None
        for cell, role in cells:
            if not grid.start <= cell.start < grid.end:
                continue
            if role not in body or (cell.year and cell.year != fiscal_year):
                continue
            year = _COLUMN_YEAR.search(cell.column)
            if _NOT_A_LEVEL_WORD.search(cell.column) or (year and year.group(1) != fiscal_year):
                continue  # '上年决算', '2022年决算数': another year's column
            unit = unit or _table_unit(context.report, grid.start)
            if unit is None or unit not in MONEY_UNITS:
                break
            scale = MONEY_UNITS[unit]
            for fig in body[role]:
                if abs(fig.base - cell.value * scale) < fig.half + cell.half * scale:
                    continue
                shown = f"{format(cell.value, 'f')}{unit}"
                name = _STAGE_NAMES[role]
                findings.append(
                    context.finding(
                        "quantity.conflict",
                        WARNING,
                        f"{name}前后不一致：表中“{cell.column}”{cell.row.strip()}为{shown}，"
                        f"这里写{_show(fig)}（{context.report.section_at(fig.start)}），"
                        f"相差{amount_like(abs(fig.base - cell.value * scale), fig.quantity)}",
                        fig.start,
                        fig.end,
                        expected=shown,
                        found=_show(fig),
                    )
                )
    return findings


_CORNER_UNIT = re.compile(r"[(（](万元|元)[)）]")
_COLUMN_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _year_columns_against_prose(context: CheckContext) -> list[Finding]:
    """A form whose columns are years and stages ('| "三公"经费(万元) | 2022年决算数 | 2023年预算数 |
    2023年决算数 |'), its row named by its own label or, when it has none, by the form's corner
    cell: each cell is the figure of that subject, stage and year, and the prose's one figure of the
    same subject, stage and year must agree with it ('2023年“三公”经费决算3.49万元' against 3.94)."""
    findings = []
    text = context.report.text
    data = context.data
    fiscal_year = context.fiscal_year
    prose = None
    for grid in context.tables:
        if "year" not in grid.kinds:
            continue
        header_end = text.find("\n", grid.start)
        header = text[grid.start : header_end if header_end >= 0 else len(text)]
        corner = header.strip().strip("|").split("|")[0].strip()
        unit = _CORNER_UNIT.search(corner) or _CORNER_UNIT.search(text, max(0, grid.start - 40), grid.start)
        if unit is None:
            continue
        corner = _CORNER_UNIT.sub("", corner).strip()
        for row in grid.rows:
            label = row.label.strip() or corner
            _, subject = role_and_subject(label, data)
            subject = subject_key(subject, data)
            if len(subject) < 2:
                continue
            for column, kind, cell in zip(grid.columns, grid.kinds, row.cells, strict=False):
                if kind != "year" or cell is None or cell.value is None:
                    continue
                year = _COLUMN_YEAR.search(column)
                role, _ = role_and_subject(column, data)
                if year is None or role not in ("决算", "预算", "执行", "年初预算", "调整后"):
                    continue
                if prose is None:
                    prose = [
                        f for f in prose_money(context) if f.subject and not f.per_unit and f.parent is None
                    ]
                stated = [
                    f
                    for f in prose
                    if f.role == role
                    and f.unit == unit.group(1)
                    and (f.year or fiscal_year) == year.group(1)
                    and subject_key(f.subject, data) == subject
                ]
                if len({f.value for f in stated}) != 1:
                    continue
                figure = stated[0]
                if abs(figure.value - cell.value) <= cell.half + figure.half / MONEY_UNITS[figure.unit]:
                    continue
                findings.append(
                    context.finding(
                        "quantity.conflict",
                        WARNING,
                        f"“{label}”{column}表中为{cell.text}{figure.unit}，正文写{_show(figure)}"
                        f"（{context.report.section_at(figure.start)}），前后不一致",
                        figure.start,
                        figure.end,
                        expected=f"{cell.text}{figure.unit}",
                        found=_show(figure),
                    )
                )
    return findings


_TOTAL_AMOUNTS = words("rules_figures.total_amounts")
# the subject of a source's money (中央财政补助, 省级专项, 县级配套): a level of government, then what
# kind of money it is
_FUND_SOURCE = re.compile(
    "(?:"
    + "|".join(words("rules_figures.fund_levels"))
    + ")(?:财政)?(?:"
    + "|".join(words("rules_figures.fund_kinds"))
    + ")?"
)
_HEAD_NUMBER = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])"
)


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _evaluated_year(context: CheckContext) -> str:
    """The year the report evaluates: context.fiscal_year ('2023年度'), else the year its title
    names ('阜平县2023年农村义务教育学生营养改善计划项目支出绩效自评报告')."""
    found = context.memo.get("rules_figures.evaluated_year")
    if found is None:
        found = context.fiscal_year or ""
        if not found:
            for line in title_lines(context.report.text):
                if "报告" not in line:
                    continue
                year = _TITLE_YEAR.search(line)
                if year is not None:
                    found = year.group(1)
                    break
        context.memo["rules_figures.evaluated_year"] = found
    return found


def _total_amount(context: CheckContext, fig: Fig) -> tuple | None:
    """A candidate of check_same_quantity for a total that names no stage ('项目资金总额',
    '上年结转资金'), keyed by what it is a total of: the project its label names before the word,
    else the project its heading names ('(一)宾居河综合治理项目'), else the report's own."""
    label = fig.raw_label
    word = next(w for w in _TOTAL_AMOUNTS if fig.label.endswith(w))
    if word not in label:
        return None  # (a label that reads so only once cut to its subject)
    role = "结转" if "结转" in word else "总额"
    name = _LABEL_HEAD.sub("", label[: label.rfind(word)]).strip("(（ ")
    name = name.removeprefix("其中").removesuffix("计划")  # ('项目计划总投资': the project's total)
    if name.endswith("项目") and len(name) > 2 and name not in _OWN_PROJECT:
        pass  # a project named in the label
    elif name in ("", *_OWN_PROJECT):
        name = _section_topic(context, fig.start)
        if not name.endswith("项目"):
            name = ""  # (the topics of section_topics are parts of a department's money)
        name = _HEAD_NUMBER.sub("", name)
    else:
        return None  # '中央资金总额', '某乡资金总额': a part's total, another figure
    year = "" if fig.year == _evaluated_year(context) else fig.year
    shown = name + ("上年结转" if role == "结转" else "总投资" if "投资" in word else "资金总额")
    group = (year, shown, role, "")
    return (fig, shown, False, shown, year, "", group)


# an item the line is about ('公务接待费：', '（二）乡村公路日常养护：'), not a heading-like lead
# ('4.收支决算情况：')
_LINE_LEAD = re.compile(
    r"(?:\d{1,2}[.、]|[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、)?"
    r"(?P<name>[\u4e00-\u9fff()“”]{2,16}?)(?<!情况)(?<!说明)(?<!概况)(?<!分析)(?<!评价)(?<!结论):"
)


# what the figure table leaves of the sentence at the head of a label: a heading's number run into
# it ('(二)项目调整后预算', '一是年初部门预算'), a clause of what was done first ('年中争取上级资金后
# 调整后预算'), the year's end it is dated at ('截至年底已支出', '截至2023年12月31日实际支出')
_LABEL_NUMBER = re.compile(r"^[(（]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})(?:[)）、.．]|是)")
_DONE_FIRST = re.compile(r"^[\u4e00-\u9fff“”\"]{2,24}?(?<!调整)后(?=调整|年初|决算|实际|全年)")
_YEAR_END_LEAD = re.compile(r"^(?:截至|截止|至)?(?:本年|全年|当年)?(?:年底|年末|期末)")
_MEANS = re.compile(r"^(?:已|均已|全部)?(?:通过|经由|依托|借助|利用)")
_OWN_PROJECT = ("本项目", "该项目", "项目")
_NUMERALS = "一二三四五六七八九十0123456789"
_PROJECT_STAGES = ("年初", "调整", "预算", "批复", "累计", "实际", "资金", "总")


def _own_label(context: CheckContext, fig: Fig) -> str | None:
    """The label of ``fig`` without what its sentence left at its head (_LABEL_NUMBER, _DONE_FIRST,
    _YEAR_END_LEAD), without the means it was paid through ('已通过…“一卡通”发放补贴' → '发放补贴'),
    and, in a project's report, without the project itself ('项目年初预算' → '年初预算'); None when
    nothing is taken off."""
    label = fig.label
    head = _LABEL_NUMBER.match(label)
    if head is not None:
        label = label[head.end() :]
    numbered = head is None and _LABEL_NUMBER.match(fig.raw_label) and fig.subject[:1] in _NUMERALS
    # ('一是年初部门预算': the label lost the number, its subject kept it)
    done = _DONE_FIRST.match(label)
    if done is not None:
        label = label[done.end() :]
    if label.startswith("日") and fig.quantity is not None:
        opening = fig.start - len(fig.quantity.raw_label) + fig.quantity.raw_label.find("日")
        if context.report.text.endswith("12月31", max(0, opening - 6), opening):
            label = label[1:]  # '截至2023年12月31日实际支出': the year's
    dated = _YEAR_END_LEAD.match(label)
    if dated is not None:
        label = label[dated.end() :]
    if _MEANS.match(label):
        verbs = list(_role_words(context.data).any_role.finditer(label))
        if verbs:
            label = label[verbs[-1].start() :]
    if context.report_type.code == "xiangmu":
        own = next((w for w in _OWN_PROJECT if label.startswith(w)), None)
        if own is not None and label.startswith(_PROJECT_STAGES, len(own)):
            label = label[len(own) :]  # (not '项目支出', a part of a body's money)
    label = label.lstrip("已")
    return label if label and (label != fig.label or numbered) else None


def _line_lead(text: str, position: int) -> str:
    """The name before a colon that opens the line of ``position`` ('公务接待费：预算…'), or ""."""
    start = text.rfind("\n", 0, position) + 1
    match = _LINE_LEAD.match(text, start, position)
    return match.group("name") if match else ""


def _counted_before(context: CheckContext, fig: Fig, clause: bool = False) -> bool:
    """A count stands before the figure in its clause group (back to the sentence's start), or
    in its own clause (back to the last mark)."""
    text = context.report.text
    start = last_mark(text, ",:：，。;；\n" if clause else "。;\n", 0, fig.start) + 1
    return any(q.kind == "count" for q in context.report.quantities_between(start, fig.start))


_WHOLE_BODY = words("rules_figures.whole_body")
_TIME_SUBJECTS = frozenset(words("rules_figures.time_subjects"))
_WHOLE_SPENDING_WORDS = words("rules_figures.whole_spending_words")
_LOOSE_SPENDING_WORDS = words("rules_figures.loose_spending_words")


def _spending_of_the_whole(label: str, more: tuple[str, ...] = ()) -> bool:
    """The label names the body's whole spending ('整体支出决算数', '决算支出合计', '总支出') and
    nothing narrower ('基本支出'); with ``more`` words taken off too ('共完成支出')."""
    for word in _WHOLE_SPENDING_WORDS:
        label = label.replace(word, "")
    for word in more:
        label = label.replace(word, "")
    return label == "支出"


def _near(first: Fig, fig: Fig) -> bool:
    """Two amounts within a tenth of each other: a figure misstated ('4,318.45' and '4,381.45'),
    not the spending of two items ('18.00' and '28.00')."""
    return abs(first.base - fig.base) * 10 <= max(first.base, fig.base)


def _unit_slip(first: Fig, fig: Fig) -> tuple[Fig, Fig] | None:
    """'全年预算数2089元' beside '全年预算资金2089万元': one number, two units — the one in the
    smaller unit (元 among 万元) is the slip. Returns (the slip, the other) or None."""
    if first.quantity is None or fig.quantity is None or first.unit == fig.unit:
        return None
    if first.quantity.value != fig.quantity.value:
        return None
    return (first, fig) if first.base < fig.base else (fig, first)


_NOT_A_LEVEL = words("rules_figures.not_a_level")
_NOT_A_LEVEL_WORD = re.compile("|".join(map(re.escape, _NOT_A_LEVEL)))  # any of them, in one call
# a paragraph that opens with a place ('青阳县申请基础养老金补贴…') speaks of that place
_PLACE_OPENING = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治县|县|区|市|旗|镇|乡|街道|村|社区)")


def _place_of(context: CheckContext, position: int) -> str:
    paragraph = context.report.paragraph_at(position)
    if paragraph is None:
        return ""
    opening = _PLACE_OPENING.match(paragraph.text.lstrip())
    if opening is None or opening.group() in _title_openings(context):
        return ""  # the report's own unit at the head of a paragraph is the whole body
    return opening.group()


def _title_openings(context: CheckContext) -> tuple[str, ...]:
    """The places the report's title lines (:func:`title_lines`) open with: its own unit."""
    openings = context.memo.get("rules_figures.title_openings")
    if openings is None:
        found = (_PLACE_OPENING.match(line) for line in title_lines(context.report.text))
        openings = context.memo["rules_figures.title_openings"] = tuple(m.group() for m in found if m)
    return openings


def _parts_of_other_totals(context: CheckContext, first: Fig, fig: Fig) -> bool:
    """'一批项目投资3374.3万元(其中建筑工程3292万元)，二批项目投资2069.51万元(其中建筑工程1975.775万元)':
    the same label listed under two totals of different subjects or roles is two quantities."""
    if first.parent is None or fig.parent is None or first.parent == fig.parent:
        return False
    a, b = context.figures.figs[first.parent], context.figures.figs[fig.parent]
    return (a.subject, a.role) != (b.subject, b.role) and a.base != b.base


_ITEM_HEAD = re.compile(
    r"\s*(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）])"
)
_ITEM_NAME_END = re.compile(r"[,，:：;；。]")
_PROJECT_WORDS = words("rules_figures.project_words")


def _item_name(context: CheckContext, position: int) -> str | None:
    """The name a list item opens with (“2、某村旅游市场建设项目,新建…” → “某村旅游市场建设项目”),
    when that name is a project's."""
    paragraph = context.report.paragraph_at(position)
    if paragraph is None:
        return None
    head = _ITEM_HEAD.match(paragraph.text)
    if head is None:
        return None
    end = _ITEM_NAME_END.search(paragraph.text, head.end())
    name = paragraph.text[head.end() : end.start() if end else len(paragraph.text)]
    if len(name) > 40 or position < paragraph.start + head.end() + len(name):
        return None
    return name if name.endswith(_PROJECT_WORDS) else None


def _items_of_two_projects(context: CheckContext, first: Fig, fig: Fig, works: bool = True) -> bool:
    """Figures in two numbered items that each open with a different project's name (“1、甲村道路
    建设项目,…下达197万元”, “2、乙村市场建设项目,…下达108万元”) are two projects' figures; so are
    figures in two paragraphs that name different works (“…--功能室改造工程-…中央10万元”, “…--校门
    改造工程-…中央10万元”: one allocation a line)."""
    a = _item_name(context, first.start)
    b = _item_name(context, fig.start)
    if a is not None and b is not None and a != b:
        return True
    if not works:
        return False  # the body's whole spending is no one work's, whatever works its paragraphs name
    works_a, works_b = _works_named(context, first.start), _works_named(context, fig.start)
    return bool(works_a) and bool(works_b) and not works_a & works_b


_WORKS = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fff()]{1,15}?(?:工程|项目)(?![\u4e00-\u9fff]{0,2}(?:资金|经费|支出|预算))"
)
_CLAUSE_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?")


def _dated_apart(context: CheckContext, first: Fig, fig: Fig) -> bool:
    """The two figures stand in clauses that open with two different dates (年月): two events."""
    dates = [_clause_date(context.report.text, f.start) for f in (first, fig)]
    return all(dates) and dates[0] != dates[1]


def _clause_date(text: str, position: int) -> str:
    start = last_mark(text, "。;\n", 0, position) + 1
    found = _CLAUSE_DATE.findall(text, start, position)
    return found[-1] if found else ""


def _works_named(context: CheckContext, position: int) -> frozenset[str]:
    paragraph = context.report.paragraph_at(position)
    if paragraph is None:
        return frozenset()
    # '(一)宾居河综合治理项目': the heading's number is no part of the name
    return frozenset(_WORK_NUMBER.sub("", name) for name in _WORKS.findall(paragraph.text))


_WORK_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}[)）]")


_INLINE_ITEM = re.compile(
    r"(?:^|(?<=[,;:。，；：\s]))(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[,，是])"
)


def _inline_item(context: CheckContext, position: int) -> int | None:
    """Where the item of an inline enumeration that ``position`` stands in opens (“一是…；二是…；
    三是…” within one paragraph), or None."""
    paragraph = context.report.paragraph_at(position)
    if paragraph is None:
        return None
    last = None
    for match in _INLINE_ITEM.finditer(context.report.text, paragraph.start, position):
        last = match.start()
    return last


def _two_inline_items(context: CheckContext, first: Fig, fig: Fig) -> bool:
    """“一是学前教育…合计75万元，已于本年度支出75万元；二是小学教育…支出676.47万元”: the same
    wording in two items of one enumeration speaks of two things."""
    a = _inline_item(context, first.start)
    b = _inline_item(context, fig.start)
    return a is not None and b is not None and a != b


def _section_topic(context: CheckContext, position: int) -> str:
    """The part of the money a heading names (专项, 项目支出, 三公 …), or "" for the whole body."""
    path = context.report.section_at(position)
    # a heading naming one project ('（一）残疾儿童康复救助项目。') is the topic of its bare '支出…'
    for part in reversed(path.split(" > ")):
        if part.rstrip("。.:：").endswith("项目") and len(part) > 4:
            return part.rstrip("。.:：")
    topics = context.data.wording.get("section_topics") or ()
    return next((topic for topic in topics if topic in path), "")


def _smaller_unit(first: Fig, fig: Fig) -> Quantity | None:
    """The quantity of the two printed in the smaller unit (万元 of 万元 and 亿元): the difference of
    9.67亿元 and 96,372.48万元 reads as 327.52万元, not 0.03亿元."""
    if first.quantity is None or fig.quantity is None:
        return fig.quantity
    return min((fig.quantity, first.quantity), key=lambda q: MONEY_UNITS.get(q.unit, Decimal(1)))


def _show(fig: Fig) -> str:
    return f"{plain(fig.value) if fig.quantity is None else fig.quantity.text}{fig.unit}"


_DOC_NUMBER_TAIL = re.compile(r"[\u4e00-\u9fff]{2}[〔【\[(（]\d{4}[〕】\])）]\d{1,4}$")
_ALLOCATION = words("rules_figures.allocation")


class _Span(NamedTuple):
    first: int
    last: int

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


def _document_allocations(context: CheckContext) -> list[Finding]:
    """One document (呼财农指【2023】41号) cited in two sentences that each state the one amount it
    allocated (下达/拨付/安排) — the two amounts must agree."""
    report = context.report
    text = report.text
    by_number: dict[str, Fig] = {}
    findings = []
    figures = context.figures
    for at in scan.places_of(text, "号", report.places):
        match = _DOC_NUMBER_TAIL.search(text, max(0, at - 14), at)
        if match is None:
            continue
        match = _Span(match.start() + 2, at + 1)
        end = text.find("。", match.end())
        end = len(text) if end < 0 else end
        sentence = text[match.end() : end]
        if not any(word in sentence for word in _ALLOCATION) or "其中" in sentence:
            continue
        amounts = [
            figures.of(q)
            for q in report.quantities_between(match.end(), end)
            if q.kind == "money" and q.role == "level" and not q.approx
        ]
        amounts = [a for a in amounts if a is not None and not a.per_unit]
        if len(amounts) != 1:
            continue
        number = text[match.start() - 2 : match.end()]  # '农指【2023】41号'
        first = by_number.get(number)
        if first is None:
            by_number[number] = amounts[0]
            continue
        fig = amounts[0]
        if first.start != fig.start and abs(first.base - fig.base) >= first.half + fig.half:
            findings.append(
                context.finding(
                    "quantity.conflict",
                    WARNING,
                    f"同一文件{number}下达的金额前后不一致：前面写{_show(first)}，这里写{_show(fig)}",
                    fig.start,
                    fig.end,
                    expected=_show(first),
                    found=_show(fig),
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Balances: available − spent = balance


@rule(
    "balance.identity",
    "结余与“收入（含上年结转、其他资金）− 支出”是否相符；年初结转结余＋本年收入＝本年支出＋年末结转结余",
)
def check_balance(context: CheckContext) -> list[Finding]:
    """In one section: one income total (plus 上年结转 / 其他资金来源 when stated), one spending
    total and one stated balance (结余, 结转结余, 未支 …). income + add-ons − spending must equal the
    balance within the rounding envelope. Parts listed under a total are not totals. Canonical
    labels (收入合计, 支出合计, 年末结转结余) make a mismatch an error, other labels a warning."""
    spec = context.data.identities.get("balance") or {}
    words = context.data.once(_balance_words)
    if not spec:
        return []
    findings = []
    figs = prose_money(context)
    if not any(_balance_kind(f, words) == "balance" for f in figs):
        # no stated balance in the prose: no group has the one it needs (the sections not read)
        return _year_identity(context, figs, spec, set())
    sections: dict[tuple[int, int], list[Fig]] = {}
    for fig in figs:
        sections.setdefault(section_span(context.report, fig.start), []).append(fig)
    canonical_words = tuple(spec.get("canonical") or ())
    for group in sections.values():
        kinds = {id(f): _balance_kind(f, words) for f in group}
        balances = [f for f in group if kinds[id(f)] == "balance"]
        if len(balances) > 1:
            # '年末结转结余151,027.54元。…全年项目预算456,000.00元,实际支出409,460.00元,项目结余
            # 36,540.00元': several balances in a section, each read with its own sentence
            findings.extend(
                finding
                for balance in balances
                if (finding := _sentence_balance(context, balance, group, kinds)) is not None
            )
            continue
        if len(balances) != 1:
            continue
        balance = balances[0]
        tops = [
            f
            for f in group
            if f is not balance and (f.parent is None or f.parent == _index(context, balance))
        ]
        if _weak_balance(balance, spec):
            # '剩余36,820元', '尚有66.20万元': a remainder of the sentence's own budget and spending only
            sentence = last_mark(context.report.text, "。\n", 0, balance.start) + 1
            tops = [f for f in tops if f.start >= sentence]
        incomes = [f for f in tops if kinds[id(f)] == "income" and f.start < balance.start and not f.per_unit]
        if incomes:
            # '财政拨款55.00万元，其他收入5.00万元，共计60.00万元': an income listed before the list's
            # sum stands for the sum
            incomes = list(
                {id(f): f for f in (_listed_sum_after(context, f, group) or f for f in incomes)}.values()
            )
        spends = [f for f in tops if kinds[id(f)] == "spent" and f.start <= balance.start and not f.per_unit]
        add_ons = [f for f in tops if kinds[id(f)] == "add_on" and f.start < balance.start]
        canonical_balance = bool(_canonical([balance], canonical_words))
        own_spends = spends
        chapter_wide = False
        if not incomes and (spends or canonical_balance) and not _weak_balance(balance, spec):
            # '（一）预算情况…调整后预算…（二）执行情况…支出…，年末结转结余…': the income of the
            # balance in an earlier section of the same chapter (whole amounts only)
            low, _ = major_section_span(context.report, balance.start, max_rank=1)
            earlier = [
                f
                for f in figs
                if low <= f.start < balance.start
                and f.parent is None
                and not f.subject
                and f not in group
                and not f.per_unit
            ]
            earlier_kinds = [(_balance_kind(f, words), f) for f in earlier]
            incomes = [f for kind, f in earlier_kinds if kind == "income"]
            add_ons = add_ons or [f for kind, f in earlier_kinds if kind == "add_on"]
            # '支出合计412.58万元。1.基本支出…2.项目支出173.84万元。年末结转结余…': the balance stands
            # in the section of the last part; the spending total stated before is its spending
            total_spent = _canonical([f for kind, f in earlier_kinds if kind == "spent"], canonical_words)
            if total_spent and not _canonical(spends, canonical_words):
                spends = total_spent
            if own_spends == [] and canonical_balance:
                # '(一)收入情况 收入合计…另有年初结转和结余…(二)支出情况 支出合计…(三)结转结余情况
                # 年末结转和结余…': a canonical balance alone in its section: the chapter's income total
                # and every carried-in balance stated in the chapter (also one that follows a 其中 list)
                incomes = _canonical(incomes, canonical_words)
                add_ons = add_ons or [
                    f
                    for f in figs
                    if low <= f.start < balance.start
                    and not f.per_unit
                    and _balance_kind(f, words) == "add_on"
                ]
                if not add_ons:
                    continue  # no balance carried in stated: income − spending is not the year's end balance
                chapter_wide = True
        # '调整后预算104.7万元…全年收入104.7万元': one amount under two labels is one income
        incomes, spends = _one_amount(incomes), _one_amount(spends)
        # '收入合计…支出合计…，年末结转结余…' beside 三公经费支出, 政府采购支出: the canonical pair
        if len(incomes) > 1 or len(spends) > 1:
            incomes = _one_amount(_canonical(incomes, canonical_words)) if len(incomes) > 1 else incomes
            spends = _one_amount(_canonical(spends, canonical_words)) if len(spends) > 1 else spends
        if not incomes and not own_spends:
            # '项目结余资金139.43万元' in prose, the year's budget and spending only in the form's
            # total row ('| 年度资金总额 | 5,120.00 | 5,386.42 | 5,256.99 |')
            finding = _form_balance(context, balance, spec)
            if finding is not None:
                findings.append(finding)
            continue
        if len(incomes) != 1 or len(spends) != 1 or (spends[0].base == 0 and incomes[0].base == 0):
            continue
        income, spent = incomes[0], spends[0]
        if any(f.parent is not None for f in (income, spent)):
            continue
        if not balance.subject and spent.subject.strip("和及与") in _PART_SPENDING:
            continue  # '全年支出由人员经费…和项目支出A三部分构成': a part's spending, not the body's
        available = income.base + sum((f.base for f in add_ons), ZERO)
        expected = available - spent.base
        envelope = income.half + spent.half + balance.half + sum((f.half for f in add_ons), ZERO)
        if abs(expected - balance.base) < envelope:
            continue
        sources = [income, *add_ons]
        if chapter_wide:
            # the balance carried in, found in another section, may be within the income total already
            # (收入总计 = 本年收入 + 上年结转): the nearer of the two readings is the one reported
            without = income.base - spent.base
            if abs(without - balance.base) < income.half + spent.half + balance.half:
                continue
            if abs(without - balance.base) < abs(expected - balance.base):
                sources, expected = [income], without
        canonical = tuple(spec.get("canonical") or ())
        strong = any(w in f.label for f in (income, spent, balance) for w in canonical)
        findings.append(
            _balance_finding(context, ERROR if strong else WARNING, sources, spent, balance, expected)
        )
    reported = {finding.location.start for finding in findings}
    findings.extend(
        finding
        for balance in figs
        if balance.start not in reported
        and (finding := _nearby_balance(context, balance, figs, spec, words)) is not None
    )
    reported = {(finding.location.start, finding.location.end) for finding in findings}
    findings.extend(_year_identity(context, figs, spec, reported))
    if context.report_type.code == "xiangmu":
        findings.extend(_project_balance(context, figs, spec, words, reported))
    return findings


# the spending of a part of the body's money, never its whole spending
_PART_SPENDING = frozenset(("项目支出", "基本支出", "人员经费", "公用经费", "日常公用经费", "经营支出"))


# ---------------------------------------------------------------------------------------------
# The year's identity over the whole document: 年初结转结余 + 本年收入 − 本年支出 = 年末结转结余,
# each member read wherever the report states it — a sentence, a '| 名称 | 数 |' row, a table of one
# cell a line, or a row of a table whose columns are the four members


class _Cell(NamedTuple):
    label: str
    base: Decimal
    half: Decimal
    printed: str
    unit: str
    start: int
    end: int


_CELL_NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<u>亿元|万元|元)?"
_UNIT_NOTE = re.compile(r"(?:单位[:：]\s*|[（(])(?P<u>亿元|万元|元)[)）]?")


def _year_words(data) -> re.Pattern:
    """One pattern for every word of a member of the year's identity (made once per data)."""
    spec = data.identities.get("year_identity") or {}
    found = {
        w
        for m in ("end", "carried", "income", "spent", "available")
        for p in spec.get(m) or ()
        for w in p.split("+")
    }
    return re.compile(literal_trie(sorted(found)) if found else "(?!)")


def _member_of_year(label: str, spec: dict) -> str | None:
    """carried / income / spent / end: the member of the year's identity a whole body's label names
    (year_identity in identities.yaml), or None (a part's label, a previous year's figure …)."""
    if any(word in label for word in spec.get("not_whole") or ()):
        return None
    for member in ("end", "carried", "income", "spent", "available"):
        for pair in spec.get(member) or ():
            if all(word in label for word in pair.split("+")):
                return member
    return None


def _table_unit_before(text: str, position: int) -> str | None:
    """The unit a table's caption or header states ('（单位：元）', '表1 …（万元）'), within the
    few lines before ``position``."""
    low = max(0, position - 400)
    found = list(_UNIT_NOTE.finditer(text, low, position))
    return found[-1].group("u") if found else None


def _year_cells(context: CheckContext, spec: dict, places: list[re.Match]) -> list[tuple[str, _Cell]]:
    """The members of the year's identity stated in table cells: '| 年末结转结余 | 1,805.89 |', a name
    and its number on two lines of a table of one cell a line ('年末结转和结余\n2,903,236.75'); read
    only at the places of the members' words (``places``)."""
    text = context.report.text
    found = []
    done = -1
    for word in places:
        if word.start() < done:
            continue
        cell_start = max(text.rfind("\n", 0, word.start()), text.rfind("|", 0, word.start())) + 1
        head = text[cell_start : word.start()]
        if len(head) > 10 or any(ch.isdigit() for ch in head):
            continue
        match = _YEAR_CELL_TAIL.match(text, word.end())
        if match is None:
            continue
        done = match.end()
        label = (head + word.group(0) + match.group("rest")).strip()
        member = _member_of_year(label, spec)
        if member is None:
            continue
        unit = match.group("u") or _table_unit_before(text, cell_start)
        if unit is None:
            continue
        number = match.group("n")
        scale = MONEY_UNITS[unit]
        value = Decimal(number.replace(",", ""))
        cell = _Cell(
            label, value * scale, printed_half(number) * scale, number, unit, match.start("n"), match.end("n")
        )
        found.append((member, cell))
    return found


# after a member's word: the rest of its cell, then the next cell ('|') or line, which is a number
_YEAR_CELL_TAIL = re.compile(
    r"(?P<rest>[^|\n\d]{0,8}?)[ \t]*(?:\|[ \t]*|\n[ \t]*)" + _CELL_NUMBER + r"[ \t]*(?=\||\n|$)"
)


def _year_identity(
    context: CheckContext, figs: list[Fig], spec: dict, reported: set[tuple[int, int]]
) -> list[Finding]:
    """年初结转结余 + 本年收入 − 本年支出 = 年末结转结余 of the whole body, each member stated with one
    value only (in sentences and tables alike; two different values of a member: no reading), and
    each row of a table whose columns are the four members."""
    year = context.data.identities.get("year_identity") or {}
    text = context.report.text
    if not year or not any(word in text for word in year.get("end_words") or ()):
        return []
    places = list(context.data.once(_year_words).finditer(text))
    if not places:
        return []
    findings = _year_table_rows(context, year, places)
    members: dict[str, list] = {"carried": [], "income": [], "spent": [], "end": [], "available": []}
    within: set[int] = set()  # the carry-overs stated as parts of a total
    words = context.data.once(_year_words)
    every = context.figures.figs
    for fig in figs:  # (the prose's amounts, none approximate)
        if fig.per_unit:
            continue
        label = fig.raw_label
        if not label.strip("（( "):
            index = _index(context, fig)
            label = _restated_label(text, fig, every[index - 1] if index else None)
        if not words.search(label):
            continue
        member = _member_of_year(label, year)
        if member is None or (fig.parent is not None and member not in ("carried", "end")):
            # a part is no member, except the carry-over listed among the income's parts and the
            # year-end balance a list of the spending's parts ran on into ('其中基本支出…、项目支出…，
            # 预算执行率94.50%，年末结转结余52.92万元': no balance is a part of the spending)
            continue
        if fig.parent is not None:
            within.add(fig.start)  # (the income then holds it: income − spending is the reading)
        sentence = text[last_mark(text, "。\n", 0, fig.start) + 1 : fig.start]
        heading = context.report.section_at(fig.start).rsplit(" > ", 1)[-1]
        # (a sentence naming a part anywhere, even as an item with its amount: '其中基本支出…、项目支出…，
        # 年末结转结余…' was read as the whole's balance once and drew a false error on a real report)
        if any(word in sentence or word in heading for word in year.get("scope_words") or ()):
            continue  # '项目支出方面，上年结转10,000.00元…': the money of a part
        members[member].append(
            _Cell(
                label.strip("（( ").removesuffix("约"),
                fig.base,
                fig.half,
                fig.quantity.text if fig.quantity else plain(fig.value),
                fig.unit,
                fig.start,
                fig.end,
            )
        )
    for member, cell in _year_cells(context, year, places):
        members[member].append(cell)
    if not members["spent"]:
        # the year's spending only in the form's total row ('合计 798.20 842.15 799.63 94.95%')
        members["spent"] = _form_total_spending(context)
    sole_source = not members["income"]
    if sole_source:
        # no income of the whole body named: its one source, when the report names no other income
        # ('本年财政拨款收入1,286.45万元' and no 事业收入, 其他收入 …), a warning (there may be others)
        members["income"] = _sole_income(context, figs, year)
    chosen = {}
    # the money of the year read as the balance carried in and the year's income, or, failing
    # those, as the money available ('可用资金合计24,775.88万元': the two together)
    sources = ("carried", "income") if members["carried"] and members["income"] else ("available",)
    for member in (*sources, "spent", "end"):
        cells = members[member]
        if not cells:
            return findings
        first = cells[0]
        if any(abs(c.base - first.base) >= c.half + first.half for c in cells):
            return findings  # one member stated with two values: not one year's reading
        chosen[member] = min(cells, key=lambda c: c.half)
    if "available" in chosen:
        chosen["carried"] = _Cell("", ZERO, ZERO, "", "", chosen["available"].start, chosen["available"].end)
        chosen["income"] = chosen["available"]
    carried, income, spent = chosen["carried"], chosen["income"], chosen["spent"]
    ends = members["end"]
    spans = reported | {(f.location.start, f.location.end) for f in findings}
    if any(_overlaps(c, spans) for c in ends):
        return findings
    end = min(ends, key=lambda c: c.half)
    if carried.start in within:  # '收入合计A，分别为财政拨款B、上年结转C': A holds C
        carried = _Cell("", ZERO, ZERO, "", "", carried.start, carried.end)
    expected = carried.base + income.base - spent.base
    envelope = carried.half + income.half + spent.half + end.half
    if abs(expected - end.base) < envelope:
        return findings
    if abs(income.base - spent.base - end.base) < envelope - carried.half:
        return findings  # ('收入合计' that holds the balance carried in already)
    at = ends[-1]
    findings.append(
        context.finding(
            "balance.identity",
            WARNING if sole_source and members["income"] else ERROR,
            f"年末结转结余与收支不符：{_stated(carried) + '+' if carried.label else ''}{_stated(income)}"
            f"−{_stated(spent)}={_in_unit(expected, end.unit)}，而“{end.label}”为{_stated(end, False)}，"
            f"相差{_in_unit(abs(expected - end.base), end.unit)}",
            at.start,
            at.end,
            expected=_in_unit(expected, end.unit),
            found=_stated(end, False),
        )
    )
    return findings


def _sole_income(context: CheckContext, figs: list[Fig], year: dict) -> list[_Cell]:
    """The statements of the body's one income (a label with 收入 that names a source, 财政拨款收入)
    when every income the report states is that one amount; [] otherwise."""
    incomes = [
        f
        for f in figs
        if "收入" in f.raw_label
        and f.parent is None
        and not f.per_unit
        and not any(word in f.raw_label for word in ("其中", "较上年", "比上年", "同比", "上年同期", "预算"))
    ]
    if not incomes or len({f.base for f in incomes}) != 1:
        return []
    return [
        _Cell(
            f.raw_label.strip(),
            f.base,
            f.half,
            f.quantity.text if f.quantity else plain(f.value),
            f.unit,
            f.start,
            f.end,
        )
        for f in incomes
    ]


def _form_total_spending(context: CheckContext) -> list[_Cell]:
    """The 执行数 of the total row (合计, 年度资金总额 …) of a table that has such a column and row (of
    several, the largest: the whole money's), in the unit its caption names; [] when there is none."""
    totals = tuple((context.data.identities.get("balance") or {}).get("form_total_rows") or ())
    found = []
    for table in context.tables:
        column = table.column("执行数")
        if column is None:
            continue
        for row in table.labelled_rows(totals):
            cell = row.cell(column)
            if cell is not None and cell.value is not None:
                found.append((table, row, cell, column))
                break
    if not found:
        return []
    # several such tables: the whole's (a table of the projects totals a part of the spending, less)
    table, row, cell, column = max(found, key=lambda item: item[2].value)
    unit = _table_unit(context.report, table.start)
    if unit is None or cell.unit:
        return []
    scale = MONEY_UNITS[unit]
    label = f"{row.label}{table.columns[column]}"
    return [_Cell(label, cell.value * scale, cell.half * scale, cell.text, unit, cell.start, cell.end)]


def _restated_label(text: str, fig: Fig, previous: Fig | None) -> str:
    """A figure's label, or, for an amount restated in brackets right after another ('决算支出约4.37亿元
    （43,702.15万元）'), the label of the amount it restates."""
    label = fig.raw_label
    if (
        not label.strip("（( ")
        and previous is not None
        and text[previous.end : fig.start].strip() in ("（", "(")
    ):
        return previous.raw_label
    return label


def _overlaps(place, spans: set[tuple[int, int]]) -> bool:
    """True when a figure or cell stands within the span of a finding already made."""
    return any(start < place.end and place.start < end for start, end in spans)


_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _stated(cell: _Cell, labelled: bool = True) -> str:
    """A member of the identity as the message shows it: its label, then its figure grouped by
    thousands as the recomputation is ('上年结转结余1,236.45万元'), whether the text wrote the commas
    (a table cell) or not (the prose, as normalised)."""
    digits = cell.printed.replace(",", "")
    grouped = f"{Decimal(digits):,}" if _PLAIN_NUMBER.fullmatch(digits) else cell.printed
    figure = f"{grouped}{cell.unit}"
    return f"{cell.label}{figure}" if labelled else figure


def _in_unit(value: Decimal, unit: str) -> str:
    return f"{round_half_up(value / MONEY_UNITS[unit], 2):,.2f}{unit}"


def _year_table_rows(context: CheckContext, year: dict, places: list[re.Match]) -> list[Finding]:
    """'|项目|年初结转结余|本年收入|本年支出|年末结转结余|' and its rows: each row's four cells (the
    header found from the places of the members' words, ``places``)."""
    text = context.report.text
    findings = []
    lines = []
    for word in places:
        line_start = text.rfind("\n", 0, word.start()) + 1
        if text.startswith("|", line_start) and (not lines or lines[-1] != line_start):
            lines.append(line_start)
    for line_start in lines:
        header = _PIPE_LINE.match(text, line_start)
        if header is None:
            continue
        cells = [c.strip() for c in header.group(0).strip().strip("|").split("|")]
        columns = {}
        for index, cell in enumerate(cells):
            member = _member_of_year(cell, year)
            if member is not None and member not in columns:
                columns[member] = index
        if len(columns) != 4:
            continue
        unit = _table_unit_before(text, header.start()) or _table_unit_before(text, header.end())
        position = header.end()
        while (row := _PIPE_LINE.match(text, position + 1)) is not None:
            position = row.end()
            values = [c.strip() for c in row.group(0).strip().strip("|").split("|")]
            if len(values) != len(cells):
                break
            numbers = {}
            for member, index in columns.items():
                match = re.fullmatch(_CELL_NUMBER, values[index])
                if match is None:
                    break
                cell_unit = match.group("u") or unit
                if cell_unit is None:
                    break
                scale = MONEY_UNITS[cell_unit]
                numbers[member] = (
                    Decimal(match.group("n").replace(",", "")) * scale,
                    printed_half(match.group("n")) * scale,
                    match.group("n"),
                    cell_unit,
                )
            if len(numbers) != 4:
                continue
            expected = numbers["carried"][0] + numbers["income"][0] - numbers["spent"][0]
            envelope = sum((n[1] for n in numbers.values()), ZERO)
            end = numbers["end"]
            if abs(expected - end[0]) < envelope:
                continue
            at = _cell_start(row, columns["end"] + 1)
            name = values[0]
            findings.append(
                context.finding(
                    "balance.identity",
                    ERROR,
                    f"“{name}”一行结余与收支不符：{cells[columns['carried']]}{numbers['carried'][2]}+"
                    f"{cells[columns['income']]}{numbers['income'][2]}−{cells[columns['spent']]}{numbers['spent'][2]}="
                    f"{_in_unit(expected, end[3])}，表中{cells[columns['end']]}为{end[2]}{end[3]}，"
                    f"相差{_in_unit(abs(expected - end[0]), end[3])}",
                    at,
                    at + len(end[2]),
                    expected=_in_unit(expected, end[3]),
                    found=f"{end[2]}{end[3]}",
                )
            )
    return findings


_PIPE_LINE = re.compile(r"(?m)^[ \t]*\|[^\n]*\|[ \t]*$")


def _cell_start(row: re.Match, index: int) -> int:
    """Where the text of the ``index``-th '|'-separated piece of a row begins (0: before the first '|')."""
    line = row.group(0)
    at = 0
    for _ in range(index):
        at = line.index("|", at) + 1
    return row.start() + at + len(line[at:]) - len(line[at:].lstrip())


def _project_balance(
    context: CheckContext, figs: list[Fig], spec: dict, words, reported: set[tuple[int, int]]
) -> list[Finding]:
    """A project's balance against its budget and its spending stated anywhere in the report
    ('项目资金预算12,846,320.00元' in the overview, '全年实际发放12,615,408.60元' in the spending
    section, '年末仍有结余资金203,911.40元' among the problems): the whole figures of the project
    (no part of a list, the project's own subject), read by their roles. Silent when any budget less
    any spending (plus a carried-in balance) fits; a warning otherwise (the reading may be wrong)."""
    year = context.data.identities.get("project_balance") or {}
    if not year:
        return []
    budget_roles = tuple(year.get("budget_roles") or ())
    whole = [
        f for f in figs if f.parent is None and not f.per_unit and f.kind == "money" and f.place != "table"
    ]
    budgets = [
        f
        for f in whole
        if (f.role in budget_roles and f.own_role and of_the_project(context, f.subject))
        # '项目资金总额303.60万元': the money available, named by no stage
        or (not f.role and f.raw_label.rstrip("为是共:").endswith(_AVAILABLE_TOTALS))
    ]
    spent = [
        f
        for f in whole
        if (
            f.own_role == "执行" and of_the_project(context, f.subject) and _balance_kind(f, words) == "spent"
        )
        or (
            f.own_role == "执行"
            and of_the_project(context, f.subject)
            and any(w in f.raw_label for w in year.get("spent_words") or ())
        )
    ]
    carried = [f for f in whole if _balance_kind(f, words) == "add_on"]
    balances = [
        f
        for f in whole
        if f.own_role == "结余"
        and _balance_kind(f, words) == "balance"
        and not _overlaps(f, reported)
        and not any(w in f.raw_label for w in year.get("not_a_balance") or ())
    ]
    if not budgets or not spent or len(balances) != 1 or len({f.base for f in spent}) > 2:
        return []
    balance = balances[0]
    rest = balance.raw_label
    for word in sorted(year.get("balance_fillers") or (), key=len, reverse=True):
        rest = rest.replace(word, "")
    if rest.strip() or not _first_in_sentence(context, balance, whole):
        return []  # '已完工项目结余资金': the balance of a part
    if any(f.start > balance.start for f in spent) and len({f.base for f in spent}) > 1:
        return []

    def fits(b: Fig, s: Fig, c: Fig | None) -> bool:
        expected = b.base - s.base + (c.base if c is not None else ZERO)
        envelope = b.half + s.half + balance.half + (c.half if c is not None else ZERO)
        return abs(expected - balance.base) < envelope

    if any(fits(b, s, c) for b in budgets for s in spent for c in [None, *carried]):
        return []
    paid = ([s for s in spent if s.start < balance.start][-1:] or spent[:1])[0]
    # the readings of the money available that cover the spending ('本年下达265.00万元' alone does not
    # cover 271.35万元 spent: with the 上年结转38.60万元 it does), the adjusted budget first, then
    # the one nearest the stated balance (the mildest claim of a gap)
    readings = [
        (b, c)
        for b in budgets
        for c in [None, *carried]
        if b.base + (c.base if c is not None else ZERO) >= paid.base
        and balance.base <= b.base + (c.base if c is not None else ZERO)
    ]
    if not readings:
        return []

    def gap(reading: tuple[Fig, Fig | None]) -> Decimal:
        b, c = reading
        return abs(b.base + (c.base if c is not None else ZERO) - paid.base - balance.base)

    budget, carried_in = min(readings, key=lambda reading: (reading[0].role != "调整后", gap(reading)))
    sources = [budget] if carried_in is None else [carried_in, budget]
    available = budget.base + (carried_in.base if carried_in is not None else ZERO)
    return [_balance_finding(context, WARNING, sources, paid, balance, available - paid.base)]


_AVAILABLE_TOTALS = tuple(word for word in _TOTAL_AMOUNTS if "结转" not in word)


def _first_in_sentence(context: CheckContext, fig: Fig, figs: list[Fig]) -> bool:
    text = context.report.text
    sentence = last_mark(text, "。\n", 0, fig.start) + 1
    return not any(sentence <= f.start < fig.start for f in figs)


_BARE_SUMS = frozenset(words("rules_sums.sum_words")) | {"共", "总共", "一共"}


def _listed_sum_after(context: CheckContext, fig: Fig, group: list[Fig]) -> Fig | None:
    """The figure of the same sentence after ``fig`` that is labelled with a sum word alone
    ('…，其他收入5.00万元，共计60.00万元'): the sum of the list ``fig`` is a member of."""
    text = context.report.text
    stop = first_mark(text, "。;\n", fig.end, len(text))
    return next(
        (
            f
            for f in group
            if fig.end <= f.start < stop
            and f.quantity is not None
            and f.quantity.kind == "money"
            and f.quantity.raw_label.strip(",:为达") in _BARE_SUMS
        ),
        None,
    )


def _nearby_balance(
    context: CheckContext, balance: Fig, figs: list[Fig], spec: dict, words
) -> Finding | None:
    """A balance the section's reading did not report (it found no single pair to read, or found
    its pair consistent: then a fitting reading is found here too), against the money before it in its own
    sentence and the one before, read by the figure table's roles, not by the labels' wording:
    the amounts available (``nearby_available_roles``, or an income word of the identity), the
    amounts spent (a label that names spending itself, or a spending word of the identity) and
    other balances carried in. Silent when any reading fits — one available
    amount (plus one carried-in balance) less one spent, two available less one spent, one
    available less two spent; otherwise the nearest available and spent amounts are reported,
    a warning (which pair the writer meant is not certain)."""
    if _balance_kind(balance, words) != "balance" or balance.per_unit or balance.parent is not None:
        return None
    if _weak_balance(balance, spec):
        return None  # ('剩余…上缴财政': a remainder of its own sentence only, read by the section's reading)
    raw = balance.raw_label
    if any(word in raw for word in spec.get("nearby_not_a_balance") or ()):
        return None
    available_roles = frozenset(spec.get("nearby_available_roles") or ())
    text = context.report.text
    sentence = last_mark(text, "。\n", 0, balance.start)  # (the stop before the balance's sentence)
    low = last_mark(text, "。\n", 0, sentence) + 1 if sentence > 0 else 0
    near = [f for f in figs if low <= f.start < balance.start and f.parent is None and not f.per_unit]
    kinds = {id(f): _balance_kind(f, words) for f in near}
    spent = [f for f in near if f.own_role == "执行" or kinds[id(f)] == "spent"]
    available = [
        f
        for f in near
        if (f.own_role in available_roles or kinds[id(f)] == "income")
        and "决算" not in f.label
        and f not in spent
    ]
    if not available or not spent:
        return None
    carried = [None, *(f for f in near if f.role == "结余" or kinds[id(f)] == "add_on")]

    def fits(plus: tuple, minus: tuple) -> bool:
        members = [f for f in (*plus, *minus) if f is not None]
        expected = sum((f.base for f in plus if f is not None), ZERO) - sum((f.base for f in minus), ZERO)
        envelope = balance.half + sum((f.half for f in members), ZERO)
        return abs(expected - balance.base) < envelope

    if (
        any(fits((a, c), (s,)) for a in available for s in spent for c in carried)
        or any(fits(pair, (s,)) for pair in combinations(available, 2) for s in spent)
        or any(fits((a,), pair) for a in available for pair in combinations(spent, 2))
    ):
        return None
    income, paid = available[-1], spent[-1]
    # '上年结转186,300.00元，本年安排600,000.00元，全年支付712,450.00元，年末结余83,850.00元': a balance
    # carried in, stated in the balance's own sentence before the spending, is one of the sources
    own = [c for c in carried[1:] if c.start > sentence and c.start < paid.start and c is not income]
    sources = [income, *own[-1:]]
    available_sum = sum((f.base for f in sources), ZERO)
    if available_sum < paid.base:
        return None  # (more spent than the nearest amount available: not the pair of this balance)
    return _balance_finding(context, WARNING, sources, paid, balance, available_sum - paid.base)


def _form_balance(context: CheckContext, balance: Fig, spec: dict) -> Finding | None:
    """A balance of the whole money ('结余资金', '项目结余资金': form_balance_labels) against the total
    row of the one table with a 全年预算 and an 执行数 column: 全年预算 − 执行数, in the table's unit
    (its caption or header), a warning (the form may count the money another way)."""
    label = balance.raw_label.strip().rstrip("为达是共:")
    for lead in (
        "截至年底",
        "截至年末",
        "年末",
        "期末",
        "年底",
        "全年",
    ):  # ('年末结余资金': the year's end is when)
        label = label.removeprefix(lead)
    if label not in (spec.get("form_balance_labels") or ()):
        return None
    totals = tuple(spec.get("form_total_rows") or ())
    rows = [
        (table, row)
        for table in context.tables
        if table.column("全年预算") is not None and table.column("执行数") is not None
        for row in table.labelled_rows(totals)
    ]
    if len(rows) != 1:
        return _accounts_balance(context, balance)
    table, row = rows[0]
    budget, spent = row.cell(table.column("全年预算")), row.cell(table.column("执行数"))
    return _table_balance(context, balance, table, budget, spent, (f"“{row.label}”全年预算", "全年执行"))


def _table_balance(
    context: CheckContext, balance: Fig, table, available, spent, names: tuple[str, str]
) -> Finding | None:
    """``balance`` against two cells of ``table`` (the money available, the money spent), in the
    table's unit; ``names``: how the message names the two cells."""
    if available is None or spent is None or available.value is None or spent.value is None or available.unit:
        return None
    unit = _table_unit(context.report, table.start)
    if unit is None:
        return None
    scale = MONEY_UNITS[unit]
    expected = (available.value - spent.value) * scale
    if expected < 0 or abs(expected - balance.base) < (available.half + spent.half) * scale + balance.half:
        return None
    like = balance.quantity
    return context.finding(
        "balance.identity",
        WARNING,
        f"结余与收支不符：表中{names[0]}{available.text}{unit}−{names[1]}{spent.text}{unit}="
        f"{amount_like(expected, like)}，而“{balance.label}”为{_show(balance)}，"
        f"相差{amount_like(abs(expected - balance.base), like)}",
        balance.start,
        balance.end,
        expected=amount_like(expected, like),
        found=_show(balance),
    )


def _accounts_balance(context: CheckContext, balance: Fig) -> Finding | None:
    """The balance against the one table of the year's accounts with a 收入合计 and a 支出合计 row
    and a column of what was done (决算数, 执行数): 收入合计 − 支出合计 in that column, in the
    table's unit, a warning (a balance carried in may stand outside the table)."""
    found = []
    for table in context.tables:
        column = table.column("执行数")
        income = table.labelled_rows(("收入合计", "收入总计"))
        spending = table.labelled_rows(("支出合计", "支出总计"))
        if column is not None and len(income) == 1 and len(spending) == 1:
            found.append((table, income[0].cell(column), spending[0].cell(column)))
    if len(found) != 1:
        return None
    table, income, spent = found[0]
    return _table_balance(context, balance, table, income, spent, ("收入合计", "支出合计"))


def _balance_finding(
    context: CheckContext, severity: str, sources: list[Fig], spent: Fig, balance: Fig, expected: Decimal
) -> Finding:
    """'结余与收支不符：A+B−C=D，而“结余”为E，相差F', at the balance."""
    like = balance.quantity
    formula = "+".join(f"{f.label}{_show(f)}" for f in sources)
    return context.finding(
        "balance.identity",
        severity,
        f"结余与收支不符：{formula}−{spent.label}{_show(spent)}={amount_like(expected, like)}，"
        f"而“{balance.label}”为{_show(balance)}，相差{amount_like(abs(expected - balance.base), like)}",
        balance.start,
        balance.end,
        expected=amount_like(expected, like),
        found=_show(balance),
    )


def _sentence_balance(context: CheckContext, balance: Fig, group: list[Fig], kinds: dict) -> Finding | None:
    """A balance whose sentence states, just before it, the amount and its spending:
    'A X元,已支出Y元,结余Z元' — the last three money figures of the sentence, the second a
    spending, none a change or a per-unit amount, X − Y = Z within rounding. A balance carried over
    the years (结转) or a sentence with an add-on (上年结转) is left to the section's reading."""
    text = context.report.text
    label = balance.raw_label
    if "结转" in label:
        return None
    sentence = last_mark(text, "。\n", 0, balance.start) + 1
    before = [f for f in group if sentence <= f.start < balance.start and f.kind == "money"]
    if len(before) < 2:
        return None
    amount, spent = before[-2:]
    if (
        kinds[id(spent)] != "spent"
        or kinds[id(amount)] in ("spent", "balance", "add_on")
        or any(kinds[id(f)] == "add_on" for f in before)
        or any(f.per_unit or f.change or f.approx for f in (amount, spent, balance))
        or amount.base <= spent.base
        or ";" in text[amount.start : balance.start]
    ):
        return None
    expected = amount.base - spent.base
    if abs(expected - balance.base) < amount.half + spent.half + balance.half:
        return None
    return _balance_finding(context, WARNING, [amount], spent, balance, expected)


def _weak_balance(balance: Fig, spec: dict) -> bool:
    label = balance.raw_label.rstrip("为达是共:")
    return label.endswith(tuple(spec.get("weak_balance") or ()))


def _canonical(figs: list[Fig], words: tuple[str, ...]) -> list[Fig]:
    """The figures whose label is one of the canonical words (收入合计, 支出合计 …), exactly."""
    return [f for f in figs if f.label.removeprefix("部门").removeprefix("本年") in words or f.label in words]


def _one_amount(figs: list[Fig]) -> list[Fig]:
    """The figures, or the last of them when they all state one amount."""
    return figs[-1:] if len({f.base for f in figs}) == 1 else figs


def _balance_kind(fig: Fig, words: tuple[list[int], dict[str, str], tuple[str, ...]]) -> str | None:
    """income / add_on / spent / balance: the member whose word the label ends with — the longest
    word wins, so 年初结转结余 is an add-on, not the balance (``words``: :func:`_balance_words`)."""
    label = fig.raw_label.strip().rstrip("为是共:").removesuffix("的")  # '尚未支付的'
    if not label.endswith("下达"):
        label = label.rstrip("为达是共:")  # '支出达', not the 达 of '下达' (an allocation)
    lengths, kinds, every = words
    if label.endswith(_MONEY_NOUNS):
        # '未拨付资金': the word before the noun of money tells (未拨付, a balance), not the
        # '拨付资金' it ends with; a label whose word lists the noun ('项目资金') is read whole
        bare = label.removesuffix("资金").removesuffix("经费")
        if bare != label and bare.endswith(every):
            kind = _ending_kind(bare, lengths, kinds)
            if kind is not None:
                return kind
    if not label.endswith(every):
        return None  # no word of any member ends it (most labels): one test
    return _ending_kind(label, lengths, kinds)


_MONEY_NOUNS = ("资金", "经费")


def _ending_kind(label: str, lengths: list[int], kinds: dict[str, str]) -> str | None:
    for size in lengths:  # the longest first; of two equal words, the first listed
        if size <= len(label):
            kind = kinds.get(label[-size:])
            if kind is not None:
                return kind
    return None


def _balance_words(data) -> tuple[list[int], dict[str, str], tuple[str, ...]]:
    """The word lengths of the balance identity, longest first, word → member (the first member
    that lists it), and all the words: made once per data (``data.once``), then one look-up per
    length instead of one per word."""
    spec = data.identities.get("balance") or {}
    kinds: dict[str, str] = {}
    for name in ("income", "add_on", "spent", "balance"):
        for word in spec.get(name) or ():
            if word:
                kinds.setdefault(word, name)
    return sorted({len(w) for w in kinds}, reverse=True), kinds, tuple(kinds)


def _index(context: CheckContext, fig: Fig) -> int | None:
    return context.figures.by_quantity.get(fig.start)


# ---------------------------------------------------------------------------------------------
# Claims against rates


def _claim_regexes(data) -> tuple[re.Pattern, re.Pattern]:
    """The pattern of a claim: a claim word (the longest first: '已全部' before '全部'), up to two
    adverbs ('均按时足额拨付'), the verb; and the pattern of '已拨付完毕' (a claim without a claim
    word). Made once per data (``data.once``). Every match of either opens with one of a few
    characters (已, 全, 足, 均): a text is read only where they stand (:func:`scan.finditer`), not
    scanned at every character for the alternation of words."""
    spec = data.wording.get("claims") or {}
    verbs = "|".join(spec.get("verbs") or ())
    adverbs = "|".join(map(re.escape, spec.get("adverbs") or ())) or "(?!)"
    claim_words = "|".join(map(re.escape, sorted(spec.get("words") or (), key=len, reverse=True))) or "(?!)"
    return (
        re.compile(rf"(?:{claim_words})(?:已|已经|予以)?(?:{adverbs}){{0,2}}(?P<verb>{verbs})"),
        re.compile(rf"已(?:经)?(?:{adverbs})?(?P<verb>{verbs})(?=完毕)"),
    )


def _rate_names(data) -> re.Pattern:
    """A pattern that finds any of the rate names of any claim verb (执行率, 到位率 …), made once
    per data (``data.once``)."""
    spec = data.wording.get("claims") or {}
    return any_word(
        tuple(sorted({name for names in (spec.get("rates") or {}).values() for name in names or ()}))
    )


def _other_member(text: str, a: int, b: int) -> bool:
    """True when two places are in one sentence but in different members of a ";" list (each
    member speaks of its own project: "甲…执行率97.1%；乙…均已完成")."""
    low, high = min(a, b), max(a, b)
    between = text[low:high]
    return "。" not in between and "\n" not in between and ";" in between


def _claim_clause_start(text: str, position: int) -> int:
    """Where the clause of a claim begins: after the last ',;。' or line break before ``position``,
    a comma between two digits ('21,384.50万元全部到位') being a thousands separator, not a mark."""
    at = last_mark(text, ",;。\n", 0, position)
    while at > 0 and text[at] == "," and text[at - 1].isdigit() and text[at + 1 : at + 2].isdigit():
        at = last_mark(text, ",;。\n", 0, at)
    return at + 1


class _Measured(NamedTuple):
    """A number with its unit in the sentences before a claim, and the words before it."""

    label: str
    printed: str
    value: Decimal
    half: Decimal
    unit: str
    start: int
    end: int


def _measure_pattern(data) -> re.Pattern:
    """Numbers with one of the claims' measure units ('1,146批次', '7,740,000.00元'); made once per
    data (``data.once``)."""
    units = sorted((data.wording.get("claims") or {}).get("measure_units") or (), key=len, reverse=True)
    return re.compile(
        r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<u>"
        + ("|".join(map(re.escape, units)) or "(?!)")
        + ")"
    )


_MEASURE_LABEL_END = ",;:()、。\n"


def _measures(pattern: re.Pattern, text: str, low: int, high: int) -> list[_Measured]:
    found: list[_Measured] = []
    for m in pattern.finditer(text, low, high):
        floor = found[-1].end if found else low
        label = text[max(floor, last_mark(text, _MEASURE_LABEL_END, floor, m.start()) + 1) : m.start()]
        value, half = Decimal(m.group("n").replace(",", "")), printed_half(m.group("n"))
        found.append(_Measured(label, m.group("n"), value, half, m.group("u"), m.start(), m.end()))
    return found


def _computed_shortfall(
    context: CheckContext, match: re.Match, spec: dict, sources: list[str], money_too: bool
) -> tuple[_Measured, _Measured, Decimal] | None:
    """The planned and the achieved figure of the claim's sentence or the one before, when the
    achieved one falls short: '计划1,200批次,实际完成1,146批次,全年抽检任务全部完成',
    '下达资金8,600,000.00元,已拨付7,740,000.00元。资金已全额拨付到位'. The two are adjacent, in one
    unit, the planned one's label holds a planned word (计划, 下达, 应配套 …), the achieved one's a
    word of the claim's verb (拨付 → 拨付/到位) and no planned or not-achieved word (未, 剩余 …);
    between them and the claim stand only words and figures of another unit (救助…67人), no rate,
    '其中' or ';'."""
    achieved_words = tuple((spec.get("achieved") or {}).get(match.group("verb")) or ())
    if not money_too:
        # a task's figures: '应种23,650剂次,实种22,918剂次' — the actual figure is the achieved one
        achieved_words = (*achieved_words, *(spec.get("actual_words") or ()))
    if not achieved_words:
        return None
    before = _pair_before(context, match, spec, sources, money_too, achieved_words)
    if before is not None:
        return before
    return _pair_after(context, match, spec, sources, money_too, achieved_words)


def _planned(label: str, spec: dict) -> bool:
    """The label of a planned figure: a planned word (计划, 下达, 应 …) outside a common word that only
    holds one (相应, 应急 …)."""
    for word in spec.get("not_planned") or ():
        label = label.replace(word, "")
    return any(word in label for word in spec.get("planned_words") or ())


def _short_pair_within(
    pattern: re.Pattern, text: str, start: int, end: int, spec: dict, money_too: bool, achieved_words
) -> tuple[_Measured, _Measured, Decimal] | None:
    """The first planned and achieved figures standing next to each other in ``text[start:end]`` (a
    sentence), the achieved one short (:func:`_short_pair`); a pair parted by 其中, ';' or a rate is none."""
    for planned, achieved in pairwise(_measures(pattern, text, start, end)):
        between = text[planned.end : achieved.start]
        if "其中" in between or ";" in between or "%" in between:
            continue
        pair = _short_pair(planned, achieved, spec, [], money_too, achieved_words)
        if pair is not None:
            return pair
    return None


def _short_pair(
    planned: _Measured, achieved: _Measured, spec: dict, sources: list[str], money_too: bool, achieved_words
) -> tuple[_Measured, _Measured, Decimal] | None:
    """``planned`` and ``achieved`` with their ratio when they are a planned and an achieved figure of one
    unit and the achieved one falls short (see :func:`_computed_shortfall`)."""
    if (
        planned.unit != achieved.unit
        or (not money_too and achieved.unit in MONEY_UNITS)
        or not any(word in achieved.label for word in achieved_words)
        or _planned(achieved.label, spec)
        or any(word in achieved.label for word in spec.get("not_achieved") or ())
        or not _planned(planned.label, spec)
    ):
        return None
    if not all(word in planned.label + achieved.label for word in sources):
        return None  # '县级配套资金已足额拨付' is held only against figures of the county's money
    if planned.value <= 0 or achieved.value >= planned.value - planned.half - achieved.half:
        return None
    ratio = round_half_up(achieved.value * HUNDRED / planned.value, 2)
    return (planned, achieved, ratio) if ratio < HUNDRED else None


def _pair_after(
    context: CheckContext, match: re.Match, spec: dict, sources: list[str], money_too: bool, achieved_words
) -> tuple[_Measured, _Measured, Decimal] | None:
    """The pair told in the sentence right after the claim, its planned figure there too or at the end
    of the claim's own clause: '上级下达中央资金300.00万元,已全部拨付到位。截至12月31日,累计拨付285.60
    万元', '接种任务已全部完成。全年应种23,650剂次,实种22,918剂次'. The achieved figure is the only one
    of its unit in that sentence after the planned one, not one of a list ('其中', '、', '分别'), and no
    rate stands between the claim and it."""
    text = context.report.text
    own_end = first_mark(text, "。\n", match.end(), len(text))
    if own_end >= len(text) or text[own_end] != "。":
        return None
    next_end = first_mark(text, "。\n", own_end + 1, len(text))
    pattern = context.data.once(_measure_pattern)
    clause_start = _claim_clause_start(text, match.start())
    after = _measures(pattern, text, match.end(), next_end)
    if not after:
        return None
    own = [m for m in after if m.start < own_end]
    following = [m for m in after if m.start > own_end]
    if not following:
        return None
    if own:
        return None  # figures after the claim in its own sentence: the claim is not of the next one's
    sentence_start = last_mark(text, "。\n", 0, match.start()) + 1
    stated = _measures(pattern, text, sentence_start, match.start())
    if stated and stated[-1].end < clause_start - 1:
        stated = []  # a figure of an earlier clause, not the claim's own amount
    if stated:
        planned, rest = stated[-1], following
    elif len(following) >= 2:
        planned, rest = following[0], following[1:]
    else:
        return None
    same = [m for m in rest if m.unit == planned.unit]
    if len(same) != 1:
        return None
    achieved = same[0]
    between = text[match.end() : achieved.start]
    if "%" in between or "其中" in between or "分别" in between or text.startswith("、", achieved.end):
        return None
    return _short_pair(planned, achieved, spec, sources, money_too, achieved_words)


def _pair_before(
    context: CheckContext, match: re.Match, spec: dict, sources: list[str], money_too: bool, achieved_words
) -> tuple[_Measured, _Measured, Decimal] | None:
    text = context.report.text
    own = last_mark(text, "。\n", 0, match.start()) + 1
    low = own
    if own > 0 and text[own - 1] == "。":
        low = last_mark(text, "。\n", 0, own - 1) + 1  # the sentence before, in the same paragraph
    measures = _measures(context.data.once(_measure_pattern), text, low, match.start())
    # '预算50.00万元,实际发放42.30万元,救助困难当事人67人,司法救助资金均已发放到位': a count of
    # another unit after the pair is no figure of the claim's
    while (
        len(measures) > 2
        and measures[-1].unit != measures[-2].unit
        and not any(word in measures[-1].label for word in achieved_words)
    ):
        measures = measures[:-1]
    if len(measures) < 2:
        return None
    planned, achieved = measures[-2], measures[-1]
    after = text[planned.end : match.start()]
    if "其中" in after or ";" in after or "%" in after:
        return None
    return _short_pair(planned, achieved, spec, sources, money_too, achieved_words)


def _subject_rate(before: str, subject: str) -> str | None:
    """'参学任务' → '参学率': the rate named by the two characters before the claim's non-money
    subject word."""
    stem = before[: len(before) - len(subject)][-2:]
    return stem + "率" if len(stem) == 2 and all("\u4e00" <= c <= "\u9fff" for c in stem) else None


@rule("claim.rate", "“已全部拨付”“均已到位”等说法与同一件事的比率（低于100%，或由计划数与实际数算出）不符")
def check_claims_against_rates(context: CheckContext) -> list[Finding]:
    """A claim that something was done in full (全部拨付, 全额到位, 均已发放, 已拨付完毕) and, in the
    same section, a rate of the same action below 100% (执行率97% in a sentence about 拨付); or,
    with no such rate, the planned and the achieved figure just before the claim, the achieved one
    short of the planned one (计划1,200批次,实际完成1,146批次: 1146÷1200=95.50%).

    A claim whose subject is a task, not money (各项抽检任务均已完成), is held only against a
    non-money rate of its own sentence (抽检完成率, or 参学率 for 参学任务).

    Failing those, the pair may follow the claim (:func:`_pair_after`); a claim in the conclusion is
    held against the document's rate of its act (:func:`_conclusion_finding`); and a claim of a named
    subject, or one that counts its own figure, is held against the whole report — a rate of its act
    that names it, an indicator or money row of a table so named, a line counting its figure, or a
    planned/achieved pair in a sentence that names it (:func:`_named_rate_finding`)."""
    spec = context.data.wording.get("claims") or {}
    report = context.report
    text = report.text
    findings = []
    claim, finished_claim = context.data.once(_claim_regexes)
    places = long_text_index(text, report.places)
    matches = list(scan.finditer(claim, text, places))
    if has_word(text, "完毕", report.places):  # '已拨付完毕': only where 完毕 stands
        matches = sorted([*matches, *scan.finditer(finished_claim, text, places)], key=lambda m: m.start())
    if not matches:
        return findings
    names = context.data.once(_rate_names)
    stated_below = any(
        q.value < 100 and not q.approx and names.search(q.label) for q in of_kind(context, "percent")
    )
    covered = -1
    adverbs = tuple(spec.get("adverbs") or ())
    averages = frozenset(spec.get("average_marks") or ())
    not_money = sorted(spec.get("not_money_subjects") or (), key=len, reverse=True)
    money_rates = tuple(spec.get("money_rates") or ())
    for match in matches:
        if match.start() < covered:
            continue  # '已全部拨付' and '全部拨付' are one claim
        covered = match.end()
        verb = match.group("verb")
        if _negated(text, match.start(), adverbs):
            continue
        before = text[max(0, match.start() - 6) : match.start()]
        if (
            match.group(0).startswith("均")
            and not match.group(0).startswith("均已")
            and before[-1:] in averages
        ):
            continue  # '户均拨付305.95元' is a mean, not '均已拨付'
        finished = text.startswith("完毕", match.end())  # '均已拨付完毕': the money is paid out
        clause_start = _claim_clause_start(text, match.start())
        clause = text[clause_start : match.start()]
        if verb in _WHOLE_ONLY_VERBS and not _names_only_the_whole(clause, spec):
            continue  # '结转资金已全部支出完毕', '仅A项目资金全部支出': a part's money, not the whole's
        sentence_start = last_mark(text, "。\n", 0, match.start()) + 1
        sentence_end = first_mark(text, "。\n", match.end(), len(text))
        rate_names = tuple(spec.get("rates", {}).get(verb) or ())
        subject = next((word for word in not_money if clause.endswith(word)), None)
        if subject is not None:
            # '各关键节点均已完成' speaks of milestones, not of spending the money: only a rate of
            # that task in the claim's own sentence ('抽检完成率96.8%,各项抽检任务均已完成')
            own_rate = _subject_rate(clause, subject)
            rate_names = (
                *(n for n in rate_names if n not in money_rates),
                *((own_rate,) if own_rate else ()),
            )
        sources = [word for word in spec.get("source_words") or () if word in clause]
        finding = None
        if stated_below or subject is not None:
            finding = _stated_rate_finding(
                context,
                match,
                spec,
                rate_names,
                clause,
                sources,
                finished,
                subject is not None,
                (sentence_start, sentence_end),
            )
        if finding is None:
            computed = _computed_shortfall(context, match, spec, sources, money_too=subject is None)
            if computed is not None:
                planned, achieved, ratio = computed
                shown = f"{achieved.value}÷{planned.value}={ratio}%"
                said = (
                    f"{planned.label}{planned.printed}{planned.unit}、{achieved.label}{achieved.printed}"
                    f"{achieved.unit}，{shown}"
                )
                finding = _claim_finding(context, match, finished, match.start(), said, shown)
        if finding is None and not sources:
            finding = _conclusion_finding(context, match, spec, rate_names, clause, finished)
        if finding is None:
            finding = _named_rate_finding(context, match, spec, clause, finished, sources, subject is None)
        if finding is None and not sources:
            finding = _above_pair_finding(context, match, spec, clause, finished, subject is None)
        if finding is None and not sources:
            finding = _grid_finding(context, match, spec, clause, finished)
        if finding is None and subject is None:
            finding = _whole_report_finding(context, match, spec, clause, finished, sources)
        if finding is None and subject is not None:
            finding = _subject_count_finding(context, match, clause, subject, finished)
        if finding is not None:
            findings.append(finding)
    return findings


# a claim of these is read only of the whole money (支出 is said of parts more often than of all)
_WHOLE_ONLY_VERBS = frozenset(("支出",))
_WHOLE_MARKS = ("各级", "全部", "所有", "上述", "以上", "均", "已经", "已")


def _names_only_the_whole(clause: str, spec: dict) -> bool:
    """The claim's clause names nothing but the whole money ('项目资金已', '本年度预算资金均'): what
    is left once the generic words, the whole's names and the adverbs are taken off is empty."""
    core = clause.strip(" ,:")
    for word in sorted(
        (
            *(spec.get("generic_words") or ()),
            *(spec.get("whole_subjects") or ()),
            *(spec.get("adverbs") or ()),
        ),
        key=len,
        reverse=True,
    ):
        core = core.replace(word, "")
    for word in _WHOLE_MARKS:
        core = core.replace(word, "")
    return not core.strip(" 、,和及与")


_DONE_OF_A_COUNT = ("完成", "实现", "达成", "达到", "达标")


def _subject_count_finding(
    context: CheckContext, match: re.Match, clause: str, subject: str, finished: bool
) -> Finding | None:
    """'各项绩效指标均已完成' against '年度绩效指标共12项，完成10项' anywhere in the report: a sentence
    that names the claim's subject (the word and the two characters before it: 绩效指标) with a
    count of it and, later in the sentence, a smaller count of the same unit that was done."""
    name = clause[-(len(subject) + 2) :] if len(clause) >= len(subject) + 2 else subject
    if not all("\u4e00" <= char <= "\u9fff" for char in name):
        name = subject
    text = context.report.text
    claim_sentence = last_mark(text, "。\n", 0, match.start()) + 1
    at = text.find(name)
    while at >= 0:
        start = last_mark(text, "。\n", 0, at) + 1
        if start != claim_sentence:
            end = first_mark(text, "。\n", at, len(text))
            counts = [
                q
                for q in context.report.quantities_between(at, end)
                if q.kind == "count" and q.role == "level" and not q.approx
            ]
            if len(counts) == 2 and counts[0].unit == counts[1].unit:
                whole, done = counts
                if (
                    any(word in done.raw_label for word in _DONE_OF_A_COUNT)
                    and not any(word in done.raw_label for word in ("未", "没有"))
                    and 0 < done.value < whole.value
                ):
                    ratio = round_half_up(done.value * HUNDRED / whole.value, 2)
                    said = f"{name}{whole.text}{whole.unit}、{done.raw_label}{done.text}{done.unit}"
                    return _claim_finding(context, match, finished, at, said, f"{ratio}%")
        at = text.find(name, at + len(name))
    return None


# ---------------------------------------------------------------------------------------------
# A claim held against the whole report: the shapes above read the claim's sentence, section and
# neighbours; this reads every rate of its act and every planned/achieved pair of its money, where
# ever they stand, and speaks only when they all say the same (short of full)


def _whole_report_finding(
    context: CheckContext, match: re.Match, spec: dict, clause: str, finished: bool, sources: list[str]
) -> Finding | None:
    """A money claim ('各级资金均已足额到位', '项目资金已全部支付完毕') against the report's own
    figures of its act, wherever they stand: every rate named for the act (到位率, 支付率/支付进度,
    执行率 …: a sentence's, or a table's column of that name in its 合计 row, or in the row of the
    claim's source), and, with no rate, the whole money's planned figure and achieved figure of the
    act (计划/下达/调整后预算 against 到位/执行). The claim's subject is the whole money (a name
    that is only generic words) or one source (县级配套 …: then only figures naming that source).
    Silent when any of them reaches 100% or the pair is equal, when the subject is something else
    (a named project), and when the figures are of another year."""
    text = context.report.text
    lead = text[last_mark(text, "。\n", 0, match.start()) + 1 : match.start()]
    whole_names = tuple(spec.get("whole_subjects") or ())
    adverbs = tuple(spec.get("adverbs") or ())  # '资金已按时足额拨付到位': how, not what
    lead_start = match.start() - len(lead)
    if any(q.kind == "money" for q in context.report.quantities_between(lead_start, match.start())) or any(
        term in lead and not any(term in name for name in whole_names) for term in context.data.subject_terms
    ):
        return None  # '基本支出预算1,402.60万元,全部执行完毕': the claim is of what its sentence names
    # (what the clause says after a colon and an enumerator: '主要成效:一是各级财政补助资金')
    core = _ENUMERATOR.sub("", clause.strip(" ,:").split("。")[-1].split(":")[-1])
    # '各级资金', '上述各项专项资金', '中央、省、市各级资金': every level or item of the money
    every = any(word in core for word in spec.get("every_words") or ())
    for word in sorted(spec.get("generic_words") or (), key=len, reverse=True):
        core = core.replace(word, "")
    for word in (
        "各级",
        "全部",
        "所有",
        "上述",
        "以上",
        "均",
        "已",
        "已经",
        "按合同",
        "按计划",
        "按规定",
        *adverbs,
    ):
        core = core.replace(word, "")
    source = "" if every else sources[-1] if sources else ""
    for word in sources:
        core = core.replace(word, "")
    core = core.strip(" 、,和及与省市县区级专项财政补助")
    if core:
        return None  # a subject with a name of its own ('农乐舞传承展演经费'): read by the shapes above
    verb = match.group("verb")
    acts = spec.get("whole_acts") or {}
    act = next((a for a in acts if verb.startswith(a)), None)
    if act is None:
        return None
    rate_names = tuple(acts[act].get("rates") or ())
    rates = _act_rates(context, rate_names, source, spec, every)
    if rates:
        if every:
            # every level or item in full: any of them short contradicts it (the lowest is shown)
            value, label, at = min(rates, key=lambda item: item[0])
            if value >= HUNDRED:
                return None
        else:
            if any(value >= HUNDRED for value, *_ in rates):
                return None
            value, label, at = rates[0]
        return _claim_finding(context, match, finished, at, f"{label}为{value}%", f"{label}{value}%")
    if every:
        # '项目各级资金均已足额到位' and '省级配套资金2,400.00万元' … '省级配套资金实际到位2,160.00万元':
        # any level's own pair short of its plan contradicts it
        for level in spec.get("source_words") or ():
            pair = _one_short_pair(*_subject_pairs(context, match, spec, level))
            if pair is not None:
                return _pair_finding(context, match, finished, pair)
    if source:
        return None  # (a source's pair is not read: its planned figure is seldom named alike)
    # '拨付到位' is money handed on (拨付) and money that arrived (到位): the pair of either act
    ending = next((a for a in acts if verb.endswith(a) and a != act), None)
    pair = _act_pair(context, acts[act]) or (_act_pair(context, acts[ending]) if ending else None)
    if pair is None:
        return None
    planned, achieved = pair
    if achieved.base >= planned.base - planned.half - achieved.half:
        return None
    ratio = round_half_up(achieved.base * HUNDRED / planned.base, 2)
    said = f"{planned.label}{_show(planned)}、{achieved.label}{_show(achieved)}，{ratio}%"
    return _claim_finding(context, match, finished, achieved.start, said, f"{ratio}%")


# an enumerator opening the clause: '一是', '其二', '首先', or a list marker ('（一）', '1.', '(2)', '①')
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|同时|另外|此外"
    r"|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[①-⑳])"
)


def _act_rates(
    context: CheckContext, names: tuple[str, ...], source: str, spec: dict, every: bool = False
) -> list[tuple[Decimal, str, int]]:
    """(value, name, where) of every rate of the act the report states for the claim's money: a
    percentage whose label ends with one of ``names`` (naming the source, or no source at all for
    the whole money), and a table's cell in a column so named, in the row of the source or in the
    total row."""
    if not names:
        return []
    other_sources = tuple(w for w in spec.get("source_words") or () if w != source)
    found = []
    # the whole money's rate is named by the rate's name alone or after a word for the money
    # ('预算执行率', '资金到位率'; not '政府采购执行率', of a part)
    whole_names = tuple(
        prefix + name for name in names for prefix in spec.get("whole_rate_prefixes") or ("",)
    )
    for quantity in of_kind(context, "percent"):
        label = quantity.label
        if quantity.approx or not label.endswith(names):
            continue
        if source:
            if source not in label:
                continue
        elif not every and (label not in whole_names or any(word in label for word in other_sources)):
            continue
        found.append((quantity.value, label, quantity.start))
    total_rows = tuple(spec.get("total_rows") or ())

    def wanted(label: str) -> bool:
        """The row speaks of the claim's money: its source's row, the total row, or any for every."""
        return every or (source in label if source else label.startswith(total_rows))

    # (the rows read from the text's lines: a table whose columns the tables' reader does not know)
    for grid in line_grids(context):
        columns = [i for i, name in enumerate(grid.names) if name.endswith(names)]
        for row in grid.rows if columns else ():
            for index in columns if wanted(row.label) else ():
                cell = row.cells[index]
                if cell is not None and cell.unit == "%":
                    found.append((cell.value, grid.names[index], cell.start))
    for table in context.tables:
        columns = [i for i, name in enumerate(table.columns) if name.endswith(names)]
        for row in table.rows if columns else ():
            for index in columns if wanted(row.label) else ():
                cell = row.cell(index)
                if cell is not None and cell.value is not None:
                    found.append((cell.value, table.columns[index], cell.start))
    # one cell read as a sentence's percentage, a line's cell and a table's: once, as first read
    first: dict[int, tuple[Decimal, str, int]] = {}
    for item in found:
        first.setdefault(item[2], item)
    return sorted(first.values(), key=lambda item: item[2])


def _act_pair(context: CheckContext, act: dict) -> tuple[Fig, Fig] | None:
    """The whole money's planned and achieved figure of an act, each stated with one value in the
    report (the adjusted budget first among planned ones), or None."""
    planned_roles = tuple(act.get("planned") or ())
    achieved_roles = tuple(act.get("achieved") or ())
    whole = [
        f
        for f in prose_money(context)
        if f.parent is None and not f.per_unit and f.subject in ("", "项目") and f.own_role
    ]
    achieved_words = tuple(act.get("achieved_words") or ())
    achieved = [
        f
        for f in whole
        if f.own_role in achieved_roles or (achieved_words and any(w in f.raw_label for w in achieved_words))
    ]
    if len({f.base for f in achieved}) != 1:
        return None
    for role in planned_roles:
        planned = [f for f in whole if f.own_role == role and f not in achieved]
        if planned:
            return (planned[0], achieved[0]) if len({f.base for f in planned}) == 1 else None
    # '项目总投资1,800万元' (a project's whole money, named by no stage) is its plan
    planned = [
        f
        for f in prose_money(context)
        if f.parent is None and not f.own_role and f.subject in ("", "项目") and f.label.endswith("总投资")
    ]
    return (planned[0], achieved[0]) if planned and len({f.base for f in planned}) == 1 else None


def _negated(text: str, position: int, adverbs: tuple[str, ...]) -> bool:
    """True when a 未, 没有 or 不 stands right before the claim, adverbs aside ('未按计划足额到位'), or a
    未 or 没有 a few characters before it in its clause ('未在年内足额到位')."""
    head = text[max(0, position - 12) : position]
    head = head[last_mark(head, ",;。\n", 0, len(head)) + 1 :]
    trimmed = True
    while trimmed:
        trimmed = False
        for adverb in adverbs:
            if head.endswith(adverb):
                head, trimmed = head[: -len(adverb)], True
    return head.endswith(("未", "没有", "不")) or "未" in head[-5:] or "没有" in head[-6:]


def _conclusion_finding(
    context: CheckContext,
    match: re.Match,
    spec: dict,
    rate_names: tuple[str, ...],
    clause: str,
    finished: bool,
) -> Finding | None:
    """A claim in the report's conclusion ('四、自评结论…年度预算资金已全部执行完毕') held against the
    whole document: a subject that only names the money (whole_subjects) against the first overall rate
    of the claim's action (执行率, 预算执行率 …); a subject with a name of its own (审计计划 → 审计)
    against a rate whose sentence holds that name."""
    report = context.report
    heading = report.section_at(match.start())
    if not any(word in heading for word in spec.get("conclusion_headings") or ()):
        return None
    subject = clause.strip(" ,:").removeprefix("本项目").removeprefix("本单位").removeprefix("本部门")
    core = subject
    for word in spec.get("generic_words") or ():
        core = core.replace(word, "")
    whole = subject in (spec.get("whole_subjects") or ())
    if not whole and len(core) < 2:
        return None
    prefixes = tuple(spec.get("whole_rate_prefixes") or ("",))
    # far from its figures, a claim is held only against a rate of its own act: '已全部拨付到位' against
    # 拨付率 or 到位率, not against the 执行率 of the money spent (拨付 is not 支出)
    acts = spec.get("same_act") or {}
    verb = match.group("verb")
    own = tuple(acts.get(verb[:2]) or (verb[:2],))
    rate_names = tuple(name for name in rate_names if name.startswith(own))
    text = report.text
    for quantity in of_kind(context, "percent"):
        if quantity.value >= 100 or quantity.approx or quantity.start >= match.start():
            continue
        label = quantity.label
        if whole:
            if not any(label == prefix + name for name in rate_names for prefix in prefixes):
                continue
        else:
            if not any(name in label for name in rate_names):
                continue
            sentence = text[last_mark(text, "。\n", 0, quantity.start) + 1 : quantity.start]
            if not _names_subject(sentence, core):
                continue
        rate = f"{label}{quantity.text}%"
        return _claim_finding(context, match, finished, quantity.start, f"{label}为{quantity.text}%", rate)
    return None


def _claim_core(clause: str, spec: dict) -> str:
    """The name of a claim's subject: its clause without the report's own name and generic words
    ('补偿资金' → '补偿', '公共机构节能改造项目' → '公共机构节能改造')."""
    core = clause.strip(" ,:").removeprefix("本项目").removeprefix("本单位").removeprefix("本部门")
    for word in spec.get("generic_words") or ():
        core = core.replace(word, "")
    # '补奖资金已足额兑现', '服务费已按季度考核结果全额支付': the subject is what stands before 已
    head = _CLAIM_ADVERB_END.sub("", core.split("已", 1)[0])
    return head if len(head) >= 2 else _CLAIM_ADVERB_END.sub("", core.removesuffix("已"))


# adverbs between a claim's subject and its 已 ('修缮资金虽已全部拨付到位', '各项资金均已…')
_CLAIM_ADVERB_END = re.compile(r"(?:均|虽然|虽|尽管|也|都)+$")


def _act_rate(spec: dict, verb: str) -> re.Pattern:
    """A rate named by the claim's act: the act's word, up to three more characters and 率 ('兑付率',
    '兑付到户率', '拨付进度率'), for each word of the same act (same_act: 拨付 → 拨付, 到位)."""
    own = (spec.get("same_act") or {}).get(verb[:2]) or (verb[:2],)
    return re.compile("(?:" + "|".join(map(re.escape, own)) + ")[\u4e00-\u9fff]{0,3}(?:率|比例)")


def _named_rate_finding(
    context: CheckContext,
    match: re.Match,
    spec: dict,
    clause: str,
    finished: bool,
    sources: list[str],
    money_too: bool,
) -> Finding | None:
    """A claim of a named subject ('补偿资金已全部兑付到户', '补贴资金已全部兑付到户') held against the
    whole document: a rate below 100% of the claim's own act (兑付率, 兑付到户率) that names the
    subject in its label, its sentence or the sentence before; or an indicator row of a table so named
    ('补偿资金兑付到户率 | 100% | 97.60%'), its achieved value below 100% after a target of 100%."""
    own_cell = clause.rsplit("|", 1)[-1]  # in a table, the claim's own cell
    pattern = context.data.once(_measure_pattern)
    counts = _measures(pattern, own_cell, 0, len(own_cell))  # (its places are of no use)
    core = _claim_core(pattern.sub("", own_cell), spec)  # the subject's name, not its figure
    named = len(core) >= 2 and _cjk(core[-2:])
    report = context.report
    text = report.text
    if not named and not counts:
        return None
    act = _act_rate(spec, match.group("verb"))
    sentence_start = last_mark(text, "。\n", 0, match.start()) + 1
    if any(word in text[sentence_start : match.start()] for word in spec.get("goal_words") or ()):
        return None  # '年度绩效目标:抚恤补助按月足额发放': what was to be done, not a claim
    for quantity in of_kind(context, "percent"):
        if quantity.value >= 100 or quantity.approx or not act.search(quantity.label):
            continue
        sentence_start = last_mark(text, "。\n", 0, quantity.start) + 1
        if sentence_start > 0 and text[sentence_start - 1] == "。":
            sentence_start = last_mark(text, "。\n", 0, sentence_start - 1) + 1
        if not (named and _names_subject(text[sentence_start : quantity.end], core)) and not _counted(
            counts, _measures(pattern, text, sentence_start, quantity.start), quantity
        ):
            continue
        if sentence_start <= match.start() < quantity.end:
            continue  # a rate of the claim's own sentences was weighed by the rules above
        said = f"{quantity.label}为{quantity.text}%"
        return _claim_finding(
            context, match, finished, quantity.start, said, f"{quantity.label}{quantity.text}%"
        )
    for table in context.tables:
        rate_at = table.column("rate")
        of_act = rate_at is not None and act.search(table.columns[rate_at])
        for row in table.rows:
            if of_act and named and _names_subject(row.label, core):
                # '| 中央和省级补助资金 | 12,000,000.00 | 11,400,000.00 | 95.00% |' under 到位率
                cell = row.cell(rate_at)
                if cell is not None and cell.value is not None and cell.value < 100:
                    said = f"“{row.label}”一行{table.columns[rate_at]}为{cell.text}"
                    return _claim_finding(context, match, finished, cell.start, said, cell.text)
            words = (row.label, *(c.text for c in row.cells if c is not None and c.value is None))
            name = next((word for word in words if act.search(word)), None)
            if name is None or not _names_subject(name, core):
                continue
            shares = [c for c in row.cells if c is not None and c.value is not None and c.text.endswith("%")]
            if len(shares) < 2 or shares[0].value < 100 or shares[1].value >= 100:
                continue
            said = f"“{name}”一行实际完成{shares[1].text}"
            return _claim_finding(context, match, finished, shares[1].start, said, shares[1].text)
    for count in counts:
        row = _count_row(context, match, count, pattern)
        if row is not None:
            line, achieved = row
            said = f"“{line}”目标{count.printed}{count.unit}、实际{achieved.printed}{achieved.unit}"
            return _claim_finding(
                context, match, finished, achieved.start, said, f"{achieved.printed}{achieved.unit}"
            )
    if named or sources:
        pair = _named_pair(context, match, spec, core if named else "", sources, money_too)
        if pair is None and named and money_too:
            pair = _pair_across(context, match, spec, core, counts)
        if pair is not None:
            return _pair_finding(context, match, finished, pair)
    return None


def _pair_across(
    context: CheckContext, match: re.Match, spec: dict, core: str, own: list[_Measured]
) -> tuple[_Measured, _Measured, Decimal] | None:
    """The claim's money planned in one place and achieved in another, each naming its subject: '市级耕地
    保护激励资金1,520.00万元已全部拨付' (the claim's own amount) and '市级耕地保护激励资金实际拨付1,368.00
    万元' in another part; or '省级配套资金2,400.00万元' and '省级配套资金实际到位2,160.00万元'. Every planned
    figure so named states one value, and so does every achieved one (see :func:`_subject_pairs`)."""
    planned, achieved = _subject_pairs(context, match, spec, core)
    planned = [m for m in own if m.unit in MONEY_UNITS] + planned
    return _one_short_pair(planned, achieved)


def _subject_pairs(
    context: CheckContext, match: re.Match, spec: dict, name: str
) -> tuple[list[_Measured], list[_Measured]]:
    """The money figures outside the claim's sentence whose clause names ``name``: those labelled as
    planned (计划, 下达, 预算 …, or by the name alone) and those labelled with the claim's act (拨付, 到位 …),
    none of them a part (其中) or a remainder (未, 剩余, 结转 …); one figure a clause, the clause's first."""
    text = context.report.text
    verb = match.group("verb")
    achieved_words = tuple((spec.get("achieved") or {}).get(verb) or ())
    own_start = last_mark(text, "。\n", 0, match.start()) + 1
    own_end = first_mark(text, "。\n", match.end(), len(text))
    pattern = context.data.once(_measure_pattern)
    planned, achieved = [], []
    at = text.find(name)
    while at >= 0:
        end = first_mark(text, "。;\n", at, len(text))
        if not own_start <= at < own_end:
            for measure in _measures(pattern, text, at, end):
                label = text[at : measure.start]
                if measure.unit not in MONEY_UNITS or re.search(r"[,，;；、]", label):
                    break  # only the clause that opens with the name
                if "其中" in label or any(word in label for word in spec.get("not_achieved") or ()):
                    break
                if any(word in label for word in achieved_words) and not _planned(label, spec):
                    achieved.append(measure)
                elif (
                    _planned(label, spec)
                    or label == name
                    or (label.startswith(name) and len(label) <= len(name) + 4)
                ):
                    planned.append(measure)
                break
        at = text.find(name, max(end, at + len(name)))
    return planned, achieved


def _one_short_pair(
    planned: list[_Measured], achieved: list[_Measured]
) -> tuple[_Measured, _Measured, Decimal] | None:
    """The planned and the achieved figure when each list states one value (in one unit) and the
    achieved one falls short beyond the rounding of both."""
    if not planned or not achieved:
        return None
    if len({(m.value, m.unit) for m in planned}) != 1 or len({(m.value, m.unit) for m in achieved}) != 1:
        return None
    plan, done = planned[0], achieved[0]
    if plan.unit != done.unit or plan.value <= 0 or done.value >= plan.value - plan.half - done.half:
        return None
    ratio = round_half_up(done.value * HUNDRED / plan.value, 2)
    return plan, done, ratio


def _pair_finding(context: CheckContext, match: re.Match, finished: bool, pair) -> Finding:
    """The claim held against a planned and an achieved figure (``pair``: planned, achieved, ratio):
    '下达资金3260.00万元、实际到位3097.00万元，3097.00÷3260.00=95.00%'."""
    planned, achieved, ratio = pair
    shown = f"{achieved.value}÷{planned.value}={ratio}%"
    said = (
        f"{planned.label}{planned.printed}{planned.unit}、{achieved.label}{achieved.printed}"
        f"{achieved.unit}，{shown}"
    )
    return _claim_finding(context, match, finished, planned.start, said, shown)


_CHAPTER = re.compile(r"^[一二三四五六七八九十]{1,3}、", re.M)


def _above_pair_finding(
    context: CheckContext, match: re.Match, spec: dict, clause: str, finished: bool, money_too: bool
) -> Finding | None:
    """A claim of the items told before it ('上述重点项目资金均已全部到位', '以上各项补助均已足额发放')
    held against each of them: a planned and an achieved figure in a row (see :func:`_short_pair`) in a
    sentence of the claim's section before it, the achieved one short ('下达资金3,260.00万元,实际到位
    3,097.00万元')."""
    if not clause.strip(" ,:，").startswith(tuple(spec.get("above_words") or ())):
        return None
    text = context.report.text
    chapters = [m.start() for m in _CHAPTER.finditer(text, 0, match.start())]
    start = chapters[-1] if chapters else major_section_span(context.report, match.start())[0]
    own = last_mark(text, "。\n", 0, match.start()) + 1
    verb = match.group("verb")
    achieved_words = tuple((spec.get("achieved") or {}).get(verb) or ())
    pattern = context.data.once(_measure_pattern)
    at = start
    while at < own:
        end = first_mark(text, "。\n", at, own)
        pair = _short_pair_within(pattern, text, at, end, spec, money_too, achieved_words)
        if pair is not None:
            return _pair_finding(context, match, finished, pair)
        at = end + 1
    return None


_GRID_SPLIT = re.compile(r"\s*\|\s*|\s{1,}")


def _grid_finding(
    context: CheckContext, match: re.Match, spec: dict, clause: str, finished: bool
) -> Finding | None:
    """A claim against a grid of lines whose last column is a rate of the claim's act ('资助类别|应发金额|
    实发金额|发放率', '指标名称 年度目标值 实际完成值 完成率'), a grid the claim points to ('从上表看,各项建设
    任务均已按期完成') or one whose title or heading names the claim's subject ('表1 2023年学生资助资金发放
    情况' for '各类学生资助资金均已按时足额发放'). Its total row's rate, or with no total row the first
    rate, below 100% tells the claim wrong."""
    report = context.report
    text = report.text
    sentence_start = last_mark(text, "。\n", 0, match.start()) + 1
    pointed = any(word in text[sentence_start : match.start()] for word in spec.get("table_pointers") or ())
    core = _claim_core(clause.rsplit("|", 1)[-1], spec)
    named = len(core) >= 2 and _cjk(core[-2:])
    if not pointed and not named:
        return None
    act = _act_rate(spec, match.group("verb"))
    totals = tuple(spec.get("total_rows") or ())
    lines = text.split("\n")
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for index, line in enumerate(lines):
        if len(line) > 60:
            continue
        # the rate's name ends the header line (in a spaced grid, the parser has joined its words)
        name = next(
            (line.rstrip(" |")[-k:] for k in range(3, 9) if act.fullmatch(line.rstrip(" |")[-k:])), None
        )
        if name is None:
            continue
        grid_start = starts[index]
        if not (pointed and _claim_follows(lines, index, match, starts)) and not (
            named and _named_title(lines, index, core, report, grid_start)
        ):
            continue
        rows = []
        for row_index in range(index + 1, len(lines)):
            cells = [cell for cell in _GRID_SPLIT.split(lines[row_index].strip(" |")) if cell]
            if len(cells) < 3 or len(lines[row_index]) > 80:
                break
            rows.append((row_index, cells))
        if not rows:
            continue
        total = [row for row in rows if row[1][0] in totals]
        chosen = total[:1] or [row for row in rows if row[1][-1].endswith("%")]
        for row_index, cells in chosen:
            number = cells[-1].removesuffix("%")
            if not re.fullmatch(r"\d+(?:\.\d+)?", number) or Decimal(number) >= HUNDRED:
                continue
            where = starts[row_index] + lines[row_index].rfind(cells[-1])
            said = f"“{cells[0]}”一行{name}为{cells[-1]}"
            return _claim_finding(context, match, finished, where, said, cells[-1])
    return None


def _named_title(lines: list[str], index: int, core: str, report, start: int) -> bool:
    """True when the line above a grid (its title) or its section heading names the claim's subject."""
    title = lines[index - 1] if index > 0 else ""
    return len(core) >= 2 and _names_subject(title + report.section_at(start), core)


def _claim_follows(lines: list[str], index: int, match: re.Match, starts: list[int]) -> bool:
    """True when the claim stands in the first line after the grid that starts at ``index``'s rows."""
    for row_index in range(index + 1, len(lines)):
        if starts[row_index] <= match.start() < starts[row_index] + len(lines[row_index]) + 1:
            return True
        cells = [cell for cell in _GRID_SPLIT.split(lines[row_index].strip(" |")) if cell]
        if len(cells) < 3:
            return False
    return False


def _count_row(
    context: CheckContext, match: re.Match, count: _Measured, pattern: re.Pattern
) -> tuple[str, _Measured] | None:
    """An indicator row of the claim's own count ('23个老旧小区改造项目均已完工验收' and the line
    '竣工验收小区个数 23个 21个 未完成'): a line of its own, named with a word of the claim's act
    (完工 → 完工, 竣工), holding the count as its target and right after it, in the same unit, a smaller
    achieved figure."""
    report = match.string
    verb = match.group("verb")
    spec = context.data.wording.get("claims") or {}
    acts = tuple((spec.get("same_act") or {}).get(verb[:2]) or (verb[:2],))
    printed = count.printed + count.unit
    at = report.find(printed)
    while at >= 0:
        line_start = report.rfind("\n", 0, at) + 1
        line_end = report.find("\n", at)
        line_end = len(report) if line_end < 0 else line_end
        name = report[line_start:at].strip(" |\t")
        if (
            not line_start <= match.start() < line_end
            and (at == 0 or not report[at - 1].isdigit())
            and any(word in name for word in acts)
            and len(name) <= 20
            and not any(ch in name for ch in "。,;")
        ):
            after = _measures(pattern, report, at + len(printed), line_end)
            if (
                after
                and after[0].unit == count.unit
                and not report[at + len(printed) : after[0].start].strip(" |\t")
                and after[0].value < count.value - count.half - after[0].half
            ):
                return name, after[0]
        at = report.find(printed, at + len(printed))
    return None


def _named_pair(
    context: CheckContext, match: re.Match, spec: dict, core: str, sources: list[str], money_too: bool
) -> tuple[_Measured, _Measured, Decimal] | None:
    """A planned and an achieved figure in a row, the achieved one short (see :func:`_short_pair`), in
    another sentence of the report that names the claim's subject (``core``) or all its sources, itself
    or in the sentence before: '人道救助资金已全部拨付到位' and '(二)人道救助。应急救助资金预算200,000.00
    元,已…拨付168,500.00元'. The sentences are those holding an achieved word of the claim's verb."""
    text = context.report.text
    verb = match.group("verb")
    achieved_words = tuple((spec.get("achieved") or {}).get(verb) or ())
    if not money_too:
        achieved_words = (*achieved_words, *(spec.get("actual_words") or ()))
    after = text[match.end() : match.end() + 1]
    if _cjk(after) and after not in "到完":
        # '已全部拨付承检医院': money handed to its payee is money paid (年内支付32.40万元)
        achieved_words = (*achieved_words, *((spec.get("payee_achieved") or {}).get(verb) or ()))
    pattern = context.data.once(_measure_pattern)
    own = last_mark(text, "。\n", 0, match.start()) + 1
    seen: set[int] = {own}
    for word in achieved_words:
        at = text.find(word)
        while at >= 0:
            start = last_mark(text, "。\n", 0, at) + 1
            end = first_mark(text, "。\n", at, len(text))
            if start not in seen:
                seen.add(start)
                before = start
                if start > 0 and text[start - 1] == "。":
                    before = last_mark(text, "。\n", 0, start - 1) + 1
                span = text[before:end]
                if before <= match.start() < end:
                    pass  # the claim's own sentence, or the one after it, was weighed by the rules above
                elif (core and _names_subject(span, core)) or (
                    sources and all(_names_source(span, w) for w in sources)
                ):
                    pair = _short_pair_within(pattern, text, start, end, spec, money_too, achieved_words)
                    if pair is not None:
                        return pair
            at = text.find(word, end)
    return None


_UPPER_LEVELS = frozenset(("中央", "省级", "省", "市级"))


def _names_source(sentence: str, source: str) -> bool:
    """True when ``sentence`` names the claim's source of money: the source itself, or 上级 for a level
    above the reporting one ('中央和省级资金已全部拨付' and '上级下达资金2,380.00万元,已拨付…')."""
    return source in sentence or (source in _UPPER_LEVELS and "上级" in sentence)


def _counted(counts: list[_Measured], measures: list[_Measured], rate) -> bool:
    """True when a rate's sentences count the claim's own figure ('32个项目全部完工' and '32个项目中已
    完工30个,完工率93.75%'), or the rate is a figure of them over it ('4,800户改厕任务全部完成' and
    '已完工4,652户,在建148户,完工率96.92%': 4652÷4800=96.92%)."""
    for count in counts:
        if count.value <= 0:
            continue
        for measure in measures:
            if measure.unit != count.unit:
                continue
            if measure.value == count.value:
                return True
            ratio = measure.value * HUNDRED / count.value
            if abs(ratio - rate.value) <= printed_half(rate.text) + Decimal("0.000001"):
                return True
    return False


def _names_subject(sentence: str, core: str) -> bool:
    """True when ``sentence`` names the claim's subject ``core`` in full or by four characters of it in a
    row: '公共机构节能改造' is named by '办公区节能改造项目', '符合条件家庭经济困难寄宿生' by
    '认定家庭经济困难寄宿生', '村级文化活动室修缮' by '修缮村级文化活动室' (the order of a name's words varies)."""
    return (
        core in sentence
        or any(_cjk(window := core[i : i + 4]) and window in sentence for i in range(len(core) - 3))
        or _abbreviates(core, sentence)
    )


def _abbreviates(core: str, sentence: str) -> bool:
    """True when a subject of two or three characters is the short form of a name in ``sentence``, each
    of its characters the first of a word of two: '补奖' of '补助奖励'."""
    if not 2 <= len(core) <= 3 or not _cjk(core):
        return False
    return re.search("".join(re.escape(c) + "[\u4e00-\u9fff]" for c in core), sentence) is not None


def _cjk(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _claim_finding(
    context: CheckContext, match: re.Match, finished: bool, where: int, said: str, expected: str
) -> Finding:
    """'说“已全部拨付”，但<section of ``where``>中<said>，并未全部拨付', at the claim."""
    return context.finding(
        "claim.rate",
        WARNING,
        f"说“{match.group(0)}{'完毕' if finished else ''}”，但{context.report.section_at(where)}中"
        f"{said}，并未全部{match.group('verb')}",
        match.start(),
        match.end(),
        expected=expected,
        found=match.group(0),
    )


def _stated_rate_finding(
    context: CheckContext,
    match: re.Match,
    spec: dict,
    rate_names: tuple[str, ...],
    clause: str,
    sources: list[str],
    finished: bool,
    own_sentence: bool,
    sentence: tuple[int, int],
) -> Finding | None:
    """The first rate of the claim's action below 100% in the claim's section that speaks of the
    claim's money (see :func:`check_claims_against_rates`), as a finding."""
    report = context.report
    text = report.text
    verb = match.group("verb")
    scopes = (*(spec.get("source_words") or ()), *(spec.get("other_scopes") or ()))
    qualifiers = tuple(spec.get("rate_qualifiers") or ())
    start, end = major_section_span(report, match.start())
    if own_sentence:
        start, end = sentence
    previous_sentence = last_mark(text, "。\n", 0, max(0, sentence[0] - 1)) + 1
    # '基本支出预算1,402.60万元,全部执行完毕': the claim is of the amount its own sentence states
    own_amounts = {
        q.base_value for q in report.quantities_between(sentence[0], match.start()) if q.kind == "money"
    }
    for quantity in report.quantities_between(start, end):
        if quantity.kind != "percent" or quantity.approx or quantity.value >= 100:
            continue
        if not any(name in quantity.label for name in rate_names):
            continue
        sentence_start = last_mark(text, "。\n", start, quantity.start) + 1
        if own_amounts and not sentence[0] <= quantity.start < sentence[1]:
            rate_end = first_mark(text, "。\n", quantity.end, len(text))
            amounts = {
                q.base_value for q in report.quantities_between(sentence_start, rate_end) if q.kind == "money"
            }
            if not own_amounts & amounts:
                continue  # a rate of another sentence, of none of the claim's own sums
        stem = verb[:2]  # '拨付到位' is said of the 拨付率 of a sentence about 拨付
        near = finished and previous_sentence <= quantity.start < sentence[1]
        if (
            not near
            and stem not in text[sentence_start : quantity.end]
            and not quantity.label.startswith(stem)
        ):
            continue  # but '…执行率97.41%。项目资金均已拨付完毕': paid out to the end is spent
        if _other_member(text, match.start(), quantity.start):
            continue
        if "其中" in clause and quantity.start < match.start():
            continue  # '到位率79.72%。其中中央资金已全部到位': the claim is of a part of that money
        if sources:
            # '财政资金均已足额到位，居民出资…，全部资金到位…，到位率99.75%': the rate is of
            # another scope than the claim's source; '中央、省、市三级资金全部到位。全年实际到位…，
            # 到位率97.99%': a rate of another sentence that names none of the claim's sources
            sentence_start = last_mark(text, "。;\n", 0, quantity.start) + 1
            low = max(sentence_start, match.end())
            context_words = text[low : quantity.start] if low < quantity.start else ""
            if any(word in context_words for word in scopes if word not in sources):
                continue
            if sentence_start > match.end() and not any(word in context_words for word in sources):
                continue
        if any(word in quantity.label and word not in match.group(0) for word in qualifiers):
            continue  # '均已通过竣工验收…，一次验收合格率75%': the first try's rate, not the end's
        said = f"{quantity.label}为{quantity.text}%"
        return _claim_finding(
            context, match, finished, quantity.start, said, f"{quantity.label}{quantity.text}%"
        )
    return None


# ---------------------------------------------------------------------------------------------
# Two breakdowns of one total


_BREAKDOWN_VALUE = re.compile(
    r"(?P<label>[\u4e00-\u9fff()]{2,20})[:：]\s*(?P<n>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|元|亿元)?"
)


@rule("breakdown.alternative", "同一合计的两种分法（按收入性质、按支出性质）合计是否相等")
def check_alternative_breakdowns(context: CheckContext) -> list[Finding]:
    """'按收入性质分:2030.12 … 按支出性质分:1925.67': each total is the figure printed after its
    marker, or the sum of its parts (一般公共预算 + 政府性基金 + 其他资金 / 基本支出 + 项目支出)
    found in the lines that follow. Both must be the same total."""
    text = context.report.text
    places = context.report.places
    findings = []
    for spec in context.data.identities.get("breakdowns") or ():
        first, second = spec["first"]["marker"], spec["second"]["marker"]
        if not has_word(text, first, places) or not has_word(text, second, places):
            continue  # (a marker not in the text is not looked for through all of it)
        first_at, second_at = text.find(first), text.find(second)
        window_end = min(len(text), max(first_at, second_at) + 400)
        values = [m for m in _BREAKDOWN_VALUE.finditer(text, min(first_at, second_at), window_end)]
        totals = []
        for side in ("first", "second"):
            marker = spec[side]["marker"]
            parts_words = tuple(spec[side]["parts"])
            stated = next((m for m in values if m.group("label").endswith(marker)), None)
            parts = [m for m in values if m.group("label").replace("其中", "").startswith(parts_words)]
            total = (
                _value(stated)
                if stated is not None
                else sum((_value(m) for m in parts), ZERO)
                if parts
                else None
            )
            listing = "+".join(m.group("n") for m in parts)
            totals.append((marker, total, stated, listing, len(parts)))
        (m1, t1, s1, l1, n1), (m2, t2, s2, l2, n2) = totals
        if t1 is None or t2 is None or (s1 is None and n1 < 2) or (s2 is None and n2 < 2):
            continue
        if abs(t1 - t2) < Decimal("0.01"):
            continue
        anchor = s2 or s1
        unit = (anchor.group("unit") or "") if anchor is not None else ""
        findings.append(
            context.finding(
                "breakdown.alternative",
                ERROR,
                f"同一合计的两种分法不一致：{m1}{plain(t1)}{unit}"
                f"{'（' + l1 + '）' if l1 else ''}，{m2}{plain(t2)}{unit}{'（' + l2 + '）' if l2 else ''}，"
                f"相差{plain(abs(t1 - t2))}{unit}",
                anchor.start(),
                anchor.end(),
                expected=plain(t1),
                found=plain(t2),
            )
        )
    if "|" in text:
        findings.extend(_table_row_breakdowns(context))
    if "按" in text:
        findings.extend(_dimension_breakdowns(context))
        findings.extend(_table_dimension_breakdowns(context))
    return findings


_TABLE_MARKER = re.compile(r"按[\u4e00-\u9fff]{1,8}分")
_MONEY_KINDS = ("年初预算", "全年预算", "执行数", "year")


def _table_dimension_breakdowns(context: CheckContext) -> list[Finding]:
    """'年度资金总额 | 612.40 | 845.96 | 801.27' then '按收入性质分:' over its rows and '按支出性质分:'
    over its rows: the rows under each marker (a line of its own between the rows) add up to the total
    row above them, column by column. An error when the rows under another marker add up to the total
    in that column, else a warning."""
    text = context.report.text
    findings = []
    for table in context.tables:
        rows = table.rows
        if len(rows) < 5:
            continue
        groups: list[tuple[str, list]] = []
        for index in range(1, len(rows)):
            between = text[rows[index - 1].end : rows[index].start]
            marker = _TABLE_MARKER.search(between)
            if marker is not None:
                groups.append((marker.group(0), [rows[index]]))
            elif groups:
                groups[-1][1].append(rows[index])
        if not groups or groups[0][1][0] is not rows[1] or any(len(members) < 2 for _, members in groups):
            continue  # the markers stand right under the total row, each over two rows or more
        total = rows[0]
        for column, kind in enumerate(table.kinds):
            if kind not in _MONEY_KINDS:
                continue
            whole = total.cell(column)
            if whole is None or whole.value is None:
                continue
            sums = []
            for name, members in groups:
                cells = [m.cell(column) for m in members]
                if any(c is None or c.value is None for c in cells):
                    sums.append(None)
                    continue
                half = sum((c.half for c in cells), whole.half)
                sums.append((name, cells, sum((c.value for c in cells), ZERO), half))
            fits = [g is not None and abs(g[2] - whole.value) <= g[3] for g in sums]
            for group, fit in zip(sums, fits, strict=True):
                if group is None or fit:
                    continue
                name, cells, added, _half = group
                confirmed = any(fits)
                findings.append(
                    context.finding(
                        "breakdown.alternative",
                        ERROR if confirmed else WARNING,
                        f"表中{name}各行的{table.columns[column]}之和{plain(added)}（{'+'.join(c.text for c in cells)}），"
                        f"与“{total.label}”{whole.text}不符，相差{plain(abs(added - whole.value))}"
                        + ("（另一种分法的各行之和与之相符）" if confirmed else ""),
                        cells[0].start,
                        cells[-1].end,
                        expected=whole.text,
                        found=plain(added),
                    )
                )
    return findings


_DIMENSIONS = words("breakdown.dimensions")
_DIMENSION_MARKER = re.compile(
    r"按(?:照)?(?P<d>"
    + "|".join(sorted(map(re.escape, _DIMENSIONS), key=len, reverse=True))
    + r")(?:划分|分|看)"
)


def _dimension_breakdowns(context: CheckContext) -> list[Finding]:
    """'项目资金总额2,087.40万元。按资金来源分，A835.00万元，B626.20万元…；按资金用途分，C…，D…，E…。':
    the amounts listed after a marker of a dimension (to the end of its clause, brackets left out) are
    the whole broken down one way; their sum is the total stated before the marker in the paragraph
    (the amount nearest in value to the sum, within a tenth of it). A mismatch is an error when the
    amounts between the total and the marker add up to it exactly (another breakdown confirms the
    total), else a warning."""
    report = context.report
    text = report.text
    findings = []
    # (in a long text tried at each 按 only)
    for marker in matches_in(_DIMENSION_MARKER, text, report.places):
        paragraph = report.paragraph_at(marker.start())
        if paragraph is None:
            continue
        parts = _listed_after(report, marker.end(), paragraph.end)
        if len(parts) < 2 or any(
            q.kind != "money" or q.role != "level" or q.approx or q.unit != parts[0].unit for q in parts
        ):
            continue
        added = sum((q.base_value for q in parts), ZERO)
        before = [
            q
            for q in report.quantities_between(paragraph.start, marker.start())
            if q.kind == "money"
            and q.role == "level"
            and not q.approx
            and not _in_bracket(text, paragraph.start, q.start)
        ]
        near = [q for q in before if abs(q.base_value - added) * 10 <= added]
        if not near:
            continue
        total = min(reversed(near), key=lambda q: abs(q.base_value - added))
        envelope = sum((report.half_unit(q) for q in parts), report.half_unit(total))
        if abs(added - total.base_value) <= envelope:
            continue
        between = [q for q in before if q.start > total.start]
        confirmed = len(between) >= 2 and abs(
            sum((q.base_value for q in between), ZERO) - total.base_value
        ) <= sum((report.half_unit(q) for q in between), report.half_unit(total))
        listing = "+".join(q.text for q in parts)
        findings.append(
            context.finding(
                "breakdown.alternative",
                ERROR if confirmed else WARNING,
                f"{marker.group(0)}的{len(parts)}项之和{amount_like(added, total)}（{listing}），"
                f"与总额“{total.raw_label}”{total.text}{total.unit}不符，相差{amount_like(abs(added - total.base_value), total)}"
                + ("（前面另一种分法的各项之和与总额相符）" if confirmed else ""),
                # confirmed, the parts are wrong; else either may be: the finding spans the total too
                (parts[0] if confirmed else total).start - len((parts[0] if confirmed else total).raw_label),
                parts[-1].end,
                expected=f"{total.text}{total.unit}",
                found=amount_like(added, total),
            )
        )
    return findings


def _listed_after(report, start: int, limit: int) -> list:
    """The amounts a marker lists (brackets left out, and the count of each item, '14个,3,105.60万元'):
    those of its clause; or, when that clause holds one amount only, those of the clauses parted by
    ';' up to the end of the sentence or the next marker (one amount each: '产业类项目14个,3,105.60
    万元;基础设施类项目11个,1,420.40万元;…')."""
    text = report.text
    end = first_mark(text, "。\n", start, limit)
    following = _DIMENSION_MARKER.search(text, start, end)
    end = following.start() if following is not None else end

    def amounts(low: int, high: int) -> list:
        return [
            q
            for q in report.quantities_between(low, high)
            if not _in_bracket(text, start, q.start) and q.kind != "count"
        ]

    clauses, low = [], start
    while low < end:
        high = first_mark(text, ";", low, end)
        clauses.append(amounts(low, high))
        low = high + 1
    if not clauses or len(clauses[0]) != 1:
        return clauses[0] if clauses else []
    if any(len(clause) != 1 for clause in clauses):
        return clauses[0]
    return [clause[0] for clause in clauses]


def _in_bracket(text: str, low: int, position: int) -> bool:
    """Whether ``position`` stands inside a bracket opened after ``low``."""
    piece = text[low:position]
    return piece.count("(") + piece.count("（") > piece.count(")") + piece.count("）")


_ROW_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ROW_HEAD = re.compile(r"^(?:其中[:：]?)|(?:明细|构成)$")


def _table_row_breakdowns(context: CheckContext) -> list[Finding]:
    """'| 按支出性质分 | 基本支出 | 412.36 | 项目支出 | 1,320.22 |' and then '| 基本支出 | 人员经费 |
    358.74 | 公用经费 | 63.62 |': a '|' row of name–amount pairs whose first cell names an amount of
    another row is that amount broken down; its amounts add up to it (within the rounding of the
    printed cells). The amount is the one of that name in the nearest row before (a 预算 row and a
    决算 row may both state it), else in the first after. Names that state a stage (预算, 执行 …) are
    columns of one figure, not parts."""
    text = context.report.text
    data = context.data
    stated: dict[str, list[tuple[Decimal, Decimal, int]]] = {}  # name → [(value, half, start)]
    rows = []
    at = text.find("|")
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if text.startswith("|", line_start):
            pairs, head = _name_amount_pairs(text, line_start, line_end, data)
            if pairs is not None:
                for name, value, half, start, _end in pairs:
                    stated.setdefault(name, []).append((value, half, start))
                if head and len(pairs) >= 2:
                    rows.append((head, pairs, line_start, line_end))
        at = text.find("|", line_end)
    findings = []
    for head, pairs, line_start, line_end in rows:
        places = [s for s in stated.get(head, ()) if not line_start <= s[2] <= line_end]  # (not its own)
        before = [s for s in places if s[2] < line_start]
        if not places:
            continue
        value, half, _start = before[-1] if before else places[0]
        total = sum((pair[1] for pair in pairs), ZERO)
        envelope = half + sum((pair[2] for pair in pairs), ZERO)
        if abs(total - value) < envelope or total == value:
            continue
        listing = "+".join(plain(pair[1]) for pair in pairs)
        findings.append(
            context.finding(
                "breakdown.alternative",
                ERROR,
                f"“{head}”一行所列各项之和{plain(total)}（{listing}），与表中“{head}”{plain(value)}不符，"
                f"相差{plain(abs(total - value))}",
                pairs[0][3],
                pairs[-1][4],
                expected=plain(value),
                found=plain(total),
            )
        )
    return findings


def _name_amount_pairs(text: str, start: int, end: int, data) -> tuple[list | None, str]:
    """The (name, value, half, start, end) pairs of a '|' row made of a first cell and then only
    name, amount, name, amount … (None for any other row), and its first cell's name."""
    cells = []
    position = start
    for piece in text[start:end].split("|"):
        stripped = piece.strip()
        offset = piece.find(stripped) if stripped else 0
        cells.append((stripped, position + offset))
        position += len(piece) + 1
    cells = [cell for cell in cells if cell[0]]
    if len(cells) < 5 or len(cells) % 2 == 0:
        return None, ""
    head = _ROW_HEAD.sub("", cells[0][0])
    pairs = []
    for (name, _), (number, number_start) in zip(cells[1::2], cells[2::2], strict=True):
        if _ROW_NUMBER.fullmatch(number) is None or _ROW_NUMBER.search(name) is not None:
            return None, ""
        if role_and_subject(name, data)[0]:
            return None, ""  # '| 基本支出 | 年初预算 | 100 | 执行数 | 95 |': one figure's stages
        value = Decimal(number.replace(",", ""))
        pairs.append((name, value, printed_half(number), number_start, number_start + len(number)))
    if head and (_ROW_NUMBER.search(head) is not None or role_and_subject(head, data)[0]):
        head = ""
    return pairs, head


_SMALLER_BASE = re.compile(
    r"(?:按照|按|以)(?:项目)?(?:年初预算|原预算|初始预算|年初计划|原计划)(?:数|资金)?(?:口径|为分母|为基数|计算)"
)
_EXCESS_EXPLAINED = ("超出部分", "超支部分", "超过部分", "超出的部分")


def _over_a_named_smaller_base(text: str, quantity: Quantity) -> bool:
    """A rate over 100% whose own clause names the year-start budget as its base, or whose sentence
    goes on to explain the excess: a stated reading, not an impossible value."""
    low = max(text.rfind(mark, 0, quantity.start) for mark in ("。", ";", "；", "\n"))
    if _SMALLER_BASE.search(text, low + 1, quantity.start):
        return True
    if text.startswith(("（", "("), quantity.end) and _SMALLER_BASE.match(text, quantity.end + 1):
        return True  # '执行率108.00%（按年初预算计算）'
    ends = [i for i in (text.find(mark, quantity.end) for mark in ("。", "\n")) if i >= 0]
    rest = text[quantity.end : min(ends) if ends else len(text)]
    return any(word in rest for word in _EXCESS_EXPLAINED)


def _value(match: re.Match) -> Decimal:
    return Decimal(match.group("n").replace(",", "")) * MONEY_UNITS.get(match.group("unit") or "", Decimal(1))


# ---------------------------------------------------------------------------------------------
# Values no figure of their kind can take


@rule(
    "value.impossible",
    "不可能的值：满意度、合格率、执行率等超过100%；上年为0却说增长百分之几；增加额大于本年数",
)
def check_impossible_values(context: CheckContext) -> list[Finding]:
    findings = []
    names = tuple(context.data.wording.get("max_100") or ())
    text = context.report.text
    for quantity in of_kind(context, "percent"):
        if quantity.value <= 100 or quantity.role != "level":
            continue
        if not any(name in quantity.label for name in names):
            continue
        before = text[max(0, quantity.start - 2) : quantity.start]
        if before.endswith(("≥", "≤", ">", "<", "超", "过")):
            continue
        if _glued_weight(quantity.text):
            continue  # “验收合格率20100%”: the weight 20 and 100% with the cells run together
        if _over_a_named_smaller_base(text, quantity):
            continue  # '若按年初预算口径计算，执行率为102.18%，超出部分由年中追加资金解决'
        findings.append(
            context.finding(
                "value.impossible",
                WARNING,
                f"{quantity.label}{quantity.text}%超过100%：这一比率一般不能超过100%，请核对或说明原因",
                quantity.start,
                quantity.end,
                found=f"{quantity.text}%",
            )
        )
    for statement in context.year_on_year:
        current, delta, percent = statement.current, statement.delta, statement.percent
        if (
            current is not None
            and current.kind == "money"
            and current.value == 0
            and not current.approx
            and percent is not None
            and percent.value != 0
            and not (
                percent.value == 100 and direction_of(statement.percent_word or statement.delta_word) < 0
            )
        ):
            findings.append(
                context.finding(
                    "value.impossible",
                    ERROR,
                    f"本年为0{current.unit}，却说比上年{statement.percent_word or statement.delta_word}"
                    f"{percent.text}%：本年为0时只能是下降100%（上年也为0则无从比较）",
                    statement.start,
                    statement.end,
                    found=f"{percent.text}%",
                )
            )
            continue
        if current is None or delta is None or current.approx or delta.approx or current.kind != "money":
            continue
        if statement.delta_word not in ("增加", "增长", "上升", "多了", "增"):
            continue
        if delta.base_value > 0 and current.base_value <= delta.base_value - context.report.half_unit(delta):
            findings.append(
                context.finding(
                    "value.impossible",
                    ERROR,
                    f"本年只有{current.text}{current.unit}，却说比上年增加{delta.text}{delta.unit}：上年数成了负数",
                    statement.start,
                    statement.end,
                    found=f"{delta.text}{delta.unit}",
                )
            )
    return findings


def _glued_weight(digits: str) -> bool:
    """'20100' is a weight (≤30) followed by a percentage (≤100): two cells of a table flattened
    into one string with nothing between them. Needs four digits or more (105% stays 105%). Six
    digits or more ('303010100': budget, budget, weight, rate) are cells run together whatever
    they are: no rate is written so."""
    if not digits.isdigit() or len(digits) < 4:
        return False
    if len(digits) >= 6:
        return True
    for cut in (1, 2):
        weight, rate = digits[:cut], digits[cut:]
        if int(weight) <= 30 and not rate.startswith("0") and int(rate) <= 100:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Rates whose denominator is paid + unpaid


_PAID_RATE = re.compile(r"率(?:为|达|达到)?(?P<n>\d+(?:\.\d+)?)%")
_PAID_NAMES = words("rules_figures.paid_names")
_UNPAID_ANCHOR = re.compile("未(?:支|付|拨|使用)")
_UNPAID = words("rules_figures.unpaid")


@rule("rate.paid_unpaid", "支付率＝已支付÷（已支付＋未支付）：同一句给出已付、未付金额时复算比率")
def check_paid_unpaid_rates(context: CheckContext) -> list[Finding]:
    """'支付18501.096万元,未支703万元,支付率95%': the rate is paid ÷ (paid + unpaid). An integer
    percentage off by more than 0.5 but less than 1 is printed coarser than its data (warning);
    further off, or off beyond the envelope of a percentage with decimals, is an error."""
    report = context.report
    text = report.text
    findings = []
    if first_match_in(_UNPAID_ANCHOR, text, report.places) is None:  # (tried at each 未 only, in a long text)
        return findings
    for match in _PAID_RATE.finditer(text):
        name = text[max(0, match.start() - 2) : match.start()]
        if name not in _PAID_NAMES:
            continue
        sentence_start = last_mark(text, "。\n;", 0, match.start()) + 1
        money = [
            q
            for q in report.quantities_between(sentence_start, match.start())
            if q.kind == "money" and q.role == "level" and not q.approx
        ]
        unpaid = [q for q in money if q.raw_label.endswith(_UNPAID)]
        paid = [
            q
            for q in money
            if q not in unpaid and any(w in q.raw_label for w in ("支付", "拨付", "支出", "执行"))
        ]
        if len(unpaid) != 1 or len(paid) != 1:
            continue
        p, u = paid[0], unpaid[0]
        denominator = p.base_value + u.base_value
        if denominator <= 0:
            continue
        exact = p.base_value * HUNDRED / denominator
        stated = Decimal(match.group("n"))
        places = len(match.group("n").split(".", 1)[1]) if "." in match.group("n") else 0
        if round_half_up(exact, places) == stated:
            continue
        off = abs(exact - stated)
        severity = WARNING if places == 0 and off < 1 else ERROR
        findings.append(
            context.finding(
                "rate.paid_unpaid",
                severity,
                f"{name}率与金额不符：{p.text}{p.unit}÷（{p.text}{p.unit}+{u.text}{u.unit}）"
                f"={round_half_up(exact, 2)}%，报告写{match.group('n')}%",
                match.start() - 2,
                match.end(),
                expected=f"{round_half_up(exact, places)}%",
                found=f"{match.group('n')}%",
            )
        )
    return findings


RULES = (
    check_same_quantity,
    check_balance,
    check_claims_against_rates,
    check_alternative_breakdowns,
    check_impossible_values,
    check_paid_unpaid_rates,
)


# ---------------------------------------------------------------------------------------------
# Comparison words against the numbers they compare


_COMPARE_FIRST = frozenset("高大多低小少")
_HIGHER = words("rules_figures.higher")


class _Word(NamedTuple):
    first: int
    last: int
    word: str

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


@rule("compare.words", "比较用词（高于、低于、持平）与所比的两个数是否一致")
def check_comparison_words(context: CheckContext) -> list[Finding]:
    """'A 12万元，高于B 15万元' — the word says A > B, the numbers say otherwise. '与上年持平' in a
    statement that prints a non-zero change, or a current and previous figure that differ."""
    report = context.report
    text = report.text
    findings = []
    for at in scan.places_of(text, "于", report.places):
        if not at or text[at - 1] not in _COMPARE_FIRST:
            continue
        match = _Word(at - 1, at + 1, text[at - 1 : at + 1])
        before = [
            q
            for q in report.quantities_between(max(0, match.start() - 16), match.start())
            if q.role == "level"
        ]
        after = [
            q
            for q in report.quantities_between(match.end(), min(len(text), match.end() + 20))
            if q.role in ("level", "previous")
        ]
        if not before or not after:
            continue
        a, b = before[-1], after[0]
        if a.kind != b.kind or a.approx or b.approx or a.kind not in ("money", "percent"):
            continue
        if text[a.end : match.start()].strip(",，") or "。" in text[match.end() : b.start]:
            continue
        higher = match.word in _HIGHER
        half = context.report.half_unit(a) + context.report.half_unit(b)
        wrong = a.base_value <= b.base_value - half if higher else a.base_value >= b.base_value + half
        if not wrong:
            continue
        findings.append(
            context.finding(
                "compare.words",
                ERROR,
                f"说“{a.text}{a.unit}{match.word}{b.text}{b.unit}”，数字却是"
                f"{'前者不大于后者' if higher else '前者不小于后者'}",
                a.start,
                b.end,
                found=match.word,
            )
        )
    findings.extend(_measure_comparisons(context))
    if has_word(text, "预算", report.places):
        findings.extend(_against_the_budget(context))
    if has_word(text, "持平", report.places):
        findings.extend(_flat_against_last_year(context))
        for statement in context.year_on_year:
            sentence_start = last_mark(text, "。\n", 0, statement.start) + 1
            sentence_end = text.find("。", statement.start)
            sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
            if "持平" not in sentence or statement.delta is None or statement.delta.value == 0:
                continue
            if not _flat_said_of(context, statement, sentence_start, sentence):
                continue
            findings.append(
                context.finding(
                    "compare.words",
                    ERROR,
                    f"说与上年持平，却又写{statement.delta_word}{statement.delta.text}{statement.delta.unit}",
                    statement.start,
                    statement.end,
                    found="持平",
                )
            )
    return findings


# '婴儿死亡率为2.1‰，低于年度目标4‰', '亩均产能提高82公斤，高于目标值80公斤': rates per mille and
# measures, which the parse reads as no figure (a number, its unit, the word, a few words, the same unit)
_MEASURE_UNITS = "|".join(
    sorted(map(re.escape, {"‰", "公斤", "千克", *words("rules_measures.units")}), key=len, reverse=True)
)
_UNIT_ENDS = frozenset("‰斤克亩米吨里顷")
_MEASURE_COMPARED = re.compile(
    rf"(?<![\d.])(?P<a>\d+(?:\.\d+)?)(?P<u>万?(?:{_MEASURE_UNITS})),?(?P<word>[高大多低小少]于)"
    rf"[\u4e00-\u9fff]{{0,10}}?(?P<b>\d+(?:\.\d+)?)(?P=u)"
)


def _measure_comparisons(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    # (a 于 after 高/低… with a unit's last character just before: the few places worth a search)
    places = [
        at
        for at in scan.places_of(text, "于", context.report.places)
        if at > 2
        and text[at - 1] in _COMPARE_FIRST
        and (text[at - 2] in _UNIT_ENDS or text[at - 3] in _UNIT_ENDS)
    ]
    for match in (m for at in places if (m := _MEASURE_COMPARED.search(text, max(0, at - 16), at + 24))):
        a, b, word = Decimal(match.group("a")), Decimal(match.group("b")), match.group("word")
        higher = word in _HIGHER
        if (a > b) if higher else (a < b):
            continue
        findings.append(
            context.finding(
                "compare.words",
                ERROR,
                f"说“{match.group('a')}{match.group('u')}{word}{match.group('b')}{match.group('u')}”，数字却是"
                f"{'前者不大于后者' if higher else '前者不小于后者'}",
                match.start(),
                match.end(),
                found=word,
            )
        )
    return findings


# '2023年“三公”经费决算10.85万元，比年初预算12.00万元节约1.15万元': the actual against the budget,
# the saving (or the excess) stated as an amount
_AGAINST_BUDGET = re.compile(r"(?:比|较)(?:年初|调整后|全年)?预算(?:数)?(?=\d)")
_BUDGET_CHANGE = re.compile(r"(?P<word>节约|节省|结余|减少|少支出|超支|增加|多支出)了?")
_BUDGET_SAVED = ("节约", "节省", "结余", "减少", "少支出")


def _against_the_budget(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    findings = []
    for match in scan.finditer(_AGAINST_BUDGET, text, report.places):
        budget = report.quantity_starting(match.end())
        if budget is None or budget.kind != "money" or budget.approx:
            continue
        word = _BUDGET_CHANGE.match(text, budget.end)
        change = report.quantity_starting(word.end(), slack=1) if word else None
        if change is None or change.kind != "money" or change.approx:
            continue
        clause = last_mark(text, "。;\n", 0, match.start()) + 1
        before = [
            q
            for q in report.quantities_between(clause, match.start())
            if q.kind == "money" and q.role == "level"
        ]
        if not before or before[-1].approx or text[before[-1].end : match.start()].strip(",") != "":
            continue  # the actual right before the comparison, nothing between
        actual = before[-1]
        sign = -1 if word.group("word") in _BUDGET_SAVED else 1
        expected = budget.base_value + sign * change.base_value
        envelope = report.half_unit(actual) + report.half_unit(budget) + report.half_unit(change)
        if abs(expected - actual.base_value) <= envelope:
            continue
        gap = abs(actual.base_value - budget.base_value)
        findings.append(
            context.finding(
                "compare.words",
                ERROR,
                f"与预算的差额不符：{show(budget)}与{show(actual)}相差{amount_like(gap, change)}，"
                f"报告写{word.group('word')}{show(change)}",
                actual.start,
                change.end,
                expected=amount_like(gap, change),
                found=show(change),
            )
        )
    return findings


_ROUGHLY = ("基本", "大致", "大体", "基本与上年", "大致与上年", "基本同上年", "基本保持")

# '本年收入5,874.62万元，与上年（5,214.90万元）基本持平': between last year's figure and 持平
_FLAT_AFTER = re.compile(r"[)）]?(?:相比|比较)?,?(?P<rough>基本上?|大致|大体)?(?:保持)?持平")
# how far two figures said to be flat may part: exactly flat within 2%, roughly flat within 10%
_FLAT_LIMIT = Decimal(2)
_ROUGHLY_FLAT_LIMIT = Decimal(10)


def _flat_against_last_year(context: CheckContext) -> list[Finding]:
    """This year's figure, then '与上年（X）（基本）持平' with last year's X: the two must be close —
    within the rounding for 持平 said plainly (2% allowed), within 10% for 基本持平."""
    report = context.report
    text = report.text
    findings = []
    for at in scan.places_of(text, "持", report.places):
        if not text.startswith("持平", at):
            continue
        before = report.quantities_between(max(0, at - 40), at)
        if len(before) < 2:
            continue
        previous, current = before[-1], before[-2]
        flat = _FLAT_AFTER.fullmatch(text, previous.end, at + 2)
        if flat is None or previous.role != "previous" or current.role != "level":
            continue
        if (
            current.kind != previous.kind
            or current.kind not in ("money", "count")
            or current.unit != previous.unit
        ):
            continue
        if current.approx or previous.approx or previous.base_value <= 0:
            continue
        if text[current.end : previous.start - len(previous.raw_label)] not in ("", ",", "，"):
            continue  # only this year's figure, then 与上年: no other statement between
        change = current.base_value - previous.base_value
        if abs(change) <= report.half_unit(current) + report.half_unit(previous):
            continue
        share = abs(change) * HUNDRED / previous.base_value
        if share <= (_ROUGHLY_FLAT_LIMIT if flat.group("rough") else _FLAT_LIMIT):
            continue
        said = f"{flat.group('rough') or ''}持平"
        findings.append(
            context.finding(
                "compare.words",
                WARNING,
                f"说与上年{said}，但本年{current.text}{current.unit}比上年{previous.text}{previous.unit}"
                f"{'增加' if change > 0 else '减少'}{amount_like(abs(change), current)}，"
                f"{'增长' if change > 0 else '下降'}{round_half_up(share, 2)}%，不能算{said}",
                current.start,
                at + 2,
                expected=f"{'增加' if change > 0 else '减少'}{amount_like(abs(change), current)}",
                found=said,
            )
        )
    return findings


def _flat_said_of(context: CheckContext, statement, sentence_start: int, sentence: str) -> bool:
    """Whether a 持平 of the sentence speaks of the statement's own figure: nothing between them
    names another figure ('…减少2.52万元，其中因公出国（境）费…均为0，与上年持平' — the 持平 is of the
    parts; '决算数与上年12.46万元持平，其中公务用车运行维护费…增加0.36万元' — the change is of a part)."""
    report = context.report
    own = {q.start for q in (statement.current, statement.delta, statement.percent, statement.previous) if q}
    at = sentence.find("持平")
    while at >= 0:
        if sentence[max(0, at - 6) : at].endswith(_ROUGHLY):
            at = sentence.find("持平", at + 2)
            continue  # '降幅0.31%，基本与上年持平': roughly flat, said beside the small change
        flat = sentence_start + at
        low, high = (statement.end, flat) if flat >= statement.end else (flat, statement.start)
        between = report.text[low:high]
        others = [q for q in report.quantities_between(low, high) if q.start not in own]
        if "其中" not in between and ";" not in between and not others:
            return True
        at = sentence.find("持平", at + 2)
    return False


# ---------------------------------------------------------------------------------------------
# 三公 spending above its budget, stock figures


_SANGONG = words("rules_figures.sangong")
_REASONS = words("rules_figures.reasons")


@rule("sangong.over_budget", "“三公”经费实际支出超过预算却没有说明原因")
def check_sangong_over_budget(context: CheckContext) -> list[Finding]:
    report = context.report
    findings = []
    figs = [f for f in prose_money(context) if any(w in f.subject for w in _SANGONG)]
    for budget in figs:
        if budget.role not in ("预算", "年初预算", "调整后"):
            continue
        for spent in figs:
            if (
                spent.role != "执行"
                or spent.paragraph != budget.paragraph
                or subject_key(spent.subject, context.data) != subject_key(budget.subject, context.data)
            ):
                continue
            if spent.base - budget.base < spent.half + budget.half:
                continue
            paragraph = report.paragraphs[spent.paragraph]
            if any(word in paragraph.text for word in _REASONS):
                continue
            findings.append(
                context.finding(
                    "sangong.over_budget",
                    WARNING,
                    f"“{spent.subject}”实际支出{_show(spent)}超过预算{_show(budget)}，"
                    f"超出{amount_like(spent.base - budget.base, spent.quantity)}，文中没有说明原因",
                    spent.start,
                    spent.end,
                    expected=f"不超过{_show(budget)}或说明原因",
                    found=_show(spent),
                )
            )
    return findings


class _StockLabels(NamedTuple):
    labels: frozenset[str]
    longest_first: tuple[str, ...]  # for the label a longer one ends with ('委机关核定编制数' → '编制数')
    endings: frozenset[str]  # their last two characters: a label ending otherwise ends with none
    same: dict[str, str]  # another wording of one stock figure → the one it is compared as


def _stock_labels(data) -> _StockLabels:
    labels = frozenset(data.identities.get("stock") or ())
    return _StockLabels(
        labels,
        tuple(sorted(labels, key=len, reverse=True)),
        frozenset(label[-2:] for label in labels),
        dict(data.identities.get("stock_same") or {}),
    )


@rule("stock.changed", "存量数字（核定编制、在职人数、年初结转结余）在报告两处写成不同的值")
def check_stock_figures(context: CheckContext) -> list[Finding]:
    """A stock figure (a staff count, 年初结转和结余) stated twice for the same year and the same point
    in time with two values. A figure that names no year is of the year evaluated; '本单位共有在编人员'
    is 在编人员; one stated at the year's start (年初) and one at its end (年末, 截至年底) are two. One
    that names no point in time is of the point its label's other figures name only when another stock
    figure of its sentence agrees with that point's ('在职人员36人、退休人员21人' beside '截至12月31日,
    在职人员35人,退休人员21人'). Figures of a form are read too: a cell that has no label of its own
    takes its row's ('|在职职工| / |1,263人|年末数|', its point in time named anywhere in the row), and
    a form read one cell a line takes its header lines in order ('编制数', '实际在职人数', then '48',
    '45'). Wordings of one stock figure (编制数, 核定编制) are compared as one (identities.yaml)."""
    stock = context.data.once(_stock_labels)
    if not stock.labels:
        return []
    text = context.report.text
    own = _own_title_name(context)
    findings = []
    candidates = []
    together: dict[tuple[str, str, str], int] = {}
    for quantity in context.report.quantities:
        if quantity.kind not in ("count", "money") or quantity.role != "level" or quantity.approx:
            continue
        label, row = quantity.label, False
        if label[-2:] not in stock.endings:
            if label:
                continue  # (no stock label ends otherwise)
            label = _row_label(context, quantity)
            row = bool(label)
            if label[-2:] not in stock.endings:
                continue
        found = _stock_label(label, stock, own)
        if found is None:
            continue  # '行政事业编制' is another count than '事业编制'
        owner, name = found
        year = "" if quantity.year == context.fiscal_year else quantity.year
        group = (year, owner + _subsidiaries_of(text, quantity.start), stock.same.get(name, name))
        together[group] = together.get(group, 0) + 1
        candidates.append((quantity, group, name, row))
    for quantity, label, year in _one_cell_a_line(context, stock) + _label_value_cells(context, stock):
        found = _stock_label(label, stock, own)
        if found is None:
            continue
        owner, name = found
        group = ("" if year == context.fiscal_year else year, owner, stock.same.get(name, name))
        together[group] = together.get(group, 0) + 1
        candidates.append((quantity, group, name, False))
    candidates.sort(key=lambda candidate: candidate[0].start)
    read = []
    values: dict[tuple, set] = {}  # (group, point) → the values stated
    for quantity, group, name, row in candidates:
        if together[group] < 2:
            continue  # the only figure of its year and label: compared with none (its point in time unread)
        point = _row_point_in_time(context, quantity) if row else _point_in_time(text, quantity)
        values.setdefault((group, point), set()).add(quantity.value)
        read.append([quantity, group, name, point])
    _anchor_points(text, read, values)
    seen: dict[tuple[str, str, str, str], object] = {}
    for quantity, group, name, point in read:
        key = (*group, point)
        first = seen.get(key)
        if first is None:
            seen[key] = quantity
            continue
        if not _same_unit(first, quantity) or _bracket_owner(text, first) != _bracket_owner(text, quantity):
            continue  # '局本级187人(…退休人员8人…)', '环卫处1707人(…退休人员148人…)': two bodies' staff
        half = (
            Decimal(5).scaleb(-(max(first.decimals, quantity.decimals) + 1))
            if quantity.kind == "money"
            else 0
        )
        if abs(first.value - quantity.value) <= 2 * half:
            continue
        findings.append(
            context.finding(
                "stock.changed",
                WARNING,
                f"“{name}”前后不一致：前面写{first.text}{first.unit}"
                f"（{context.report.section_at(first.start)}），这里写{quantity.text}{quantity.unit}",
                quantity.start,
                quantity.end,
                expected=f"{first.text}{first.unit}",
                found=f"{quantity.text}{quantity.unit}",
            )
        )
    return findings


_SUBSIDIARIES = words("rules_figures.subsidiaries")


def _subsidiaries_of(text: str, position: int) -> str:
    """'所属' when the sentence before ``position`` speaks of the body's subsidiaries ('所属事业单位15个,
    …,核定编制数320人,在职人员288人'): their staff, not the body's own ('在职人员89人' before)."""
    start = max(text.rfind("。", 0, position), text.rfind("\n", 0, position)) + 1
    for word in _SUBSIDIARIES:
        at = text.find(word, start, position)
        if at >= 0 and text[at - 1] not in "及和与含同":
            return "所属"  # (not '局机关及所属单位': the body and its subsidiaries together)
    return ""


def _anchor_points(text: str, read: list[list], values: dict[tuple, set]) -> None:
    """A figure that names no point in time takes the one point its label's other figures name when
    another stock figure of its sentence, naming no point either, has the value its own label has at
    that point: the sentence speaks of the same moment ('保障在职人员36人、退休人员21人' beside
    '截至12月31日,在职人员35人(…),退休人员21人')."""
    stated: dict[tuple, set[str]] = {}
    for _, group, _, point in read:
        if point:
            stated.setdefault(group, set()).add(point)
    for entry in read:
        quantity, group, _, point = entry
        if point or len(stated.get(group, ())) != 1:
            continue
        (moment,) = stated[group]
        start = last_mark(text, "。;\n", 0, quantity.start) + 1
        end = first_mark(text, "。;\n", quantity.end, len(text))
        for other, other_group, _, other_point in read:
            if (
                other is not quantity
                and start <= other.start < end
                and other_group != group
                and not other_point
                and stated.get(other_group) == {moment}
                and other.value in values.get((other_group, moment), ())
            ):
                entry[3] = moment
                break


def _row_point_in_time(context: CheckContext, quantity) -> str:
    """年初 or 年末 when the form's row names one of them anywhere ('|在职职工| / |1,263人|年末数|')."""
    paragraph = context.report.paragraph_at(quantity.start)
    row = paragraph.text if paragraph is not None else ""
    end = any(word in row for word in _YEAR_END)
    start = any(word in row for word in _YEAR_START)
    return "年末" if end and not start else "年初" if start and not end else ""


_PEOPLE = frozenset(("人", "名", ""))  # a form's bare number under a header of people


def _same_unit(first, quantity) -> bool:
    if first.unit == quantity.unit:
        return True
    return first.kind == quantity.kind == "count" and {first.unit, quantity.unit} <= _PEOPLE


def _own_title_name(context: CheckContext) -> str:
    """The reporting body's name, as its title writes it before the year ('玉山县消防救援大队'), or ""."""
    found = context.memo.get("rules_figures.own_title_name")
    if found is None:
        found = ""
        for line in title_lines(context.report.text):
            year = _TITLE_YEAR.search(line)
            if year is not None and "报告" in line:
                found = line[: year.start()].strip()
                break
        context.memo["rules_figures.own_title_name"] = found
    return found


_CELL_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}")


def _row_label(context: CheckContext, quantity) -> str:
    """The label of a form's cell that has none of its own ('|产出|在职职工| / | 1,263人|年末数|'):
    the nearest cell before it that holds words and no figure, when it is the only figure of its
    kind in its row (a row with a target and an actual value is two readings of one label)."""
    paragraph = context.report.paragraph_at(quantity.start)
    if paragraph is None or "|" not in paragraph.text:
        return ""
    line, offset = paragraph.text, quantity.start - paragraph.start
    if (
        sum(
            1
            for q in context.report.quantities_between(paragraph.start, paragraph.end)
            if q.kind == quantity.kind
        )
        != 1
    ):
        return ""
    for cell in reversed(line[:offset].split("|")[:-1]):
        cell = cell.strip()
        if _DIGITS.search(cell):
            return ""  # a figure before it in the row: a column of values, not the row's label
        if _CELL_WORDS.fullmatch(cell):
            return cell
    return ""


_DIGITS = re.compile(r"\d")
_BARE_VALUE = re.compile(r"\d{1,6}")
_VALUE_ROW = re.compile(r"\|\s*\d")  # a '|' row with a value in it
_VALUE_LINE = re.compile(r"[\d,]+(?:\.\d+)?%?")
_HEADER_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年度?")


def _label_value_cells(context: CheckContext, stock: _StockLabels) -> list[tuple]:
    """The stock figures of a form's row of label and value cells ('| 编制人数 | 15 | 实有人数 | 14 |'):
    a cell that ends like a stock label followed by a cell holding a bare whole number."""
    found = []
    if "|" not in context.report.text:
        return found
    paragraphs = context.report.paragraphs
    for index, paragraph in enumerate(paragraphs):
        line = paragraph.text
        if "|" not in line:
            continue
        if (
            index + 1 < len(paragraphs)
            and "|" in paragraphs[index + 1].text
            and (index + 2 == len(paragraphs) or not _VALUE_ROW.search(paragraphs[index + 2].text))
        ):
            # (a header over one row: the body's own figures; over several, a row for each unit)
            found.extend(_header_over_values(paragraph, paragraphs[index + 1], stock))
        cells = line.split("|")
        offset = paragraph.start
        for header, cell in pairwise(cells):
            offset += len(header) + 1
            name = header.strip()
            if len(name) > 16 or name[-2:] not in stock.endings:
                continue
            value = cell.strip()
            if _BARE_VALUE.fullmatch(value) is None:
                continue
            found.append(_stock_cell(name, value, offset + cell.index(value)))
    return found


def _stock_cell(name: str, value: str, at: int) -> tuple[Quantity, str, str]:
    """A form's stock figure: the cell ``value`` at ``at`` under the column (or beside the row
    name) ``name``, as (a count Quantity with no unit, its label, the year the name opens with)."""
    year = _HEADER_YEAR.match(name)
    label = re.sub(r"\s+", "", name[year.end() :] if year else name)
    end = at + len(value)
    quantity = Quantity("count", Decimal(value), "", 0, at, end, end, label, name, False, "level")
    return quantity, label, year.group(1) if year else ""


def _header_over_values(header, values, stock: _StockLabels) -> list[tuple]:
    """A form's header row of stock labels over a row of values ('| 指标 | 编制数 | 实际在职人数 | 控制率 |'
    then '| 财政供养人员 | 66 | 64 | 96.97% |', or the values alone: '| 28 | 26 | 92.86% |'), the
    cells taken in order from the right."""
    names = [cell.strip() for cell in header.text.strip().strip("|").split("|")]
    if not any(name[-2:] in stock.endings for name in names):
        return []
    pieces = values.text.strip().strip("|").split("|")
    cells = [piece.strip() for piece in pieces]
    if len(cells) > len(names) or not any(_BARE_VALUE.fullmatch(cell) for cell in cells):
        return []
    found = []
    offset = values.start + values.text.index(values.text.strip().strip("|"))
    for name, piece, cell in zip(names[len(names) - len(cells) :], pieces, cells, strict=True):
        if name[-2:] in stock.endings and _BARE_VALUE.fullmatch(cell) and not _VALUE_LINE.fullmatch(name):
            found.append(_stock_cell(name, cell, offset + piece.index(cell)))
        offset += len(piece) + 1
    return found


def _one_cell_a_line(context: CheckContext, stock: _StockLabels) -> list[tuple]:
    """The stock figures of a form read one cell a line: a run of header lines ('编制数', '2023年实际
    在职人数', '控制率') then as many lines of values ('48', '45', '93.75%'), the last headers of the
    run taken with the values in order. Each as (a count Quantity with no unit, its label, its year)."""
    paragraphs = context.report.paragraphs
    if not [True for paragraph in paragraphs if paragraph.text.isdigit()]:
        return []  # (no line is a bare whole number: no stock figure of a form read one cell a line)
    found = []
    last = len(paragraphs) - 1
    for index, paragraph in enumerate(paragraphs):
        header = paragraph.text  # (stripped)
        if header[-2:] not in stock.endings or len(header) > 16 or _VALUE_LINE.fullmatch(header):
            continue
        end = index  # the run of header lines goes on to `end`, the values after it to `stop`
        while end < last and end - index < 6 and not _VALUE_LINE.fullmatch(paragraphs[end + 1].text.strip()):
            end += 1
        stop = end + 1
        while stop <= last and stop - end <= 6 and _VALUE_LINE.fullmatch(paragraphs[stop].text.strip()):
            stop += 1
        count = stop - end - 1
        position = index - (end + 1 - count)  # this header's place among the last `count` of the run
        if count < 2 or not 0 <= position < count:
            continue
        paired = paragraphs[end + 1 - count : end + 1]
        if not all(p.text[-2:] in stock.endings or p.text.endswith(("率", "数")) for p in paired):
            continue  # '…实有人数\n局机关\n26\n24': a row's name among the headers paired, a row for each unit
        cell = paragraphs[end + 1 + position]
        value = cell.text.strip()
        if _BARE_VALUE.fullmatch(value) is None:
            continue
        found.append(_stock_cell(header, value, cell.start + cell.text.index(value)))
    return found


_TARGET_STATEMENT = re.compile(
    r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]?)?(?:年度)?(?:绩效|总体|预期)?目标(?:值)?[:：]"
)


def _line_start(text: str, position: int) -> int:
    return last_mark(text, "\n。", 0, position) + 1


def _bracket_owner(text: str, quantity) -> str:
    """The words just before the bracket the figure stands in ('局本级187人(' → '局本级187人'), or ""."""
    line_start = text.rfind("\n", 0, quantity.start) + 1
    opened = text.rfind("(", line_start, quantity.start)
    if opened < 0 or text.find(")", opened, quantity.start) >= 0:
        return ""
    return text[max(line_start, opened - 10) : opened]


_STOCK_HEAD = words("rules_figures.stock_head")
_STOCK_HEAD_FIRST = frozenset(head[:1] for head in _STOCK_HEAD)  # a label opening otherwise has none


def _stock_label(label: str, stock: _StockLabels, own: str = "") -> tuple[str, str] | None:
    """(whose, the stock label) a figure's label is: the label it ends with, once the words that
    only introduce it are taken off ('共有在编人员', '年末实有在职人员', '决算中年初结转结余'). Whose is ""
    for the body itself ('本局', '局机关及所属单位核定编制数'), "机关" for its office alone
    ('委机关核定编制数', '人员经费主要用于委机关在职人员'), and the words naming another body for that
    one's ('下属二级单位年末在职人员'); a label with other words before the stock label ('行政事业编制',
    '离退休人员') is another figure (None). The staff as what money is for ('主要用于保障在职人员') are
    the body's; so are they when the words before them are the end of the body's own name ``own``
    ('大队核定编制' in the report of 某县消防救援大队)."""
    if label in stock.labels:
        return "", label
    name = next((name for name in stock.longest_first if label.endswith(name)), None)
    if name is None:
        return None
    before = label[: -len(name)]
    verb = _STOCK_VERB.search(before)
    if verb is not None:
        before = before[verb.end() :]  # '主要用于保障': the money's use, whose staff follows
    before = _STOCK_INTRO.sub("", before)
    while before and before[:1] in _STOCK_HEAD_FIRST and before.startswith(_STOCK_HEAD):
        head = next((h for h in _STOCK_HEAD if before.startswith(h)), "")
        before = _STOCK_INTRO.sub("", before[len(head) :])
    if not before or (len(before) >= 2 and own.endswith(before)):
        return "", name
    body = _OWN_BODY.search(before)
    if body is not None:
        # '委机关', '局机关', '本级': the body's office alone, not with the units under it
        return ("机关" if body.group("office") else ""), name
    if len(before) <= 12 and _OTHER_BODY.search(before):
        return before, name  # another body's staff, compared only with that body's
    return None


# what stands between the body and the stock label, or before both: a point in time, a record
# ('决算中'), 核定/实有
_STOCK_INTRO = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|年末|年底|年初|期末|末|截至|截止)+|(?:核定|实有|实际|现有|共有|共)+$"
    r"|(?:决算|预算|财务)?(?:报表|表)?中$|(?:年末|年底|年初|期末)+$"
)
# the last verb before the staff whom money is for ('主要用于保障在职人员'): what stands before it is
# the money, not whose staff they are
_STOCK_VERB = re.compile(
    "(?:"
    + "|".join(map(re.escape, words("rules_figures.stock_verbs")))
    + ")(?!.*(?:"
    + "|".join(map(re.escape, words("rules_figures.stock_verbs")))
    + "))"
)
# the body itself, at the end of what precedes the label: 局机关及所属单位, 本院, 全局; or its office
# alone: 委机关, 本级
_OWN_BODY = re.compile(
    r"(?:[本我全][委局院厅部会办所站]|[委局院厅部会办]?机关及(?:所属|下属)各?单位|本单位|本部门"
    r"|(?P<office>[委局院厅部会办]?机关|本级))$"
)
# another body: its units, schools, stations, villages
_OTHER_BODY = re.compile(r"单位|机构|学校|中心|医院|卫生院|乡镇|社区|下属|所属|二级|[站所队馆]$")


_YEAR_START = ("年初", "1月1日")
_YEAR_END = words("rules_figures.year_end")


def _point_in_time(text: str, quantity) -> str:
    """年初 or 年末 when the clause before the figure says so, else ''."""
    start = last_mark(text, "。;\n", 0, quantity.start)
    clause = text[start + 1 : quantity.start]
    if any(word in clause for word in _YEAR_END):
        return "年末"
    if any(word in clause for word in _YEAR_START) and "年初结转" not in clause:
        return "年初"
    return ""


# ---------------------------------------------------------------------------------------------
# A score and its parts in prose


# the total score, or a category's ('产出指标得分37.5分，其中数量指标15分、质量指标11分…')
_SCORE_TOTAL_HEAD = (
    r"(?:" + "|".join(words("scores.total_labels")) + r"|[\u4e00-\u9fff]{2,4}?类?指标得分)(?:为|是|:)?"
)
_SCORE_TOTAL = re.compile(_SCORE_TOTAL_HEAD + r"(?P<n>\d+(?:\.\d+)?)分")
_SCORE_TOTAL_HEADS = scan.head_widths(_SCORE_TOTAL_HEAD)  # found from the 分 after the number
_SCORE_WORDS = ("得分", "总分", "评分", "自评")
_SCORE_PART = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,8}?)(?:得分)?(?P<n>\d+(?:\.\d+)?)分(?:[(（]满分(?P<full>\d+(?:\.\d+)?)分[)）])?"
)


# what opens the list of a total's parts: '其中', a colon right after the total ('94分：决策…'),
# '各部分得分为', '分项得分', '分别得分'
_SCORE_LIST_OPENER = re.compile(r"其中|各(?:部分|项|方面)得分(?:为|是|分别为)?|分项得分|分别得分|分别为")


_SCORED_AFTER = re.compile(r"[,，]?(?:实际)?得(?:分)?(\d+(?:\.\d+)?)分")


_LISTED_SCORES = re.compile(
    r"(?:分别得分?|得分分别为|分别为|分别是|依次为)(?P<list>\d+(?:\.\d+)?分(?:[、,，和及与]\d+(?:\.\d+)?分)+)"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _listed_scores(text: str, first: int, stop: int) -> re.Match | None:
    """The scores listed in a row after 分别得/得分分别为 (“甲、乙、丙分别得14分、22分和23分”); a
    row of points or weights (“分值分别为15分、25分、25分”) is not."""
    for listed in _LISTED_SCORES.finditer(text, first, stop):
        before = text[max(first, listed.start() - 3) : listed.start()]
        if not any(word in before for word in ("分值", "满分", "权重", "值依次")):
            return listed
    return None


def _points_then_scores(text: str, parts: list[re.Match]) -> tuple[list[re.Match], dict[int, str]]:
    """The parts written as points and then the score (“投入20分，得19分”): {part's start: its score},
    and the parts without the '实际得19分' that only give the score of the one before."""
    scored: dict[int, str] = {}
    kept = []
    taken = -1
    for part in parts:
        if part.start() < taken:
            continue  # the score of the part before, read as a part of its own
        after = _SCORED_AFTER.match(text, part.end())
        if after is not None:
            scored[part.start()] = after.group(1)
            taken = after.end()
        kept.append(part)
    return kept, scored


@rule("score.parts", "得分与“其中”各项得分之和、各项满分之和是否相符（投入14分（满分15分）…）")
def check_score_parts(context: CheckContext) -> list[Finding]:
    text = context.report.text
    places = context.report.places
    # (a total is read only before a 分 right after a digit: without one, the words are not looked for)
    if not any(at and text[at - 1].isdecimal() for at in scan.places_of(text, "分", places)):
        return []
    if not has_any(text, _SCORE_WORDS, places):
        return []
    findings = []
    for match in scan.number_matches(_SCORE_TOTAL, text, places, "分", _SCORE_TOTAL_HEADS):
        paragraph = context.report.paragraph_at(match.start())
        if paragraph is None:
            continue
        if text.startswith(":", match.end()):
            since, first = match.end(), match.end() + 1
        else:
            opened = _SCORE_LIST_OPENER.search(text, match.end(), min(paragraph.end, match.end() + 42))
            if opened is None:
                continue
            since, first = opened.start(), opened.end()
        stop = text.find("。", since, paragraph.end)
        stop = paragraph.end if stop < 0 else stop
        if "扣" in text[match.end() : since]:
            continue  # '总得分88.5分…共扣11.5分，其中决策扣1分…': the deductions, not the scores
        listed = _listed_scores(text, first, stop)
        if listed is not None:
            # '其中甲、乙、丙分别得14分、22分和23分': the scores in a row after the names
            parts, scored = [], {}
            numbers, end = _NUMBER.findall(listed.group("list")), listed.end()
        else:
            parts, scored = _points_then_scores(text, list(_SCORE_PART.finditer(text, first, stop)))
            parts = [
                p
                for p in parts
                if p.start() in scored  # “投入满分20分，得19分”: the points, then the score
                or (
                    not p.group("name").endswith(("满", "满分", "权重", "分值"))
                    and "满分" not in p.group("name")
                )
            ]
            numbers = [scored.get(p.start(), p.group("n")) for p in parts]
            end = parts[-1].end() if parts else stop
        if len(numbers) < 2 or len(numbers) > 12:
            continue
        total = Decimal(match.group("n"))
        if any(Decimal(n) > total for n in numbers) or any(p.group("name").endswith("扣") for p in parts):
            continue  # a part above the whole: sub-projects' own scores averaged, not parts of it
        values = [Decimal(n) for n in numbers]
        places = max(len(n.split(".", 1)[1]) if "." in n else 0 for n in numbers)
        total_places = len(match.group("n").split(".", 1)[1]) if "." in match.group("n") else 0
        # points are given whole or to the printed decimals: integers are exact (as score.list_total)
        decimals = max(places, total_places)
        half = Decimal(5).scaleb(-(decimals + 1)) * (len(values) + 1) if decimals else Decimal("0.5")
        found = sum(values, ZERO)
        listing = "+".join(numbers)
        if abs(found - total) >= half:
            findings.append(
                context.finding(
                    "score.parts",
                    ERROR,
                    f"各项得分之和{listing}={plain(found)}分，与所述{match.group(0)}不符",
                    match.start(),
                    end,
                    expected=f"{plain(found)}分",
                    found=f"{match.group('n')}分",
                )
            )
        fulls = [p.group("full") or (p.group("n") if p.start() in scored else None) for p in parts]
        if fulls and all(fulls):
            full_sum = sum((Decimal(f) for f in fulls), ZERO)
            if full_sum != 100 and "满分100" in text[max(0, match.start() - 80) : match.start()]:
                findings.append(
                    context.finding(
                        "score.parts",
                        ERROR,
                        f"各项满分之和{'+'.join(fulls)}={plain(full_sum)}分，不是满分100分",
                        parts[0].start(),
                        parts[-1].end(),
                        expected="100分",
                        found=f"{plain(full_sum)}分",
                    )
                )
    return findings


RULES = (
    *RULES,
    check_comparison_words,
    check_sangong_over_budget,
    check_stock_figures,
    check_score_parts,
)
