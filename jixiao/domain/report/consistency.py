"""The consistency pass: run on the composed report (its parts and the trace of how they relate),
before it is exported, and what keeps a report a 草稿.

What a reviewer checks first, and what an arithmetic check cannot see:
- every point deducted in the score sheet is explained by a numbered problem, and every problem
  has a measure that answers it (and no measure answers a problem the report does not have);
- every problem has its evidence;
- a refused spending request is the budget control working, never a 挪用 (no deduction rests on it);
- a 督查 finding not yet rectified appears among the problems;
- every chart is cited in the text, and no sentence is printed twice.

Findings are data; ``draft_items`` turns them, with the unscored rows, unconfirmed problems, empty
paragraphs and unexplained movements, into the list a 草稿 shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.report.document import Chart, Paragraph, Report, Section
from jixiao.domain.report.outline import run_in_paragraph
from jixiao.domain.scoring import points_text


@dataclass(frozen=True, slots=True)
class Inconsistency:
    rule: str
    message: str


_SENTENCE_END = re.compile(r"(?<=[。！？])")
MIN_SENTENCE_CHARS = 12


def _paragraphs(items) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in items:
        if isinstance(item, Section):
            if item.run_in:
                out.append(run_in_paragraph(item))
                out += _paragraphs(item.children[1:])
            else:
                out += _paragraphs(item.children)
        elif isinstance(item, Paragraph):
            out.append(item)
    return out


def _charts(items) -> list[Chart]:
    out: list[Chart] = []
    for item in items:
        if isinstance(item, Section):
            out += _charts(item.children)
        elif isinstance(item, Chart):
            out.append(item)
    return out


def body_sentences(report: Report) -> list[str]:
    """The sentences of the body text, in reading order. Tables are left out (a table repeats its
    category cells on purpose), and so are headings."""
    sentences = []
    for paragraph in _paragraphs(report.sections):
        for sentence in _SENTENCE_END.split(paragraph.text):
            sentence = sentence.strip()
            if sentence:
                sentences.append(sentence)
    return sentences


def repeated_sentences(report: Report) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for sentence in body_sentences(report):
        if len(sentence) < MIN_SENTENCE_CHARS:
            continue
        if sentence in seen and sentence not in repeated:
            repeated.append(sentence)
        seen.add(sentence)
    return repeated


def check_composed(report: Report) -> list[Inconsistency]:
    trace = report.trace
    findings: list[Inconsistency] = []
    if trace is None:
        return findings
    problems = trace.problems
    keys = {problem.key for problem in problems}
    for row_key, name, lost in trace.deductions:
        if not any(row_key in problem.covers for problem in problems):
            findings.append(
                Inconsistency(
                    "deduction_without_problem",
                    f"评分项“{name}”扣{points_text(lost)}分，但“存在的问题”中没有说明扣分原因的问题",
                )
            )
    for problem in problems:
        if not problem.evidence or not problem.basis.strip():
            findings.append(Inconsistency("problem_without_evidence", f"问题{problem.number}没有列出依据"))
    answered = {answers for _text, answers in trace.measures}
    for problem in problems:
        if problem.key not in answered:
            findings.append(
                Inconsistency("problem_without_measure", f"问题{problem.number}没有对应的改进措施")
            )
    for text, answers in trace.measures:
        if answers not in keys:
            short = text if len(text) <= 24 else text[:24] + "…"
            findings.append(
                Inconsistency(
                    "measure_without_problem", f"改进措施“{short}”针对的问题不在本报告“存在的问题”中"
                )
            )
    if trace.misuse_from_refusals:
        findings.append(
            Inconsistency(
                "refusal_scored_as_misuse",
                "“资金使用合规性”因被预算控制拒绝的支出申请扣分（"
                + trace.misuse_from_refusals
                + "）：被拒绝的申请未形成支出，说明预算控制有效，不属于截留、挤占、挪用",
            )
        )
    if trace.refused_attempts and not trace.control_stated:
        findings.append(
            Inconsistency(
                "refusal_not_reported",
                f"全年有{trace.refused_attempts}笔支出申请被预算控制拒绝，报告未说明其未形成支出、控制有效",
            )
        )
    for project in trace.open_inspections:
        if not any(project in problem.mentions for problem in problems):
            findings.append(
                Inconsistency(
                    "inspection_not_in_problems",
                    f"专项“{project}”督查发现的问题尚未整改销号，未列入“存在的问题”",
                )
            )
    texts = [p.text for p in _paragraphs(report.sections)]
    for chart in _charts(report.sections):
        if chart.number and not any(f"图{chart.number}" in text for text in texts):
            findings.append(
                Inconsistency("chart_not_cited", f"图{chart.number}“{chart.title}”在正文中没有被引用")
            )
    for sentence in repeated_sentences(report):
        short = sentence if len(sentence) <= 30 else sentence[:30] + "…"
        findings.append(Inconsistency("repeated_sentence", f"句子“{short}”在正文中重复出现"))
    return findings


def draft_items(report: Report, findings: list[Inconsistency]) -> tuple[str, ...]:
    """What keeps the report from being final, each item a line a person can act on."""
    trace = report.trace
    items: list[str] = []
    if trace is not None:
        for name in trace.unscored:
            items.append(f"评分项“{name}”尚未评分")
        unconfirmed = [str(p.number) for p in trace.problems if not p.confirmed]
        if unconfirmed:
            items.append(f"存在的问题第{'、'.join(unconfirmed)}项尚未经确认")
        for label in trace.narratives_missing:
            items.append(f"段落“{label}”为空或尚待填写")
        for label in trace.movements_unexplained:
            items.append(f"{label}，尚未说明原因")
    items += [finding.message for finding in findings]
    return tuple(items)


__all__ = ["Inconsistency", "body_sentences", "check_composed", "draft_items", "repeated_sentences"]
