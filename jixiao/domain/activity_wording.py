"""Section 五's sentences, written from the activity record the way the seed writes its work.

One activity is one sentence — time, place, what was done, what it produced:

    4月27日，在庙前镇中学开展科普大篷车进校园科普助力（双减）活动。
    全年，在全市各乡镇集市开展科普大篷车下乡科普近30次，发放科普资料6000余册，受益群众2万余名。

Activities of one work area whose names differ only by a trailing period in brackets
(…（1月） … （12月）, …（第一季度） … （第四季度）) are one piece of work done repeatedly; they are
written as one sentence over the whole span with their outputs added up:

    1月至12月，常宁市科协党组理论学习中心组集中学习12次。

What the record holds beyond time and place goes in too, the way the seed tells its work: the
partners ("联合常宁市禁毒办、常宁市老科协在庙前镇……开展"), the account of the activity, and its named
results and prizes. An output that alone makes up an indicator's year-end value is set against the
indicator's target where it is said ("全年下乡科普近30次，超过年度目标25次"); indicators fed by
several activities are summed up in one sentence after them (``indicator_summary``).

The vocabulary (the verbs a name may start with, the periods, how an output's name becomes a
phrase) is data: ``jixiao/data/indicators/activity-wording.yaml``, extended by the verbs of the
department's own indicator library (its ``vocabulary``) — no department's words are in this code.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jixiao.data import parse_yaml
from jixiao.domain.quantity import Notation, Quantity

WORDING_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators" / "activity-wording.yaml"
_OPENING_MARKS = "“\"‘'《〈「（("


@dataclass(frozen=True, slots=True)
class Wording:
    verbs: tuple[str, ...]
    default_verb: str
    period_pattern: re.Pattern[str]
    output_suffixes: tuple[str, ...]
    object_verbs: tuple[str, ...]
    trailing_verbs: tuple[str, ...]
    # (first, last) periods that together make the year: 上半年…下半年 is written 全年
    whole_year: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=4)
def _base_wording(path: str) -> dict:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def load_wording(path: Path = WORDING_FILE, vocabulary: dict | None = None) -> Wording:
    """The shared wording, extended by a department library's ``vocabulary`` (verbs, object_verbs,
    trailing_verbs, output_suffixes lists add to the shared ones)."""
    data = _base_wording(str(path))
    extra = vocabulary or {}

    def joined(key: str) -> list[str]:
        return [str(v) for v in data[key]] + [str(v) for v in extra.get(key) or () if str(v) not in data[key]]

    periods = "|".join(f"(?:{pattern})" for pattern in data["periods"])
    return Wording(
        verbs=tuple(sorted(joined("verbs"), key=len, reverse=True)),
        default_verb=str(data["default_verb"]),
        period_pattern=re.compile(rf"^(?P<base>.+?)\s*[（(](?P<period>{periods})[）)]$"),
        output_suffixes=tuple(sorted(joined("output_suffixes"), key=len, reverse=True)),
        object_verbs=tuple(joined("object_verbs")),
        trailing_verbs=tuple(joined("trailing_verbs")),
        whole_year=tuple((str(a), str(b)) for a, b in data.get("whole_year_spans") or ()),
    )


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """A recorded output: the library output it counts toward (may be empty), its note, its quantity."""

    output_key: str
    label: str
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """An activity as section 五 needs it. ``when`` is the time as written (4月27日, 6月中旬, 全年);
    ``is_period`` says it names a period rather than a day."""

    title: str
    when: str
    place: str = ""
    outputs: tuple[OutputRecord, ...] = ()
    is_period: bool = False
    partners: str = ""
    description: str = ""
    results: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorTarget:
    """A goal indicator fed by activity outputs (``fed_by`` output keys), with its target and the
    year-end value the activities add up to."""

    name: str
    operator: str
    target: Decimal
    unit: str
    fed_by: tuple[str, ...]
    actual: Decimal | None = None


def split_period(title: str, wording: Wording | None = None) -> tuple[str, str]:
    """'集中学习（1月）' → ('集中学习', '1月'); a name without a trailing period → (name, '')."""
    wording = wording or load_wording()
    match = wording.period_pattern.match(title.strip())
    if match is None:
        return title.strip(), ""
    return match.group("base").strip(), match.group("period")


def _span(records: list[ActivityRecord], wording: Wording) -> str:
    whens = list(dict.fromkeys(record.when for record in records))
    if len(whens) == 1:
        return whens[0]
    if all(record.is_period for record in records):
        if "全年" in whens or (whens[0], whens[-1]) in wording.whole_year:
            return "全年"
        return f"{whens[0]}至{whens[-1]}"
    return "、".join(whens)


def _sum(quantities: list[Quantity]) -> Quantity:
    if len(quantities) == 1:
        return quantities[0]
    qualifiers = {quantity.qualifier for quantity in quantities}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else "约"
    total = sum((quantity.value for quantity in quantities), Decimal(0))
    return Quantity(total, quantities[0].unit, qualifier, Notation.AUTO)


def _merged_outputs(records: list[ActivityRecord]) -> tuple[OutputRecord, ...]:
    parts: OrderedDict[tuple[str, str, str], list[Quantity]] = OrderedDict()
    for record in records:
        for output in record.outputs:
            key = (output.output_key, output.label, output.quantity.unit)
            parts.setdefault(key, []).append(output.quantity)
    return tuple(
        OutputRecord(output_key, label, _sum(quantities))
        for (output_key, label, _unit), quantities in parts.items()
    )


def merge_repeated(records: Iterable[ActivityRecord], wording: Wording | None = None) -> list[ActivityRecord]:
    """The records with those whose names are equal once their trailing period is removed written as
    one (at the place of the first), over the span of their times, with outputs of the same kind added."""
    wording = wording or load_wording()
    groups: OrderedDict[str, list[ActivityRecord]] = OrderedDict()
    for record in records:
        base, _period = split_period(record.title, wording)
        groups.setdefault(base, []).append(record)
    merged = []
    for base, members in groups.items():
        places = "、".join(dict.fromkeys(member.place for member in members if member.place))
        partners = "、".join(dict.fromkeys(p for m in members for p in _names(m.partners)))
        results = "".join(dict.fromkeys(_sentence(m.results) for m in members if m.results.strip()))
        merged.append(
            replace(
                members[0],
                title=base,
                when=_span(members, wording),
                place=places,
                outputs=_merged_outputs(members) if len(members) > 1 else members[0].outputs,
                is_period=all(member.is_period for member in members),
                partners=partners,
                results=results,
            )
        )
    return merged


_NAME_SPLIT = re.compile(r"[、，,；;]")


def _names(text: str) -> list[str]:
    return [name.strip() for name in _NAME_SPLIT.split(text or "") if name.strip()]


def _sentence(text: str) -> str:
    """Text as a full sentence: stripped, ending with a full stop."""
    text = text.strip()
    if not text:
        return ""
    return text if text.endswith(("。", "！", "？")) else text.rstrip("；;，,") + "。"


def output_phrase(output_key: str, unit: str = "", wording: Wording | None = None) -> str:
    """The phrase an output's name gives before its quantity: '下乡科普次数' → '下乡科普',
    '科普资料发放份数' → '发放科普资料', '科普展板块数' (块) → '科普展板'."""
    wording = wording or load_wording()
    phrase = output_key
    for suffix in wording.output_suffixes:
        if phrase.endswith(suffix) and len(phrase) > len(suffix):
            phrase = phrase[: -len(suffix)]
            break
    if unit and phrase.endswith(unit) and len(phrase) > len(unit):
        phrase = phrase[: -len(unit)]
    for verb in wording.object_verbs:
        if phrase.endswith(verb) and len(phrase) > len(verb):
            phrase = verb + phrase[: -len(verb)]
            break
    return phrase


def output_text(output: OutputRecord, wording: Wording | None = None) -> str:
    """'受益群众2万余名', '发放科普资料6000余册', '1万6千余师生受益'; a note is said as written."""
    wording = wording or load_wording()
    quantity = output.quantity.text()
    if output.label:
        return f"{output.label}{quantity}"
    phrase = output_phrase(output.output_key, output.quantity.unit, wording)
    if phrase in wording.trailing_verbs:
        return f"{quantity}{phrase}"
    return f"{phrase}{quantity}"


def is_own_count(output: OutputRecord) -> bool:
    """An output counting how many times the activity itself was done (科普活动次数 1次)."""
    return not output.label and output.output_key.endswith("次数") and output.quantity.unit == "次"


def starts_with_verb(title: str, wording: Wording | None = None) -> bool:
    wording = wording or load_wording()
    return title.lstrip(_OPENING_MARKS).startswith(wording.verbs) or title.startswith(wording.verbs)


def _digits(value: Decimal, unit: str) -> str:
    return Quantity(value, unit, "", Notation.DIGITS).text()


def comparison(indicator: IndicatorTarget, value: Decimal) -> str:
    """'超过年度目标25次' / '达到年度目标6次' / '未达到年度目标20件' / '控制在年度目标18万元以内'."""
    target = _digits(indicator.target, indicator.unit)
    if indicator.operator in ("≤", "<"):
        return f"控制在年度目标{target}以内" if value <= indicator.target else f"超出年度目标{target}"
    if indicator.operator == "=":
        return f"达到年度目标{target}" if value == indicator.target else f"与年度目标{target}不符"
    if value > indicator.target:
        return f"超过年度目标{target}"
    if value == indicator.target:
        return f"达到年度目标{target}"
    return f"未达到年度目标{target}"


def _partner_phrase(record: ActivityRecord, title: str) -> str:
    names = [name for name in _names(record.partners) if name not in title]
    if not names or title.startswith("联合"):
        return ""
    return "联合" + "、".join(names)


def sentence(
    record: ActivityRecord,
    wording: Wording | None = None,
    links: dict[str, IndicatorTarget] | None = None,
) -> str:
    """One activity (or one merged run of activities) as a point of section 五: when, with whom,
    where, what, how much (set against its indicator where ``links`` names one for an output key),
    then the account and the named results."""
    wording = wording or load_wording()
    links = links or {}
    title = split_period(record.title, wording)[0]
    place = record.place.strip()
    own_subject = bool(place) and title.startswith(place)
    where = f"在{place}" if place and place not in title else ""
    partners = "" if own_subject else _partner_phrase(record, title)
    verb = "" if own_subject or starts_with_verb(title, wording) else wording.default_verb
    outputs = list(record.outputs)
    count = next((output for output in outputs if is_own_count(output)), None)
    times = ""
    if count is not None:
        outputs.remove(count)
        once = count.quantity.value == 1 and count.quantity.is_exact
        times = "" if once else count.quantity.text()
        if times and count.output_key in links:
            times += "，" + comparison(links[count.output_key], count.quantity.value)
    text = f"{record.when}，{partners}{where}{verb}{title}{times}"
    for output in outputs:
        text += f"，{output_text(output, wording)}"
        if output.output_key in links:
            text += "，" + comparison(links[output.output_key], output.quantity.value)
    text += "。"
    text += _sentence(record.description)
    text += _sentence(record.results)
    return text


def sentences(records: Iterable[ActivityRecord], wording: Wording | None = None) -> tuple[str, ...]:
    """The sentences of one work area, in the order of its records (a merged run where it begins)."""
    wording = wording or load_wording()
    return tuple(sentence(record, wording) for record in merge_repeated(records, wording))


@dataclass(frozen=True, slots=True)
class WorkGroup:
    heading: str
    items: tuple[str, ...]
    summary: str = ""


def work_groups(
    groups: Iterable[tuple[str, Iterable[ActivityRecord]]],
    indicators: Iterable[IndicatorTarget] = (),
    wording: Wording | None = None,
) -> tuple[tuple[WorkGroup, ...], str]:
    """Section 五's work, one group per work area, and the sentence that sets the outputs counted
    across the activities against their indicators.

    An indicator fed by the outputs of exactly one (merged) activity is compared where that output
    is said; one fed by several activities of one group, in the group's closing sentence; one fed
    across groups, in the closing sentence of the whole part."""
    wording = wording or load_wording()
    indicators = [i for i in indicators if i.fed_by]
    merged = [(heading, merge_repeated(records, wording)) for heading, records in groups]
    feeders: dict[str, list[tuple[int, int]]] = {i.name: [] for i in indicators}
    for g, (_heading, records) in enumerate(merged):
        for r, record in enumerate(records):
            keys = {output.output_key for output in record.outputs}
            for indicator in indicators:
                if keys & set(indicator.fed_by):
                    feeders[indicator.name].append((g, r))
    inline: dict[tuple[int, int], dict[str, IndicatorTarget]] = {}
    by_group: dict[int, list[IndicatorTarget]] = {}
    overall: list[IndicatorTarget] = []
    for indicator in indicators:
        places = feeders[indicator.name]
        if not places or indicator.actual is None:
            continue
        if len(places) == 1:
            record = merged[places[0][0]][1][places[0][1]]
            fed = [o for o in record.outputs if o.output_key in indicator.fed_by]
            if len(fed) == 1 and fed[0].quantity.value == indicator.actual:
                inline.setdefault(places[0], {})[fed[0].output_key] = indicator
                continue
        groups_fed = {g for g, _r in places}
        if len(groups_fed) == 1:
            by_group.setdefault(groups_fed.pop(), []).append(indicator)
        else:
            overall.append(indicator)
    result = []
    for g, (heading, records) in enumerate(merged):
        items = tuple(sentence(record, wording, inline.get((g, r))) for r, record in enumerate(records))
        result.append(WorkGroup(heading, items, indicator_summary(by_group.get(g, ()), "以上工作")))
    return tuple(result), indicator_summary(overall, "从履职活动记录汇总看")


def indicator_summary(indicators: Iterable[IndicatorTarget], lead: str) -> str:
    parts = [
        f"{indicator.name}{_digits(indicator.actual, indicator.unit)}，{comparison(indicator, indicator.actual)}"
        for indicator in indicators
        if indicator.actual is not None
    ]
    if not parts:
        return ""
    return f"{lead}，全年" + "；".join(parts) + "。"
