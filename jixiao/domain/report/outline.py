"""Outline numbering of a report: 一、 （一） 1. （1） (GB/T 9704 §7.3.3), assigned, never typed.

Numbers are given by position among siblings of the same level, so inserting, removing or
reordering sections can never leave a gap (一、二、四) or a repeat. Also here: the Chinese numerals,
and where a long title breaks into two centred lines.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.report.document import Block, Paragraph, ReportStructureError, Run, Section

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (the forms used in headings)."""
    if not 1 <= n <= 99:
        raise ReportStructureError(f"标题序号{n}超出范围（1至99）")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else f"{_DIGITS[tens]}十"
    return head + (_DIGITS[ones] if ones else "")


def number_text(level: int, n: int) -> str:
    """The structure number of the n-th heading at a level: 一、 / （一） / 1. / （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ReportStructureError(f"标题层级{level}无效，应为1至4级")


def renumber(items: tuple[Block | Section, ...]) -> tuple[Block | Section, ...]:
    """Return the items with every section numbered by its position among same-level siblings."""
    counters: dict[int, int] = {}
    result: list[Block | Section] = []
    for item in items:
        if isinstance(item, Section):
            counters[item.level] = counters.get(item.level, 0) + 1
            # a higher-level heading restarts the count of the levels below it
            for deeper in [lvl for lvl in counters if lvl > item.level]:
                del counters[deeper]
            result.append(
                replace(
                    item,
                    number=number_text(item.level, counters[item.level]),
                    children=renumber(item.children),
                )
            )
        else:
            result.append(item)
    return tuple(result)


def heading_numbers(items: tuple[Block | Section, ...], level: int = 1) -> list[str]:
    """The numbers of the headings of one level, in document order (for checks and tests)."""
    found: list[str] = []
    for item in items:
        if isinstance(item, Section):
            if item.level == level:
                found.append(item.number)
            found.extend(heading_numbers(item.children, level))
    return found


def run_in_paragraph(section: Section) -> Paragraph:
    """A run-in section's first paragraph with the heading in front: "1.提高思想认识，…"."""
    first = section.children[0]
    if not isinstance(first, Paragraph):
        raise ReportStructureError(f"标题“{section.title}”设为段中标题，但其后没有段落")
    heading = section.heading
    if section.title and not section.title.endswith(_RUN_IN_STOPS):
        heading += "。"
    return Paragraph(runs=(Run(heading, heading_level=section.level), *first.runs))


_RUN_IN_STOPS = ("。", "，", "：", "；", "！", "？", ".", ":")


_TITLE_BREAK_WORDS = ("整体支出", "部门整体", "项目支出", "财政支出", "绩效自评", "绩效评价")
TITLE_LINE_CHARS = 20


def title_lines(title: str) -> tuple[str, ...]:
    """Break a long title into centred lines where the meaning allows (§7.3.1: 词意完整).

    An explicit newline wins. Otherwise a title longer than one line (20 characters of 二号 type
    in the 156 mm 版心) breaks before its subject phrase: 2023年度常宁市科学技术协会 /
    整体支出绩效评价报告.
    """
    if "\n" in title:
        return tuple(line.strip() for line in title.split("\n") if line.strip())
    if len(title) <= TITLE_LINE_CHARS:
        return (title,)
    # the earliest subject phrase: "…妇女联合会 / 部门整体支出…", not "…联合会部门 / 整体支出…"
    found = sorted((at, word) for word in _TITLE_BREAK_WORDS if (at := title.find(word)) >= 4)
    for at, _word in found:
        if len(title) - at >= 4:
            head, tail = title[:at], title[at:]
            if len(head) <= TITLE_LINE_CHARS + 2 and len(tail) <= TITLE_LINE_CHARS + 2:
                return (head, tail)
    middle = len(title) // 2
    return (title[:middle], title[middle:])
