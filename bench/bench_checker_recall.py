"""Benchmark of the report checker on real reports checked by hand (tests/data/checker_eval).

For the whole set, its tuning part (and each tuning batch alone), its first held-out part (held_out: true — no
rule was tuned on it, but it was looked at during development), its fresh held-out batches 6, 15, 17, 18, 22, 24, 25, 26 and 27 (4, 8 and 20 were too, until 2026-12-08)
(annotated and committed before the checker was first run on them, each made after the rules of its day
were written) alone and together, prints

* recall by kind: hand-found defects that the checker reports as an error or a warning at the
  quoted place (±10 characters; a defect spread over several places lists them under ``also``);
* false errors and false warnings per 20 reports: findings of that severity at no annotated
  defect (an error on a defect annotated as a warning is counted apart, as "too severe");
* the speed on the set (CPU time, one process) and the machine's load.

    python bench/bench_checker_recall.py [--rounds 3] [--verbose] [--batch 7]

This is a benchmark, not a test: it prints numbers and never fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from jixiao.domain.checker import ERROR, WARNING, check_text  # noqa: E402
from tests.domain.checker.eval_sets import DATA, load, near, spans  # noqa: E402

EVAL = DATA / "checker_eval"


def score(files: dict, texts: dict, verbose: bool) -> dict:
    found, total = Counter(), Counter()
    false_errors = false_warnings = too_severe = 0
    for name, meta in files.items():
        text = texts[name]
        listed = verbose and not meta["held_out"]  # a held-out file is never listed one by one
        result = check_text(text, report_type="auto")
        reported = [f for f in result.findings if f.severity in (ERROR, WARNING)]
        defects = [
            (entry, spans(text, [entry["quote"], *entry.get("also", [])])) for entry in meta["defects"]
        ]
        for entry, places in defects:
            total[entry["kind"]] += 1
            hits = [f for f in reported if near(f, places)]
            if hits:
                found[entry["kind"]] += 1
                error_spans = [sp for e, sp in defects if e["severity"] == "error"]
                if entry["severity"] == "warning" and any(
                    f.severity == ERROR and not any(near(f, sp) for sp in error_spans) for f in hits
                ):
                    too_severe += 1  # an error here that no error-level defect nearby accounts for
            elif listed:
                print(f"  漏报 {name} [{entry['kind']}] {entry['quote'][:40]!r}")
        for finding in reported:
            if any(near(finding, places) for _, places in defects):
                continue
            if finding.severity == ERROR:
                false_errors += 1
            else:
                false_warnings += 1
            if listed:
                print(f"  误报 {name} {finding.severity} {finding.rule}: {finding.message[:60]}")
    return {
        "files": len(files),
        "found": found,
        "total": total,
        "false_errors": false_errors,
        "false_warnings": false_warnings,
        "too_severe": too_severe,
    }


def report(title: str, numbers: dict) -> None:
    files = numbers["files"]
    found, total = numbers["found"], numbers["total"]
    all_found, all_total = sum(found.values()), sum(total.values())
    share = f"{all_found / all_total:.0%}" if all_total else "—"
    print(f"{title}：{files} 份报告，人工找出的问题 {all_total} 个，报出 {all_found} 个，召回率 {share}")
    for kind in sorted(total, key=lambda k: (-total[k], k)):
        print(f"    {kind:<12} {found[kind]:>2}/{total[kind]:<2}")
    per20 = 20 / files if files else 0
    print(
        f"    误报：错误 {numbers['false_errors']} 个（每20份 {numbers['false_errors'] * per20:.1f}），"
        f"警告 {numbers['false_warnings']} 个（每20份 {numbers['false_warnings'] * per20:.1f}）；"
        f"标为警告的问题报成错误 {numbers['too_severe']} 个"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="测速轮数")
    parser.add_argument("--verbose", action="store_true", help="列出每个漏报和误报")
    parser.add_argument("--batch", type=int, help="只看这一批（调规则用的批次；留出的批次拒绝）")
    args = parser.parse_args()
    files = load(EVAL)
    texts = {name: (EVAL / name).read_text(encoding="utf-8") for name in files}
    tuning = {n: m for n, m in files.items() if not m["held_out"]}
    held = {n: m for n, m in files.items() if m["held_out"]}

    def batch(number: int) -> dict:
        return {n: m for n, m in files.items() if m.get("batch", 1) == number}

    tuning_batches = (
        (2, "其中第二批（47–63，原留出部分，漏报看过后改作调规则用）"),
        (3, "其中第三批（64–91，调规则用）"),
        (4, "其中第四批（原留出部分，第一次结果记在 README；2026-12-08 起漏报看过后改作调规则用）"),
        (7, "其中第七批（164–187，调规则用）"),
        (8, "其中第八批（原留出部分，第一次结果记在 README；2026-12-08 起漏报看过后改作调规则用）"),
        (9, "其中第九批（212–235，调规则用）"),
        (10, "其中第十批（236–259，调规则用）"),
        (11, "其中第十一批（260–283，调规则用）"),
        (12, "其中第十二批（284–307，调规则用）"),
        (13, "其中第十三批（308–331，调规则用）"),
        (14, "其中第十四批（332–379 中抽出留出部分后余下的 24 份，调规则用）"),
        (16, "其中第十六批（380–427 中抽出留出部分后余下的 24 份，调规则用）"),
        (19, "其中第十九批（476–523 中抽出留出部分后余下的 24 份，调规则用）"),
        (20, "其中第二十批（原留出部分，第一次结果记在 README；2026-12-08 起漏报看过后改作调规则用）"),
        (21, "其中第二十一批（524–571 中找到的 41 份抽出留出部分后余下的 21 份，调规则用）"),
        (23, "其中第二十三批（572–619 中找到的 31 份抽出留出部分后余下的 16 份，调规则用）"),
    )
    held_batches = (
        (1, "留出部分（第一批）"),
        (6, "留出部分（第六批，建档时未跑过检查器，本轮改动之后才建）"),
        (15, "留出部分（第十五批，332–379 中随机抽出的 24 份，建档时未跑过检查器）"),
        (17, "留出部分（第十七批，380–427 中随机抽出的 24 份，建档时未跑过检查器，第十四批调规则之后才建）"),
        (18, "留出部分（第十八批，428–475 中找到的 28 份，建档时未跑过检查器，第十六批调规则之后才建）"),
        (
            22,
            "留出部分（第二十二批，524–571 中随机抽出的 20 份，建档时未跑过检查器，第十九批调规则之后才建）",
        ),
        (
            24,
            "留出部分（第二十四批，572–619 中随机抽出的 15 份，建档时未跑过检查器，第二十一批调规则之后才建）",
        ),
        (
            25,
            "留出部分（第二十五批，620–643 的 24 份，全部留出，建档时未跑过检查器；"
            "留出漏报被列出、模板残留改动之后才建，是这之后唯一干净的留出批次）",
        ),
        (
            26,
            "留出部分（第二十六批，644–667 的 24 份，全部留出，建档时未跑过检查器；"
            "标点、日期、模板残留、编号按写法组合扩展之前建档提交）",
        ),
        (
            27,
            "留出部分（第二十七批，668–691 中找到的 14 份，全部留出，建档时未跑过检查器；"
            "检索语料里没用过的网页几乎用尽）",
        ),
    )
    held_parts = [
        (title, {n: m for n, m in batch(number).items() if m["held_out"]}) for number, title in held_batches
    ]
    print(
        f"报告体检评测集 {EVAL.relative_to(ROOT)}（调规则用 {len(tuning)} 份，留出 {len(held)} 份："
        + "、".join(
            f"第{number}批 {len(part)} 份"
            for (number, _), (_, part) in zip(held_batches, held_parts, strict=True)
        )
        + "）"
    )
    parts = (
        ("全部", files),
        ("调规则部分", tuning),
        *((title, batch(number)) for number, title in tuning_batches),
        *held_parts,
        (
            "留出部分合计（第六、十五、十七、十八、二十二、二十四、二十五、二十六、二十七批，"
            "建档时都未跑过检查器；第四、八、二十批 2026-12-08 改作调规则用之后余下的）",
            {n: m for n, m in held.items() if m.get("batch", 1) != 1},
        ),
    )
    if args.batch is not None:
        part = batch(args.batch)
        if any(m["held_out"] for m in part.values()):
            print(f"第{args.batch}批是留出部分：不逐条列出")
            return 1
        parts = ((f"第{args.batch}批", part),)
    for title, part in parts:
        if args.verbose:
            print(f"{title}：")
        report(title, score(part, texts, args.verbose))
    machine_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rates = []
    for _ in range(args.rounds):
        cpu = time.process_time()
        for text in texts.values():
            check_text(text, report_type="auto")
        rates.append(len(texts) / (time.process_time() - cpu))
    if not rates:
        return 0  # --rounds 0: recall only
    average = sum(map(len, texts.values())) // len(texts)
    print(
        f"速度：评测集 {len(texts)} 份（平均 {average} 字），按 CPU 时间最好 {max(rates):.0f} 份/秒，"
        f"最差 {min(rates):.0f} 份/秒（一个进程；测时机器负载 {machine_load:.1f}）"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
