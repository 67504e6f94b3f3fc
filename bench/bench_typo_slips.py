"""Typo recall on slips injected into clean text, by mechanism — independent of the eval set.

Takes clean report texts (tests/domain/checker/texts/*.txt, the synthetic clean reports of
tests/domain/checker/synthetic/*.txt, and any extra files given, e.g. a report jixiao generated),
picks random frequent words in them (the lexicon's counts: jieba's dictionary), injects one slip of
one mechanism into one occurrence (a seeded RNG, many trials), checks the changed text and prints,
by mechanism:

* recall: trials where a typo finding (rule ``typo.*``, warning or error) covers the slip's place
  (its span within one character of the changed characters) and the clean text had none there;
* elsewhere: new typo findings of the changed text away from the slip (per 100 trials);

and the typo findings on the unmodified texts (all of them false: the texts are clean).

Mechanisms: 同音 / 形近 (one character of a word replaced by one of its confusion set,
confusion.txt), 漏字 (one character of a word of 3–4 characters dropped), 漏字2 (one character of a
word of two dropped), 多字 (a common character inserted inside a word), 叠字 (a character of a word
written twice), 倒字 (two neighbouring characters of a word swapped), 叠词 (a word of two or more
characters written twice), 的地得 (的/地/得 replaced by another of the three).

    python bench/bench_typo_slips.py [--trials 40] [--seed 1] [--extra /tmp/demo.txt ...]

This is a benchmark, not a test: it prints numbers and never fails.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.domain.checker import ERROR, WARNING, check_text  # noqa: E402
from jixiao.domain.checker.config import default_checker_data  # noqa: E402
from jixiao.domain.checker.confusion import read_confusion  # noqa: E402
from jixiao.domain.checker.lexicon import load_lexicon  # noqa: E402
from jixiao.domain.checker.rules_words import confusion_parameters  # noqa: E402

CHECKER = ROOT / "tests" / "domain" / "checker"
MECHANISMS = ("同音", "形近", "漏字", "漏字2", "多字", "叠字", "倒字", "叠词", "的地得")
MIN_CODE = 16  # a word counts as frequent with a lexicon code ≥ this (2·log2 count: some 256 uses)
_RUN = re.compile("[\u4e00-\u9fff]{2,}")
_INSERTS = "的了在和是有人中不为对以上工作"  # characters slipped in most often: common ones


def clean_texts(extra: list[str]) -> dict[str, str]:
    paths = sorted((CHECKER / "texts").glob("*.txt")) + sorted((CHECKER / "synthetic").glob("*.txt"))
    paths += [Path(p) for p in extra]
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def typo_spans(text: str) -> list[tuple[int, int, str]]:
    result = check_text(text, report_type="auto")
    return [
        (f.location.start, f.location.end, f.rule)
        for f in result.findings
        if f.rule.startswith("typo.") and f.severity in (ERROR, WARNING)
    ]


def words_of(lexicon, text: str) -> list[tuple[int, str]]:
    """(start, word) of the frequent words of 2–4 characters of the text's split."""
    found = []
    for run in _RUN.finditer(text):
        at = run.start()
        chunk = run.group()
        for low in range(0, len(chunk), 40):  # short pieces: the split is quadratic-free but cached
            piece = chunk[low : low + 40]
            position = at + low
            for word in lexicon.segment(piece):
                if 2 <= len(word) <= 4 and (lexicon.score(word) or 0) >= MIN_CODE:
                    found.append((position, word))
                position += len(word)
    return found


def inject(mechanism: str, rng: random.Random, lexicon, table, text: str, words, des):
    """(changed text, start, end of the changed characters in it) or None when the mechanism
    finds nothing to change in this text."""
    if mechanism == "的地得":
        if not des:
            return None
        at = rng.choice(des)
        other = rng.choice([c for c in "的地得" if c != text[at]])
        return text[:at] + other + text[at + 1 :], at, at + 1
    pool = {
        "漏字": [w for w in words if len(w[1]) >= 3],
        "漏字2": [w for w in words if len(w[1]) == 2],
        "叠词": [w for w in words if len(w[1]) >= 2],
    }.get(mechanism, words)
    for _ in range(50):
        if not pool:
            return None
        start, word = rng.choice(pool)
        if mechanism in ("同音", "形近"):
            position = rng.randrange(len(word))
            sound, shape = table.get(word[position], ("", ""))
            options = [c for c in (sound if mechanism == "同音" else shape)]
            options = [c for c in options if not lexicon.is_word(word[:position] + c + word[position + 1 :])]
            if not options:
                continue
            char = rng.choice(options)
            at = start + position
            return text[:at] + char + text[at + 1 :], at, at + 1
        if mechanism in ("漏字", "漏字2"):
            position = rng.randrange(len(word))
            at = start + position
            return text[:at] + text[at + 1 :], max(at - 1, start), min(at + 1, start + len(word) - 1)
        if mechanism == "多字":
            position = rng.randrange(1, len(word))
            char = rng.choice(_INSERTS)
            at = start + position
            changed = word[:position] + char + word[position:]
            if lexicon.is_word(changed):
                continue
            return text[:at] + char + text[at:], at, at + 1
        if mechanism == "叠字":
            position = rng.randrange(len(word))
            at = start + position
            return text[: at + 1] + text[at] + text[at + 1 :], at, at + 2
        if mechanism == "倒字":
            position = rng.randrange(len(word) - 1)
            if word[position] == word[position + 1]:
                continue
            swapped = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
            if lexicon.is_word(swapped) or lexicon.is_word(swapped[position : position + 2]):
                continue  # 资金/金资 … a swap that is a word of its own is no slip to look for here
            at = start + position
            return text[:at] + word[position + 1] + word[position] + text[at + 2 :], at, at + 2
        if mechanism == "叠词":
            end = start + len(word)
            return text[:end] + word + text[end:], start, end + len(word)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=40, help="每种错法注入的次数")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra", nargs="*", default=[], help="另加的干净文本（如 jixiao 生成的报告）")
    parser.add_argument("--only", nargs="*", default=[], help="只跑这些错法")
    parser.add_argument("--show", action="store_true", help="列出每次注入和是否报出")
    args = parser.parse_args()

    data = default_checker_data()
    lexicon = load_lexicon(tuple((data.typos.get("lexicon") or {}).get("extra_words") or ()))
    table = read_confusion(Path(confusion_parameters(data)[0]))
    texts = clean_texts(args.extra)
    began = time.process_time()
    clean = {name: typo_spans(text) for name, text in texts.items()}
    false_by_rule = Counter(rule for spans in clean.values() for _, _, rule in spans)
    words = {name: words_of(lexicon, text) for name, text in texts.items()}
    des = {
        name: [m.start() for m in re.finditer("[的地得]", text) if m.start()] for name, text in texts.items()
    }
    names = sorted(texts)
    print(
        f"干净文本 {len(texts)} 份（{sum(map(len, texts.values()))} 字），每种错法 {args.trials} 次，种子 {args.seed}"
    )
    total_found = total_trials = 0
    for mechanism in args.only or MECHANISMS:
        rng = random.Random(f"{args.seed}|{mechanism}")
        found = trials = elsewhere = 0
        by_rule: Counter = Counter()
        while trials < args.trials:
            name = rng.choice(names)
            text = texts[name]
            made = inject(mechanism, rng, lexicon, table, text, words[name], des[name])
            if made is None:
                continue
            changed, low, high = made
            # the clean text's typo findings around the place: the slip's own finding is a new one
            shift = len(changed) - len(text)
            before = {
                (a if a < low else a + shift, b if b <= low else b + shift, r) for a, b, r in clean[name]
            }
            if any(a <= high + 1 and b >= low - 1 for a, b, _ in before):
                continue  # a place the clean text already draws a typo finding at: not a fair trial
            trials += 1
            new = [s for s in typo_spans(changed) if s not in before]
            hits = [s for s in new if s[0] <= high + 1 and s[1] >= low - 1]
            elsewhere += len(new) - len(hits)
            if hits:
                found += 1
                by_rule[hits[0][2]] += 1
            if args.show:
                mark = "报出" if hits else "漏报"
                print(
                    f"  {mechanism} {mark} {name[:24]} “{text[max(low - 4, 0) : low + 6]}”→“{changed[max(low - 4, 0) : high + 4]}”"
                )
        total_found += found
        total_trials += trials
        rules = "、".join(f"{rule} {count}" for rule, count in by_rule.most_common())
        print(
            f"  {mechanism:<4} 召回 {found:>3}/{trials}（{100 * found / trials:3.0f}%）  别处新增 {elsewhere:>3}  {rules}"
        )
    print(f"  合计 召回 {total_found}/{total_trials}（{100 * total_found / max(total_trials, 1):.0f}%）")
    count = sum(false_by_rule.values())
    rules = "、".join(f"{rule} {n}" for rule, n in false_by_rule.most_common())
    print(f"干净文本上的错别字类提示（都是误报）：{count} 个  {rules}")
    print(f"CPU {time.process_time() - began:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
