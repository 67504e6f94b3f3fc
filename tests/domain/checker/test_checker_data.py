"""CheckerData.once: what the rules build from the data's lists is built once per data, and a
data read anew (another directory, edited lists) gets its own."""

import dataclasses
import re

from jixiao.domain.checker import check_text
from jixiao.domain.checker.config import load_checker_data
from jixiao.domain.checker.lexicon import Lexicon


def test_once_builds_once_per_data_and_each_data_its_own():
    calls = []

    def words(data):
        calls.append(data)
        return frozenset(data.vague_phrases)

    first, second = load_checker_data(), load_checker_data()
    assert first.once(words) is first.once(words)
    assert calls == [first]
    assert second.once(words) == first.once(words) and calls == [first, second]
    edited = dataclasses.replace(first, vague_phrases=("工作力度不够",))
    assert edited.once(words) == frozenset({"工作力度不够"}) and len(calls) == 3


def test_a_data_with_edited_lists_is_checked_with_them():
    """The rules read the lists of the data they are given, not those another data built first."""
    text = "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n我局布署了年度工作。\n"
    plain = load_checker_data()
    assert any(f.rule == "typo.curated" for f in check_text(text, data=plain).findings)
    edited = dataclasses.replace(plain, typo_words={}, typo_regex=re.compile("(?!)"))
    assert not any(f.rule == "typo.curated" for f in check_text(text, data=edited).findings)


def test_the_empty_string_is_no_word_even_when_the_bloom_filter_lets_everything_through():
    lexicon = Lexicon("预算 120\n绩效 80\n")
    lexicon._bloom = b"\xff" * len(lexicon._bloom)  # every bit set: the filter answers "maybe" to all
    assert lexicon.score("") is None
    assert lexicon.score("预算") is not None
    assert lexicon.score("算预") is None
