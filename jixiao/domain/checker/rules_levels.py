"""The reporting unit's own level against the level the text gives it.

``name.level``: a township's report (its title names 象达镇人民政府, 角尾乡人民政府 or 爱国街道办事处)
that speaks of itself as a unit of another township level — a 镇 writing 本乡, 乡政府; a 乡 writing
本街道 — has copied another unit's text or kept a name from before a reform: the unit's name is
written two ways. Only the forms by which a text speaks of its own unit are read (本乡, 全乡, 我乡,
该乡, and 乡政府, 乡党委 … after 本, 我, 该 or a word of distance such as 距); a place of another
level named in full (石门乡, 城东街道) is another unit, and 乡镇, 乡村 and the like are other words.
The county level is left alone: 全区 in a county's report may be the autonomous region (广西, 西藏 …).
Where the text speaks of the unit by its own level as well (本镇 beside 本乡), name.variant's reading
of the levels reports the others, with the title's level as the right one (``unit_level``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.vocabulary import words

_LEVELS = words("rules_levels.levels")  # 镇, 乡, 街道
_OWN_MARKS = words("rules_levels.own_marks")  # 本, 全, 我, 该: 本乡, 全镇
_OFFICES = words("rules_levels.offices")  # 政府, 党委 …: 乡政府 after 本/我/该/距
_BEFORE_OFFICE = words("rules_levels.before_office")  # 本, 我, 该, 距, 离, 到, 至, 赴, 回
_NOT_AFTER = words("rules_levels.not_after")  # 乡镇, 乡村, 镇村 …: 乡 and 镇 in other words
_BEFORE_OFFICE_CHARS = frozenset("".join(_BEFORE_OFFICE))
_LEVEL_CHARS = frozenset("".join(_LEVELS))
_ABOVE = words("rules_levels.above")  # 县, 市, 区, 旗: the units a township's name follows
_MARK_WORDS = frozenset(words("rules_levels.mark_words"))  # 安全, 成本, 应该: a mark ending a word
# the unit in a title line: its name, its level, its office (人民政府, 办事处 …), then the year or the kind
# of report (a line naming another unit, 《…》 or a 关于 notice, is no title)
_UNIT_SUFFIX = "(?:人民政府|办事处|党委|党工委|政府|财政所)?"


_LEVEL = "|".join(_LEVELS)
_UNIT = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{2,10}}?)(?P<level>{_LEVEL}){_UNIT_SUFFIX}"
    r"(?=\s*(?:19|20)\d{2}|\s*(?:部门|单位|整体|项目|预算|财政)|\s*[|｜]|\s*$)"
)
# the text speaking of its own unit: 本乡, 全镇 …, or 乡政府 after 本, 我, 该 or a word of distance
_OWN = re.compile(
    rf"(?:{'|'.join(_OWN_MARKS)})(?P<level>{_LEVEL})"
    rf"|(?:{'|'.join(_BEFORE_OFFICE)})(?P<office_level>{_LEVEL})(?:{'|'.join(_OFFICES)})"
)


def unit_level(context: CheckContext) -> tuple[str, str] | None:
    """(the township's name with its level, its level: 镇, 乡 or 街道) as the title lines name the
    reporting unit, or None; read once per report."""
    if "rules_levels.unit" not in context.memo:
        context.memo["rules_levels.unit"] = _unit_level(context)
    return context.memo["rules_levels.unit"]


def _unit_level(context: CheckContext) -> tuple[str, str] | None:
    for paragraph in context.report.paragraphs[:6]:
        line = paragraph.text.strip()
        if line.startswith("SOURCE") or "《" in line or "关于" in line or len(line) > 80:
            continue
        line = re.sub(r"^(?:TITLE|标题|单位名称)[:：]\s*", "", line)
        for found in _UNIT.finditer(line):
            name, level = found.group("name"), found.group("level")
            if name[-1] in _LEVEL_CHARS:
                continue  # 乡镇, 镇街: the tier, not a unit
            # the township's own name: what follows the county, city or district before it
            # (龙陵县象达镇 → 象达镇, 平江县三市镇 → 三市镇: the cut leaves two characters at least)
            cut = max(name.rfind(mark, 0, len(name) - 2) for mark in _ABOVE)
            name = name[cut + 1 :]
            if len(name) >= 2:
                return name + level, level
    return None


def self_reference(text: str, start: int, form: str, level: str) -> bool:
    """Whether ``form`` at ``start`` (本乡, 全镇, 乡政府 …: a form holding ``level``) is the text
    speaking of its own unit: not a mark ending a word (安全|乡村), not the level opening another
    word (全乡镇, 本乡村), and an office (乡政府) only after 本, 我, 该 or a word of distance — a
    place before it names another unit (白土乡政府)."""
    at = start + form.find(level)
    if text.startswith(_NOT_AFTER, at):
        return False
    if at > start:  # a mark before the level
        return not (start and text[start - 1 : start + 1] in _MARK_WORDS)
    return not start or text[start - 1] in _BEFORE_OFFICE_CHARS or not "\u4e00" <= text[start - 1] <= "\u9fff"


def _says(text: str, forms: list[str], level: str) -> bool:
    """Whether the text speaks of its own unit by one of ``forms`` (of ``level``) somewhere."""
    for form in forms:
        at = text.find(form)
        while at >= 0:
            if self_reference(text, at, form, level):
                return True
            at = text.find(form, at + 1)
    return False


@rule("name.level", "乡镇单位的报告自称另一级（镇写“本乡”“乡政府”，乡写“本街道”）：单位名称前后不一")
def check_unit_level(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if not any(level in text for level in _LEVELS):
        return []
    known = unit_level(context)
    if known is None:
        return []
    name, level = known
    # where the text speaks of the unit by its own level too, name.variant reports the others
    shared = [forms for forms in context.data.wording.get("self_levels") or () if level in forms]
    told = {other for forms in shared if _says(text, forms[level], level) for other in forms}
    findings: dict[str, Finding] = {}
    counts: dict[str, int] = {}
    for match in _OWN.finditer(text):
        other = match.group("level") or match.group("office_level")
        if other == level or other in told:
            continue
        end = match.end("level") if match.group("level") else match.end("office_level")
        if text.startswith(_NOT_AFTER, end - len(other)):
            continue  # 全乡镇, 本乡村: another word
        start = match.start()
        if start and text[start - 1 : start + 1] in _MARK_WORDS:
            continue  # 全 or 本 ending a word (安全, 成本, 应该): no mark of the unit's own
        written = match.group(0)
        counts[written] = counts.get(written, 0) + 1
        if written in findings:
            continue  # one finding a form, at its first place, with the count
        findings[written] = context.finding(
            "name.level",
            WARNING,
            f"单位是“{name}”（{level}），这里却写“{written}”（{other}）："
            f"单位的级别前后不一，应为“{written.replace(other, level)}”？",
            start,
            match.end(),
            expected=written.replace(other, level),
            found=written,
        )
    return [
        replace(finding, message=f"{finding.message}（全文共{counts[written]}处）")
        if counts[written] > 1
        else finding
        for written, finding in findings.items()
    ]


RULES = (check_unit_level,)
