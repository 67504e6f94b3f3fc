"""A Chinese word lexicon for the typo checks: which strings are words, and how common each is.

The words are jieba's dictionary (``dict.txt`` of the ``jieba`` package on PyPI, MIT licence,
about 349,000 words with their counts in a large corpus); it ships inside the installed package,
so nothing is downloaded. Words added in ``typos.yaml`` (``lexicon.extra_words``) join it.

Memory: instead of one Python string per word (a set of all words costs about 40 MB), the words
are kept as one string per first character, ``|金额=K|资金=K|…``, where K is one character that
codes the word's count on a log scale; a look-up is one ``str.find`` in that string, after a
Bloom filter of the words has answered "no" at once for most strings (which are no words). The lines
are sorted so that each group is joined before the next is read; with the Bloom filter the
process keeps about 16 MB more (VmRSS after loading; 35 MB when every line stays a string until
the end), plus at most a few MB of remembered look-ups. A long group (more than _INDEXED
characters: some 380 of them) also keeps where the words of each second character stand in it (about
0.5 MB in all), so that a look-up reads only those. The file is read once per process, on the
first report that needs it (0.6–1 s).

``segment`` splits a short run of Chinese characters into its most probable words (the
unigram model jieba itself uses): the product of the words' relative counts is maximal. The
rules only segment a few characters around a suspicious place, never a whole document.
"""

from __future__ import annotations

import importlib.util
import math
import re
from array import array
from functools import lru_cache
from itertools import groupby, pairwise
from pathlib import Path

MAX_WORD = 5  # longer words (idioms, long names) are not needed around one character
_CODE_BASE = 0x30  # code = chr(0x30 + round(2·log2(count)))
_BLOOM_BITS = 1 << 22  # a Bloom filter of the words (512 KB, two bits a word, ~2% false "maybe")
_BLOOM_MASK = _BLOOM_BITS - 1
_SEEN_MAX = 50_000  # remembered look-ups (about 5 MB at most), then forgotten at once
_UNSEEN = object()
# a group longer than this gets an index by the words' second character: ``str.find`` in a group of
# thousands of characters (一, 大, 不: some 10,000) costs microseconds, every '=' a false start
_INDEXED = 1024
_BAR = re.compile(r"\|")


def jieba_dictionary() -> Path | None:
    """Where the installed jieba package keeps its dictionary (None when jieba is missing).
    ``find_spec`` locates the package without importing it."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.exists() else None


class Lexicon:
    """Words with a coded count; ``score(word)`` is None for a string that is not a word."""

    def __init__(self, content: str, extra_words: tuple[str, ...] = ()):
        """``content``: the dictionary's text, one ``word count [tag]`` a line."""
        lines = content.split("\n")
        del content
        lines.sort()  # grouped by first character; each group is joined before the next is read
        groups: dict[str, str] = {}
        single: dict[str, int] = {}
        bloom = bytearray(_BLOOM_BITS // 8)
        total = 0
        for first, group in groupby(lines, key=lambda line: line[:1]):
            items = []
            for line in group:
                word, _, rest = line.partition(" ")
                if not word:
                    continue
                count = int(rest.split(" ", 1)[0] or 1)
                total += count
                code = min(int(2 * math.log2(count)) if count > 0 else 0, 70)
                if len(word) == 1:
                    single[word] = code
                elif len(word) <= MAX_WORD:
                    items.append(f"{word[1:]}={chr(_CODE_BASE + code)}")
                    self._mark(bloom, word)
            if items:
                groups[first] = "|" + "|".join(items) + "|"
        del lines
        for word in extra_words:  # words the dictionary lacks, counted as ordinary words
            if 1 < len(word) <= MAX_WORD and f"|{word[1:]}=" not in groups.get(word[0], ""):
                groups[word[0]] = groups.get(word[0], "|") + f"{word[1:]}={chr(_CODE_BASE + 20)}|"
                self._mark(bloom, word)
        self._groups = groups
        self._seconds = {first: _by_second(group) for first, group in groups.items() if len(group) > _INDEXED}
        self._bloom = bytes(bloom)
        self._seen: dict[str, int | None] = {}  # look-ups already made (common words recur)
        self._single = single
        self._log_total = 2 * math.log2(max(total, 2))

    @staticmethod
    def _mark(bloom: bytearray, word: str) -> None:
        key = hash(word)
        for bit in (key & _BLOOM_MASK, (key >> 24) & _BLOOM_MASK):
            bloom[bit >> 3] |= 1 << (bit & 7)

    @property
    def singles(self) -> dict[str, int]:
        """The coded counts of the single characters (``score`` of a string of one character is
        ``singles.get``); not to be changed."""
        return self._single

    def score(self, word: str) -> int | None:
        if len(word) <= 1:  # (the empty string is no word: never looked up in a group by its first character)
            return self._single.get(word)
        known = self._seen.get(word, _UNSEEN)
        if known is not _UNSEEN:
            return known
        if len(self._seen) > _SEEN_MAX:
            self._seen.clear()
        known = self._seen[word] = self._look_up(word)
        return known

    def forget(self) -> None:
        """Drop the remembered look-ups and splits (for measuring a cold start)."""
        self._seen.clear()
        self.split.cache_clear()

    def may_be_word(self, word: str) -> bool:
        """False when ``word`` (of two characters or more) is certainly no word: its ``score`` is
        None. Told by the Bloom filter alone, and not remembered: for the many strings that are
        looked up once (the corrections of a span, which its caller remembers)."""
        key = hash(word)
        bloom = self._bloom
        first, second = key & _BLOOM_MASK, (key >> 24) & _BLOOM_MASK
        return bool((bloom[first >> 3] >> (first & 7)) & 1 and (bloom[second >> 3] >> (second & 7)) & 1)

    def variant_scores(self, before: str, options: str, after: str) -> list[tuple[str, int]]:
        """(word, score) of each ``before + option + after`` that is a word, for the characters of
        ``options`` in order: ``score`` of those that ``may_be_word`` lets through (the filter
        read in place, for the many candidates of a span)."""
        bloom, score_of = self._bloom, self.score
        found = []
        for option in options:
            word = before + option + after
            key = hash(word)
            first, second = key & _BLOOM_MASK, (key >> 24) & _BLOOM_MASK
            if (bloom[first >> 3] >> (first & 7)) & 1 and (bloom[second >> 3] >> (second & 7)) & 1:
                score = score_of(word)
                if score is not None:
                    found.append((word, score))
        return found

    def _look_up(self, word: str) -> int | None:
        key = hash(word)
        bloom = self._bloom
        first, second = key & _BLOOM_MASK, (key >> 24) & _BLOOM_MASK
        if not (bloom[first >> 3] >> (first & 7)) & 1 or not (bloom[second >> 3] >> (second & 7)) & 1:
            return None  # most strings looked up are no word: answered without scanning a group
        head = word[0]
        group = self._groups.get(head)
        if group is None:
            return None
        index = self._seconds.get(head)
        if index is None:
            at = group.find(f"|{word[1:]}=")
        else:  # only where the words of the same second character stand
            seconds, bounds = index
            second_at = seconds.find(word[1])
            if second_at < 0:
                return None
            low = bounds[2 * second_at]
            if group[low + 2] == "=" and len(word) == 2:
                # the word of two characters is the first of its part (the lines are sorted)
                return ord(group[low + 3]) - _CODE_BASE
            at = group.find(f"|{word[1:]}=", low, bounds[2 * second_at + 1])
        if at < 0:
            return None
        return ord(group[at + len(word) + 1]) - _CODE_BASE

    def __contains__(self, word: str) -> bool:
        return self.score(word) is not None

    def is_word(self, word: str) -> bool:
        """A word of two characters or more (every single character is 'a word' of jieba's)."""
        if len(word) < 2:
            return False
        known = self._seen.get(word, _UNSEEN)  # score(), without a call when remembered
        return (known if known is not _UNSEEN else self.score(word)) is not None

    def segment(self, text: str) -> tuple[str, ...]:
        """The most probable split of ``text`` (a short run of Chinese characters) into words."""
        return self.split(text)[0]

    @lru_cache(maxsize=4096)  # noqa: B019 — one lexicon per process; the same phrases recur
    def split(self, text: str) -> tuple[tuple[str, ...], float]:
        """The most probable split of ``text`` and its log-probability (in units of ½ bit: the
        sum over its words of the coded count less the coded total)."""
        size = len(text)
        # best[end]: the value of the best split of text[:end] and the length of its last word;
        # kept as two lists, and the Bloom filter read in place (``may_be_word``, inlined)
        values = [0.0] * (size + 1)
        lengths = [0] * (size + 1)
        log_total = self._log_total
        single, remembered, score_of, bloom = self._single.get, self._seen.get, self.score, self._bloom
        for end in range(1, size + 1):
            score = single(text[end - 1 : end])  # (score of one character)
            if score is None:
                score = 0  # a character jieba does not know
            best_value, best_length = -1e9, 1
            value = values[end - 1] + score - log_total
            if value > best_value:
                best_value = value
            for length in range(2, min(MAX_WORD, end) + 1):
                piece = text[end - length : end]
                score = remembered(piece, _UNSEEN)
                if score is _UNSEEN:  # most pieces are no word: told by the Bloom filter, not remembered
                    key = hash(piece)
                    first, second = key & _BLOOM_MASK, (key >> 24) & _BLOOM_MASK
                    if not (
                        (bloom[first >> 3] >> (first & 7)) & 1 and (bloom[second >> 3] >> (second & 7)) & 1
                    ):
                        continue
                    score = score_of(piece)
                if score is None:
                    continue
                value = values[end - length] + score - log_total
                if value > best_value:
                    best_value, best_length = value, length
            values[end], lengths[end] = best_value, best_length
        words = []
        end = size
        while end > 0:
            length = lengths[end]
            words.append(text[end - length : end])
            end -= length
        return tuple(reversed(words)), values[size]


def _by_second(group: str) -> tuple[str, array]:
    """The second characters of a group's words, and for each the part of the group that holds
    all its items (from the '|' before the first to the '|' after the last: the items are sorted,
    but the extra words are added at the end), as (start, end) pairs in one array."""
    bounds: dict[str, list[int]] = {}
    bars = [match.start() for match in _BAR.finditer(group)]
    for low, high in pairwise(bars):  # (each item: '|', the rest of the word, '=', its code)
        known = bounds.get(group[low + 1])
        if known is None:
            bounds[group[low + 1]] = [low, high]
        else:
            known[1] = high
    return "".join(bounds), array("i", [at for pair in bounds.values() for at in pair])


@lru_cache(maxsize=2)
def load_lexicon(extra_words: tuple[str, ...] = ()) -> Lexicon | None:
    """The lexicon of this process (read once); None when jieba is not installed."""
    path = jieba_dictionary()
    if path is None:
        return None
    return Lexicon(path.read_text(encoding="utf-8"), extra_words)
