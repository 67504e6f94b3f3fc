"""Reference data of the checker (outline, synonyms, typos, vague phrases), read from YAML.

The files live in ``jixiao/data/checker/``; they are data, edited without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from jixiao.data import parse_yaml

T = TypeVar("T")

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "checker"


@dataclass(frozen=True, slots=True)
class RequiredSection:
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportType:
    code: str
    name: str
    detect: tuple[str, ...]
    required: tuple[RequiredSection, ...]
    key_figures: dict


@dataclass(frozen=True, slots=True)
class TypoPattern:
    regex: re.Pattern
    message: str
    suggest_drop: str | None
    insert_after_digits: str | None
    after_digits: bool = False  # the match must follow digits, which become part of the quote
    replace: tuple[str, str] | None = None  # the correction: replace this with that in the match
    preceded_by: tuple[str, ...] = ()  # the match counts only right after one of these words
    skip_before: str = ""  # one character allowed between the digits and the match (after_digits)


@dataclass(frozen=True, slots=True)
class CheckerData:
    report_types: dict[str, ReportType]
    rates: dict
    whole_department: tuple[str, ...]
    complete_breakdowns: tuple[tuple[str, ...], ...]
    key_quantities: tuple[str, ...]
    label_prefixes: tuple[str, ...]
    label_suffixes: tuple[str, ...]
    typo_words: dict[str, str]
    typo_regex: re.Pattern
    typo_patterns: tuple[TypoPattern, ...]
    typos: dict  # typos.yaml as read: lexicon, units and the other sections the typo rules use
    vague_phrases: tuple[str, ...]
    vague_regex: re.Pattern
    tables: dict
    roles: tuple[tuple[str, tuple[str, ...]], ...]  # (role, words) in priority order
    subject_terms: tuple[str, ...]
    fillers: tuple[str, ...]
    time_phrases: tuple[str, ...]  # regexes: a point or span of time heading a label (截至年底), no subject
    unit_families: tuple[frozenset, ...]
    identities: dict
    wording: dict
    placeholder_regex: re.Pattern
    # what the rules make of the lists above (word sets, patterns, indexes, the lexicon): see once()
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def once(self, make: Callable[[CheckerData], T]) -> T:
        """``make(self)``, made on the first call and kept with this data: the sets, patterns and
        indexes a rule builds from the data's lists are made once per data, not once per report
        (``make`` is the key: a module-level function or class)."""
        try:
            return self.derived[make]
        except KeyError:
            made = self.derived[make] = make(self)
            return made


def _read(name: str, directory: Path) -> dict:
    with open(directory / name, encoding="utf-8") as handle:
        return parse_yaml(handle) or {}


@lru_cache(maxsize=64)
def any_word(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for a list of literal words, the longer first (what ``findall`` and ``sub``
    take of '年末结转结余' is the longest word there); its ``search(text)`` is ``any(word in text
    …)`` in one scan of a short text, where ``any`` scans it once a word."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))  # (the same pattern in every process)
    return re.compile("|".join(re.escape(w) for w in ordered) or "(?!)")


def literal_trie(words) -> str:
    """One regex for a list of literal words, as a trie (一(?:如继往|愁莫展)|帐(?:户|目)…): the
    engine scans for their first characters at once and, at each, tries only the words that start
    with it; a word that is the start of another gives way to the longer one, as in an
    alternation sorted longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    return build(trie)


def load_checker_data(directory: Path | None = None) -> CheckerData:
    directory = directory or DATA_DIR
    outline = _read("outline.yaml", directory)
    synonyms = _read("synonyms.yaml", directory)
    typos = _read("typos.yaml", directory)
    vague = _read("vague_phrases.yaml", directory)
    roles = _read("roles.yaml", directory)
    wording = _read("wording.yaml", directory)
    report_types = {
        code: ReportType(
            code=code,
            name=spec["name"],
            detect=tuple(spec.get("detect", ())),
            required=tuple(
                RequiredSection(item["name"], tuple(item["synonyms"])) for item in spec.get("required", ())
            ),
            key_figures=spec.get("key_figures") or {},
        )
        for code, spec in outline["report_types"].items()
    }
    words = {str(k): str(v) for k, v in (typos.get("words") or {}).items()}
    phrases = tuple(vague.get("phrases") or ())
    return CheckerData(
        report_types=report_types,
        rates=synonyms.get("rates") or {},
        whole_department=tuple(synonyms.get("whole_department") or ()),
        complete_breakdowns=tuple(tuple(group) for group in synonyms.get("complete_breakdowns") or ()),
        key_quantities=tuple(synonyms.get("key_quantities") or ()),
        label_prefixes=tuple(synonyms.get("label_prefixes") or ()),
        label_suffixes=tuple(synonyms.get("label_suffixes") or ()),
        typo_words=words,
        typo_regex=re.compile(literal_trie(words) or "(?!)"),
        typo_patterns=tuple(
            TypoPattern(
                regex=re.compile(item["regex"]),
                message=item["message"],
                suggest_drop=item.get("suggest_drop"),
                insert_after_digits=item.get("insert_after_digits"),
                after_digits=bool(item.get("after_digits", False)),
                replace=tuple(item["replace"]) if item.get("replace") else None,
                preceded_by=tuple(item.get("preceded_by") or ()),
                skip_before=item.get("skip_before") or "",
            )
            for item in typos.get("patterns") or ()
        ),
        typos=typos,
        vague_phrases=phrases,
        vague_regex=re.compile("|".join(re.escape(p) for p in phrases)) if phrases else re.compile(r"(?!)"),
        tables=_read("tables.yaml", directory),
        roles=tuple((item["role"], tuple(item["words"])) for item in roles.get("roles") or ()),
        subject_terms=tuple(sorted(roles.get("subjects") or (), key=len, reverse=True)),
        fillers=tuple(sorted(roles.get("fillers") or (), key=len, reverse=True)),
        time_phrases=tuple(roles.get("time_phrases") or ()),
        unit_families=tuple(frozenset(group) for group in roles.get("unit_families") or ()),
        identities=_read("identities.yaml", directory),
        wording=wording,
        placeholder_regex=re.compile("|".join(wording.get("placeholders") or ()) or "(?!)"),
    )


@lru_cache(maxsize=1)
def default_checker_data() -> CheckerData:
    return load_checker_data()
