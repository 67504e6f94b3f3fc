"""The fast scans (scan.py and the helpers built on it) find exactly what the plain regex scans find."""

import importlib
import re

import numpy as np
import pytest

from jixiao.domain.checker import (
    parse,
    rules,
    rules_compare,
    rules_figures,
    rules_marks,
    rules_standards,
    rules_text,
    rules_words,
    scan,
    statements,
)
from jixiao.domain.checker.base import _doubles
from jixiao.domain.checker.config import default_checker_data
from jixiao.domain.checker.parse import _QUANTITY, _quantity_matches, char_codes, table_index

from .conftest import CORPUS_NAMES, SEED_NAME, read_text

parse_module = importlib.import_module("jixiao.domain.checker.parse")  # (the package's parse is a function)

EDGE_CASES = [
    "",
    "a",
    "1234,567个与12,345.6万元、٣٤个、𝟎5个，x12.5%，0.3个百分点，5个月。",
    "2021年13月，20213月，2020-3月，201912至12月，2019年2月30日，12023年5月，x2020年2月。",
    "。 12.一是\n1.二是；3、三是:123.4 ٣.四\n",
    "3 kg，5mm和6 Km，٣kg，v1.2.3个",
    "〔20198号，﹝2021〕5号，[2023]12号",
    "比上年增加5万元，同比下降3%，与去年相比,减少2个，由5万元增加到6万元",
    "共12个部室、3家单位和两所学校，一个",
    "𠀀明显提高，财政拔款财政拔款，人元个元，截止2023年",
    "绩效目标（20分）已完成，综合得分 95.5，自评得分:98分；一级指标分值统一设置为25分，项目均已完成",
    "产出指标(50分)全部达到，总得分100.5分，较预算节约3万元，日期：2023年5月",
]


def _texts() -> list[str]:
    texts = [read_text(SEED_NAME), *(read_text(name) for name in CORPUS_NAMES), *EDGE_CASES]
    return texts + [parse(text).text for text in texts]


TEXTS = _texts()


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _module_patterns() -> list[re.Pattern]:
    found = []
    modules = (rules, rules_compare, rules_figures, rules_marks, rules_standards, rules_text, rules_words)
    for module in (*modules, statements, parse_module):
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append(value)
    return found


@pytest.mark.parametrize("pattern", _module_patterns(), ids=lambda p: p.pattern[:30])
def test_finditer_finds_what_the_regex_finds(pattern):
    for text in TEXTS:
        assert _spans(scan.finditer(pattern, text)) == _spans(pattern.finditer(text))


@pytest.mark.parametrize("pattern", _module_patterns(), ids=lambda p: p.pattern[:30])
def test_search_finds_what_the_regex_finds(pattern):
    for text in TEXTS:
        assert _spans([m for m in [scan.search(pattern, text)] if m]) == _spans(
            [m for m in [pattern.search(text)] if m]
        )


def test_first_chars_only_for_patterns_that_start_with_few_characters():
    assert scan.first_chars(re.compile("比|较|同比")) == "同比较"
    assert scan.first_chars(re.compile(r"(?<![A-Z])[xX]{2}")) == "Xx"
    assert scan.first_chars(re.compile(r"[,;(]?(?:同比)?增长")) == "(,;同增"
    assert scan.first_chars(re.compile(r"\d+")) is None  # a category
    assert scan.first_chars(re.compile(r"[^a]b")) is None  # a negated class
    assert scan.first_chars(re.compile(r"a?")) is None  # may match nothing
    assert scan.first_chars(re.compile("a", re.IGNORECASE)) is None


def test_the_pair_index_finds_what_the_data_patterns_find():
    data = default_checker_data()
    patterns = (data.typo_regex, data.vague_regex, *(p.regex for p in data.typo_patterns))
    index = scan.PairIndex(patterns)
    assert scan.first_pairs(re.compile("ab|ac")) == {"ab", "ac"}
    assert scan.first_pairs(re.compile("[甲乙]元")) == {"甲元", "乙元"}
    assert scan.first_pairs(re.compile(r"就(?=\d)")) is None
    for text in TEXTS:
        starts = index.starts(text, table_index(char_codes(text)))
        for pattern in patterns:
            assert _spans(index.finditer(pattern, text, starts)) == _spans(pattern.finditer(text))


def test_occurrences_and_char_positions():
    text = "（甲）乙(丙)𠀀)"
    assert scan.occurrences(text, "()") == [4, 6, 8]
    assert scan.occurrences(text, "()", 5) == [6, 8]
    assert scan.char_positions(table_index(char_codes(text)), "()") == [4, 6, 8]


def test_the_helpers_find_what_their_regexes_find():
    for text in TEXTS:
        codes = char_codes(text)
        assert _spans(_quantity_matches(text, codes, table_index(codes))) == _spans(_QUANTITY.finditer(text))
        assert _spans(statements._count_matches(text)) == _spans(statements._COUNT.finditer(text))
        assert _spans(rules._full_dates(text)) == _spans(rules._DATE_FULL.finditer(text))
        assert _spans(rules._dates_missing_year(text)) == _spans(rules._DATE_MISSING_YEAR.finditer(text))
        fiscal, plain = rules._fiscal_year(text), rules._FISCAL_YEAR.search(text[:1500])
        assert (fiscal and fiscal.span()) == (plain and plain.span())
        assert _spans(rules_text._inline_numbers(text)) == _spans(rules_text._INLINE_NUMBER.finditer(text))
        assert rules_words._digit_letters(text) == [
            m.span() for m in rules_words._DIGIT_LETTER.finditer(text)
        ]


def test_doubled_characters_from_equal_neighbours():
    def plain(text):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        chinese = (codes >= 0x4E00) & (codes <= 0x9FFF)
        one = np.flatnonzero(chinese[:-1] & (codes[:-1] == codes[1:])).tolist()
        two = chinese[:-3] & chinese[1:-2] & (codes[:-3] == codes[2:-1]) & (codes[1:-2] == codes[3:])
        return one, np.flatnonzero(two).tolist()

    for text in [*TEXTS, "的的", "对象对象", "哈哈哈", "aaaa", "𠀀𠀀"]:
        if len(text) >= 4:
            assert _doubles(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), text) == plain(text)


def test_the_char_index_finds_what_str_find_finds():
    chars = ["。!?", "年", "比较", "()（）", "𠀀年", ".、", "个家所", "\n", "x"]
    for _ in range(2):  # the first time the characters are new to the process, then held
        for text in TEXTS:
            places = scan.CharIndex(text, table_index(char_codes(text)))
            for wanted in chars:
                assert places.occurrences(wanted) == scan.occurrences(text, wanted)
                assert scan.places_of(text, wanted, places) == scan.occurrences(text, wanted)


def test_the_scans_from_the_char_index_and_around_an_anchor_find_what_the_regexes_find():
    anchored = [
        (rules_marks._PROJECT_NAME, "年", (4,)),
        (importlib.import_module("jixiao.domain.checker.rules_points")._TOTAL_SCORE, "分", range(6)),
    ]
    patterns = _module_patterns()
    for raw in TEXTS:
        report = parse(raw)  # the index is of the normalised text
        text, places = report.text, report.places
        for pattern in patterns:
            assert _spans(scan.finditer(pattern, text, places)) == _spans(pattern.finditer(text))
        for pattern, anchor, offsets in anchored:
            found = scan.finditer_around(pattern, text, anchor, offsets, places)
            assert _spans(found) == _spans(pattern.finditer(text))


def test_the_pair_index_reads_a_trie_of_words():
    assert scan.first_pairs(re.compile("一(?:如继往|愁莫展)|下拔")) == {"一如", "一愁", "下拔"}
    assert scan.first_pairs(re.compile("一(?:如|愁莫展)?")) is None  # a match may be one character


def test_the_pattern_analysis_reads_anchors_neighbours_and_a_character_after_words():
    assert scan.anchors(re.compile("某某|[xX×]{2,4}年")) == [("Xx×某", 0, 0)]
    assert scan.anchors(re.compile(r"\d{1,3}年")) == [("年", 1, 3)]
    assert scan.anchors(re.compile(r"\d+年")) is None  # after an element of unbounded width
    assert scan.anchors(re.compile("a?")) is None  # may match nothing
    assert scan.neighbours(re.compile("(?<=较好|圆满)的(?=完成|落实)")) == ({"好", "满"}, {"完", "落"})
    assert scan.neighbours(re.compile("[的地]")) == (None, None)
    assert scan.char_after_words(re.compile(r"(?:基本|财政拨款)支(?=\d)")) == ("支", (2, 4), "digit")
    assert scan.char_after_words(re.compile("(?:基本|项目)支[出付]")) == ("支", (2,), {"出", "付"})
    assert scan.char_after_words(re.compile("[基项]支")) is None
    assert scan.head_widths(r"(?:得分|总分)(?:为|:)?") == range(2, 4)


def test_the_anchored_scan_finds_what_the_regex_finds():
    data = default_checker_data()
    patterns = [data.placeholder_regex, re.compile(r"\d{1,3}年"), re.compile(r"(?:某某|[xX]{2})(?:县|单位)")]
    for raw in [*TEXTS, "xx县某某单位于20××年、123年xX单位"]:
        report = parse(raw)
        for pattern in patterns:
            found = scan.finditer_anchored(pattern, report.text, report.places)
            assert _spans(found) == _spans(pattern.finditer(report.text))
