"""Characters replaced by one of similar sound or shape (别字: 布署 for 部署, 滥芋充数 for 滥竽充数),
found without a list of wrong words.

The confusion set (``jixiao/data/checker/confusion.txt``: for each common character the
characters of the same sound and tone and those of similar shape) and the word counts of jieba's
dictionary give, for every frequent word of 2–4 characters (idioms included), the strings that one
slip of a character turns it into: 部署 → 布署, 步署, 簿署 … Those that are no word themselves (or a
very rare one) are the suspects. There are about a million of them; they are kept only as the
bits of a Bloom filter (4 MB), built once per process from the two files (about 0.5 s).

A text is checked in one pass of numpy: the hashes of all its 2-, 3- and 4-character windows are
looked up in the filter at once, and only the few windows it lets through are looked at in Python:
which word the window comes from (the most frequent), and whether the text around reads better
with the word than as written (the unigram split of the lexicon, see lexicon.py) by a margin.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from jixiao.domain.checker.lexicon import Lexicon, jieba_dictionary

_PRIME = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)
_BLOCKS = 19  # 2^19 words of 64 bits = 4 MB; a million strings, two bits each, fill 6% of the bits
_PAIR_BLOCKS = 17  # 1 MB for the words of two characters
_SHIFT = np.uint64(64 - _BLOCKS)
_CJK_LOW, _CJK_HIGH = 0x4E00, 0x9FFF
_FIRST, _SECOND, _LOW6, _ONE = np.uint64(58), np.uint64(52), np.uint64(63), np.uint64(1)
_SEEDS = {2: np.uint64(0x2F1), 3: np.uint64(0x3A7), 4: np.uint64(0x4C9)}
with np.errstate(over="ignore"):
    _OFFSET = {size: seed * _PRIME**size for size, seed in _SEEDS.items()}  # the seed, rolled in
_ROW_OFFSETS = np.array([[_OFFSET[2]], [_OFFSET[3]], [_OFFSET[4]]], dtype=np.uint64)  # by window size
# a frequent word with a character dropped (义务教育 → 义务教) is kept in the same filter under
# other seeds: a window's hash under them is its hash plus a constant of its size
_DROP_SEEDS = {2: np.uint64(0x5B3), 3: np.uint64(0x6D1)}
with np.errstate(over="ignore"):
    _DROP_DELTA = {size: (seed - _SEEDS[size]) * _PRIME**size for size, seed in _DROP_SEEDS.items()}
_CJK_LOW32, _CJK_SPAN32 = np.uint32(_CJK_LOW), np.uint32(_CJK_HIGH - _CJK_LOW)
_DICT_LINE = re.compile(r"^([\u4e00-\u9fff]{2,4}) (\d+)(?: (\w+))?", re.MULTILINE)
# jieba's tags of proper names (persons, places, organisations): no word a slip is taken from —
# 尊医重卫 is not a slip of 中卫 (a city), and a name is checked against its other spellings in
# the same text instead (name.variant)
_NAME_TAGS = ("nr", "ns", "nt")
_DICT_SINGLE = re.compile(r"^([\u4e00-\u9fff]) (\d+)", re.MULTILINE)


def read_confusion(path: Path) -> dict[str, tuple[str, str]]:
    """Character → (same sound, similar shape), from ``confusion.txt``."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        char, sound, shape = [*line.split("\t"), "", ""][:3]
        table[char] = (sound, shape)
    return table


def _codes(strings: list[str], size: int) -> np.ndarray:
    """(len(strings), size) code points of strings of ``size`` characters."""
    if not strings:
        return np.zeros((0, size), dtype=np.uint64)
    raw = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32)
    return raw.reshape(-1, size).astype(np.uint64)


def _hash_rows(rows: np.ndarray, size: int, seed: np.uint64 | None = None) -> np.ndarray:
    with np.errstate(over="ignore"):
        value = np.full(rows.shape[0], _SEEDS[size] if seed is None else seed, dtype=np.uint64)
        for column in range(size):
            value = value * _PRIME + rows[:, column]
        return value


# the two bits a hash sets in its block, by the top 12 bits of ``hash * _MIX2`` (the first bit's
# number, then the second's): one look-up in a table of 32 KB for the four shifts and masks
_TOP12 = np.uint64(_SECOND)
_TWELVE = np.arange(1 << 12, dtype=np.uint64)
_BIT_PAIRS = (_ONE << (_TWELVE >> np.uint64(6))) | (_ONE << (_TWELVE & _LOW6))
del _TWELVE


def _absent(bits: np.ndarray, value: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Into ``out``: whether each hash is surely not in the filter (not both of its bits are set in
    its 64-bit block). The bits are ``mixed >> _FIRST`` and ``(mixed >> _SECOND) & _LOW6`` of
    ``mixed = value * _MIX2`` (see ``_slots``), looked up together in ``_BIT_PAIRS``. (numpy does
    not check integer arrays for overflow: the products wrap around, as the hashes need, without a
    warning.)"""
    block = value * _MIX
    block >>= _SHIFT
    if bits.size != 1 << _BLOCKS:  # (the shift leaves _BLOCKS bits: a smaller filter takes fewer)
        block &= np.uint64(bits.size - 1)
    word = bits.take(block.view(np.intp))  # (the blocks are small: as intp, no index conversion)
    np.multiply(value, _MIX2, out=block)
    block >>= _TOP12
    need = _BIT_PAIRS.take(block.view(np.intp))
    word &= need
    return np.not_equal(word, need, out=out)


def _slots(value: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The filter's block (one 64-bit word: one memory access a look-up) and two bits in it."""
    with np.errstate(over="ignore"):
        mixed = value * _MIX2
        return (value * _MIX) >> _SHIFT, mixed >> _FIRST, (mixed >> _SECOND) & _LOW6


def _mark(bits: np.ndarray, hashes: np.ndarray) -> None:
    block, first, second = _slots(hashes)
    np.bitwise_or.at(bits, block & np.uint64(bits.size - 1), (_ONE << first) | (_ONE << second))


@dataclass
class ConfusionIndex:
    table: dict[str, tuple[str, str]]
    bits: np.ndarray  # the Bloom filter of the suspect strings, one bit each
    pairs: np.ndarray  # the Bloom filter of the words of two characters (a neighbour in a word)
    min_score: dict[int, int]  # a word of n characters counts when its lexicon code is at least this
    rare_score: int  # a string whose code is at most this counts as no word (布署 is in jieba, twice)
    seen: dict = field(default_factory=dict)  # span → corrections, remembered

    def windows(self, text: str, codes: np.ndarray | None = None) -> list[tuple[int, int, bool, bool]]:
        """(start, size, replaced, dropped) of the windows of ``text`` that may be a slip of a
        frequent word — one character replaced or two swapped (``replaced``), or a word of one
        character more with one dropped (``dropped``) — those of two, then of three, then of four
        characters, each in the order of the text; ``codes``: the text's code points (uint32), when
        the caller has them already."""
        length = len(text)
        if length < 2:
            return []
        if codes is None:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        wide = codes.astype(np.uint64)
        # row n − 2: the hash of the window of n characters at each start, c0·Pⁿ⁻¹ + … + cₙ₋₁ with
        # the seed rolled in (seed·Pⁿ); each row is the one before rolled on by a character. Rows
        # on the text's whole length, one numpy call for all starts, are cheaper than gathering
        # the chosen windows' characters; the last starts of a row (past the end) are never chosen
        # (numpy does not check integer arrays for overflow: the hashes wrap around silently)
        rows = np.empty((3, length), dtype=np.uint64)
        ends = length - 1, max(length - 2, 0), max(length - 3, 0)  # how many windows of 2, 3, 4
        pair, three, four = rows[0, : ends[0]], rows[1, : ends[1]], rows[2, : ends[2]]
        np.multiply(wide[:-1], _PRIME, out=pair)
        pair += wide[1:]
        np.multiply(pair[:-1], _PRIME, out=three)
        three += wide[2:]
        np.multiply(three[:-1], _PRIME, out=four)
        four += wide[3:]
        rows += _ROW_OFFSETS
        # a window whose first character ends a word, or whose last one starts one, is no slip
        # of its own (全体|人员: 体人 is not looked at); free[j]: no word of two at (j − 1, j)
        free = np.empty(length + 1, dtype=bool)
        free[0] = free[length] = True
        _absent(self.pairs, pair, free[1:length])
        # keep[n − 2, j]: a window of n may start at j: its characters Chinese, free at j and at
        # j + n (the starts past the end stay False)
        chinese = codes - _CJK_LOW32
        chinese = chinese <= _CJK_SPAN32
        whole = chinese[:-1] & chinese[1:]
        start_ok = whole & free[: length - 1]
        keep = np.zeros((3, length), dtype=bool)
        np.logical_and(start_ok, free[2:], out=keep[0, : ends[0]])
        start_ok = start_ok[:-1] & whole[1:]  # three Chinese characters
        np.logical_and(start_ok, free[3:], out=keep[1, : ends[1]])
        start_ok = start_ok[:-1] & whole[2:]  # four
        np.logical_and(start_ok, free[4:], out=keep[2, : ends[2]])
        # the chosen windows in one list: row by row, each in the order of the text
        chosen = keep.reshape(-1).nonzero()[0]
        hashes = rows.reshape(-1).take(chosen)
        # and the windows of two and three under the seeds of a dropped character (rows 0 and 1
        # come first in ``chosen``), looked up together: one pass over the filter
        count = hashes.size
        twos, small = np.searchsorted(chosen, (length, 2 * length))
        both = np.empty(count + small, dtype=np.uint64)
        both[:count] = hashes
        np.add(hashes[:twos], _DROP_DELTA[2], out=both[count : count + twos])
        np.add(hashes[twos:small], _DROP_DELTA[3], out=both[count + twos :])
        absent = _absent(self.bits, both, np.empty(both.size, dtype=bool))
        hit = ~absent[:count]
        drop_hit = np.zeros(count, dtype=bool)
        np.logical_not(absent[count:], out=drop_hit[:small])
        found = (hit | drop_hit).nonzero()[0]
        return [
            (at % length, at // length + 2, replaced, lost)
            for at, replaced, lost in zip(
                chosen.take(found).tolist(),
                hit.take(found).tolist(),
                drop_hit.take(found).tolist(),
                strict=True,
            )
        ]

    def may_end_pairs(self, codes: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """For each position in ``ends`` (each at least 2), whether the two characters before it
        may be a word (the filter of words of two characters: no false 'no', a few false 'maybe')."""
        wide = codes.astype(np.uint64)
        with np.errstate(over="ignore"):
            value = wide.take(ends - 2) * _PRIME + wide.take(ends - 1) + _OFFSET[2]
        return ~_absent(self.pairs, value, np.empty(value.size, dtype=bool))

    def corrections(self, lexicon: Lexicon, span: str, common_alone: int) -> list[tuple[int, str, int, str]]:
        """(score, word, position, kind) for each frequent word that ``span`` is one slip from, best
        first. A character whose own code is above ``common_alone`` (是, 的, 上) is kept as written.
        Remembered (the same few strings recur from report to report)."""
        known = self.seen.get(span)
        if known is None:
            if len(self.seen) > 20_000:
                self.seen.clear()
            known = self.seen[span] = self._corrections(lexicon, span, common_alone)
        return known

    def _corrections(self, lexicon: Lexicon, span: str, common_alone: int) -> list[tuple[int, str, int, str]]:
        result = []
        floor = self.min_score.get(len(span), 99)
        variant_scores = lexicon.variant_scores
        for position, char in enumerate(span):
            alone = lexicon.score(char)
            if alone is not None and alone > common_alone:
                continue
            sound, shape = self.table.get(char, ("", ""))
            before, after = span[:position], span[position + 1 :]
            for kind, options in (("同音", sound), ("形近", shape)):
                # most are no word, told by the lexicon's Bloom filter without remembering them
                for word, score in variant_scores(before, options, after):
                    if score >= floor:
                        result.append((score, word, position, kind))
        for position in range(len(span) - 1):  # two neighbouring characters swapped: 分总 → 总分
            if span[position] == span[position + 1]:
                continue
            word = span[:position] + span[position + 1] + span[position] + span[position + 2 :]
            if lexicon.may_be_word(word):
                score = lexicon.score(word)
                if score is not None and score >= floor:
                    result.append((score, word, position, "倒字"))
        result.sort(reverse=True)
        return result

    def dropped(self, lexicon: Lexicon, text: str, span: str) -> list[tuple[int, str, int, str]]:
        """(score, word, position, "漏字") for each frequent word of one character more than
        ``span`` that the text writes elsewhere and that ``span`` is with its character at
        ``position`` dropped (义务教 in a text that writes 义务教育: position 3), best first.
        Taken from the text, not remembered: the text's own spelling is the evidence."""
        floor = self.min_score.get(len(span) + 1, 99)
        size, find = len(span), text.find
        # (position, character) of each word the text writes: the span's own places give the
        # characters before and after it (positions 0 and size); a position inside, one search
        # in C. (Every character of the span is in the word: one written once is this one.)
        if any(find(char, find(char) + 1) < 0 for char in span):
            return []
        gaps: set[tuple[int, str]] = set()
        at = find(span)
        while at >= 0:
            if at:
                gaps.add((0, text[at - 1]))
            if at + size < len(text):
                gaps.add((size, text[at + size]))
            at = find(span, at + 1)
        for position in range(1, size):
            gaps.update(
                (position, char) for char in _drop_pattern(span[:position], span[position:]).findall(text)
            )
        found: dict[str, tuple[int, int]] = {}
        for position, char in gaps:
            word = span[:position] + char + span[position:]
            if word not in found and "\u4e00" <= char <= "\u9fff" and lexicon.may_be_word(word):
                score = lexicon.score(word)
                if score is not None and score >= floor:
                    found[word] = (score, position)
        return sorted(
            ((score, word, position, "漏字") for word, (score, position) in found.items()), reverse=True
        )


@lru_cache(maxsize=4096)
def _drop_pattern(head: str, tail: str) -> re.Pattern:
    """``head``, one Chinese character (the group), ``tail``."""
    return re.compile(re.escape(head) + "([\u4e00-\u9fff])" + re.escape(tail))


def build_index(
    content: str,
    table: dict[str, tuple[str, str]],
    min_count: dict[int, int],
    rare_count: int,
    extra_words: tuple[str, ...] = (),
    common_alone: int = 99,
    numerals: str = "",
) -> tuple[np.ndarray, np.ndarray]:
    """The Bloom filters of the strings that one slip of a character makes of a frequent word, and
    of the words of two characters. ``content`` is jieba's dictionary; a word of n characters is
    frequent with a count ≥ min_count[n]; ``extra_words`` are words it lacks. A slip never writes a
    character whose own code is above ``common_alone`` (是, 的, 上: the rule keeps them as written)
    or a numeral, and words with a numeral are left out (一是 is no slip of 一事)."""
    words: dict[int, list[str]] = {2: [], 3: [], 4: []}
    known: dict[int, list[str]] = {2: [], 3: [], 4: []}
    for word in extra_words:
        if len(word) in known:
            known[len(word)].append(word)
    for word, count, tag in _DICT_LINE.findall(content):
        number = int(count)
        size = len(word)
        if number > rare_count:
            known[size].append(word)
        if tag.startswith(_NAME_TAGS):
            continue
        if number >= min_count.get(size, 1 << 62) and not any(char in numerals for char in word):
            words[size].append(word)
    too_common = {
        char
        for char, count in _DICT_SINGLE.findall(content)
        if int(2 * math.log2(max(int(count), 1))) > common_alone
    }
    options = {
        char: "".join(
            option for option in sound + shape if option not in too_common and option not in numerals
        )
        for char, (sound, shape) in table.items()
    }
    bits = np.zeros(1 << _BLOCKS, dtype=np.uint64)
    pairs = np.zeros(1 << _PAIR_BLOCKS, dtype=np.uint64)
    _mark(pairs, _hash_rows(_codes(known[2], 2), 2))
    # one character of a frequent word of three or four dropped (义务教育 → 义务教): strings of one
    # character less, under their own seeds (a word of its own is no suspect: 委员会 → 委员)
    for size in (3, 4):
        rows = _codes(words[size], size)
        if rows.size == 0:
            continue
        short = np.unique(np.concatenate([np.delete(rows, column, axis=1) for column in range(size)]), axis=0)
        short = short[
            ~np.isin(_hash_rows(short, size - 1), _hash_rows(_codes(known[size - 1], size - 1), size - 1))
        ]
        _mark(bits, _hash_rows(short, size - 1, _DROP_SEEDS[size - 1]))
    for size in (2, 3, 4):
        rows = _codes(words[size], size)
        if rows.size == 0:
            continue
        variants = []
        # two neighbouring characters swapped (总分 → 分总), when they differ
        for column in range(size - 1):
            differ = rows[:, column] != rows[:, column + 1]
            swapped = rows[differ].copy()
            swapped[:, [column, column + 1]] = swapped[:, [column + 1, column]]
            variants.append(swapped)
        for column in range(size):
            chars, inverse = np.unique(rows[:, column], return_inverse=True)
            for number, code in enumerate(chars):
                alternatives = options.get(chr(int(code)))
                if not alternatives:
                    continue
                picked = rows[inverse == number]
                swapped = np.repeat(picked, len(alternatives), axis=0)
                swapped[:, column] = np.tile(
                    np.array([ord(a) for a in alternatives], dtype=np.uint64), picked.shape[0]
                )
                variants.append(swapped)
        if not variants:
            continue
        hashes = np.unique(_hash_rows(np.concatenate(variants), size))
        hashes = hashes[~np.isin(hashes, _hash_rows(_codes(known[size], size), size))]  # no slips: words
        _mark(bits, hashes)
    return bits, pairs


_PREBUILT_FORMAT = 3  # raised when the hashing or the layout of the filters changes


def prebuilt_key(dictionary: bytes, table: bytes, parameters: tuple) -> str:
    """What the filters are built from: jieba's dictionary, the confusion set, the parameters and
    the filters' layout. A prebuilt file is used only when its key is this one."""
    digest = hashlib.sha256(f"{_PREBUILT_FORMAT}|{_BLOCKS}|{_PAIR_BLOCKS}|{parameters!r}|".encode())
    digest.update(dictionary)
    digest.update(b"|")
    digest.update(table)
    return digest.hexdigest()


def read_prebuilt(path: Path, key: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The filters saved by :func:`write_prebuilt`, or None when the file is missing or was
    built from other inputs (another jieba dictionary, an edited confusion set)."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as saved:
        if str(saved["key"]) != key:
            return None
        bits, pairs = saved["bits"], saved["pairs"]
    if bits.shape != (1 << _BLOCKS,) or pairs.shape != (1 << _PAIR_BLOCKS,):
        return None
    return bits, pairs


def write_prebuilt(path: Path, key: str, bits: np.ndarray, pairs: np.ndarray) -> None:
    np.savez_compressed(path, key=np.array(key), bits=bits, pairs=pairs)


def _inputs(path: str, parameters: tuple) -> tuple[bytes, str] | None:
    """(jieba's dictionary as bytes, the key of the filters), or None without jieba."""
    dictionary = jieba_dictionary()
    if dictionary is None:
        return None
    raw = dictionary.read_bytes()
    return raw, prebuilt_key(raw, Path(path).read_bytes(), parameters)


def build_filters(
    path: str,
    min_count: tuple[tuple[int, int], ...],
    rare_count: int,
    extra_words: tuple[str, ...] = (),
    common_alone: int = 99,
    numerals: str = "",
) -> tuple[str, np.ndarray, np.ndarray] | None:
    """(key, bits, pairs) built from jieba's dictionary and the confusion set (about 1.5 s, and
    some 50 MB of memory that the process keeps: run it once, see ``write_prebuilt``)."""
    inputs = _inputs(path, (min_count, rare_count, extra_words, common_alone, numerals))
    if inputs is None:
        return None
    raw, key = inputs
    content = raw.decode("utf-8")
    del raw
    table = read_confusion(Path(path))
    bits, pairs = build_index(
        content, table, dict(min_count), rare_count, extra_words, common_alone, numerals
    )
    return key, bits, pairs


@lru_cache(maxsize=2)
def load_confusion(
    path: str,
    min_count: tuple[tuple[int, int], ...],
    rare_count: int,
    extra_words: tuple[str, ...] = (),
    common_alone: int = 99,
    numerals: str = "",
) -> ConfusionIndex | None:
    """The index of this process (on the first report with Chinese text). The filters are read
    from the prebuilt file next to the confusion set (``confusion.npz``, 1.7 MB: 0.05 s and 5 MB
    of memory) when it was built from the same inputs; otherwise they are built here (about 1.5 s
    and 50 MB more memory kept by the process)."""
    parameters = (min_count, rare_count, extra_words, common_alone, numerals)
    inputs = _inputs(path, parameters)
    if inputs is None:
        return None
    key = inputs[1]
    del inputs
    filters = read_prebuilt(Path(path).with_suffix(".npz"), key)
    if filters is None:
        built = build_filters(path, *parameters)
        if built is None:
            return None
        filters = built[1], built[2]
    table = read_confusion(Path(path))
    counts = dict(min_count)
    scores = {size: int(2 * np.log2(count)) for size, count in counts.items()}
    return ConfusionIndex(table, filters[0], filters[1], scores, int(2 * np.log2(max(rare_count, 1))))


def main() -> int:
    """Rebuild the prebuilt filters from the installed jieba and ``typos.yaml``:
    ``python -m jixiao.domain.checker.confusion`` (after editing confusion.txt or the parameters)."""
    from jixiao.domain.checker.config import default_checker_data
    from jixiao.domain.checker.rules_words import confusion_parameters

    parameters = confusion_parameters(default_checker_data())
    built = build_filters(*parameters)
    if built is None:
        print("jieba 未安装，无法生成")
        return 1
    target = Path(parameters[0]).with_suffix(".npz")
    write_prebuilt(target, *built)
    print(f"已写出 {target}（{target.stat().st_size} 字节）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
