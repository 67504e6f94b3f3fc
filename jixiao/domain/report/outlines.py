"""Report outlines as data: which parts a report has, in what order, and what each part holds.

An outline is a YAML file in ``jixiao/data/report/outlines/``. Each node has a title (numbered by
``outline.renumber``: 一、（一）1.（1）), a list of content blocks — names of the composer's
content makers, or ``narrative:<key>`` for a paragraph the officer may edit — and children. Two are
shipped: the seed's seven parts (``changning-seven``, the default) and the Hunan 部门整体支出绩效
自评报告 template (``hunan-ziping-ten``). Which one a report uses is chosen per finance bureau and
year (``jixiao.apps.reports``); both are written from the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jixiao.data import parse_yaml
from jixiao.domain.report.document import ReportStructureError

OUTLINE_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "report" / "outlines"
NARRATIVE = "narrative:"
FUND_SOURCE = "fund_source:"


class OutlineInvalid(ReportStructureError):
    code = "outline_invalid"


@dataclass(frozen=True, slots=True)
class OutlineNode:
    title: str
    content: tuple[str, ...] = ()
    children: tuple[OutlineNode, ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Outline:
    key: str
    name: str
    title: str
    sections: tuple[OutlineNode, ...]
    annexes: tuple[str, ...] = ()
    default: bool = False

    def report_title(self, *, year: int, department: str) -> str:
        return self.title.format(year=year, department=department)

    def content_keys(self) -> tuple[str, ...]:
        return tuple(key for section in self.sections for node in section.walk() for key in node.content)

    def narratives(self) -> tuple[str, ...]:
        """The editable paragraphs this outline prints, in document order."""
        return tuple(k.removeprefix(NARRATIVE) for k in self.content_keys() if k.startswith(NARRATIVE))


def _node(raw: dict, where: str, depth: int) -> OutlineNode:
    if not isinstance(raw, dict) or not str(raw.get("title", "")).strip():
        raise OutlineInvalid(f"{where}的标题不能为空")
    if depth > 4:
        raise OutlineInvalid(f"{where}“{raw['title']}”超过四级标题")
    title = str(raw["title"]).strip()
    content = tuple(str(item) for item in raw.get("content") or ())
    children = tuple(_node(child, f"{where}“{title}”下", depth + 1) for child in raw.get("children") or ())
    if not content and not children:
        raise OutlineInvalid(f"{where}“{title}”既没有内容也没有下级标题")
    return OutlineNode(title, content, children)


def parse_outline(data: dict, source: str = "") -> Outline:
    where = f"报告提纲{source}"
    if not isinstance(data, dict):
        raise OutlineInvalid(f"{where}的内容不是映射")
    for field in ("key", "name", "title", "sections"):
        if not data.get(field):
            raise OutlineInvalid(f"{where}缺少“{field}”")
    sections = tuple(_node(raw, where, 1) for raw in data["sections"])
    return Outline(
        key=str(data["key"]),
        name=str(data["name"]),
        title=str(data["title"]),
        sections=sections,
        annexes=tuple(str(a) for a in data.get("annexes") or ()),
        default=bool(data.get("default", False)),
    )


@cache
def _outlines(directory: str) -> tuple[Outline, ...]:
    found = []
    for path in sorted(Path(directory).glob("*.yaml")):
        found.append(parse_outline(parse_yaml(path.read_text(encoding="utf-8")), path.name))
    keys = [outline.key for outline in found]
    if len(set(keys)) != len(keys):
        raise OutlineInvalid(
            f"报告提纲 key 重复：{'、'.join(sorted({k for k in keys if keys.count(k) > 1}))}"
        )
    if sum(1 for outline in found if outline.default) != 1:
        raise OutlineInvalid("报告提纲中须有且只有一个默认提纲（default: true）")
    return tuple(found)


def list_outlines(directory: Path | str | None = None) -> tuple[Outline, ...]:
    return _outlines(str(directory or OUTLINE_DIR))


def default_outline() -> Outline:
    return next(outline for outline in list_outlines() if outline.default)


def load_outline(key: str | None = None) -> Outline:
    """The outline called ``key`` (the default one when None); refused naming those that exist."""
    if key is None:
        return default_outline()
    for outline in list_outlines():
        if outline.key == key:
            return outline
    known = "、".join(f"{o.key}（{o.name}）" for o in list_outlines())
    raise OutlineInvalid(f"没有名为“{key}”的报告提纲（现有：{known}）")
