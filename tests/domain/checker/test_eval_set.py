"""The evaluation set (tests/data/checker_eval): well-formed annotations, and on the tuning part
(not the held-out part, which no test may tune against) no error where the hand check found the
statements consistent, and every hand-found error-level defect at least reported."""

import pytest

from tests.domain.checker.eval_sets import (
    DATA,
    assert_errors_only_at_defects,
    assert_every_error_reported,
    assert_well_formed,
    load,
)

EVAL = DATA / "checker_eval"
ANNOTATIONS = load(EVAL)
TUNING = sorted(name for name, meta in ANNOTATIONS.items() if not meta["held_out"])


def test_the_set_is_larger_than_the_corpus_and_covers_what_the_issue_asks():
    assert len(ANNOTATIONS) >= 40
    assert sorted(ANNOTATIONS) == sorted(p.name for p in EVAL.glob("*.txt"))
    held = [m for m in ANNOTATIONS.values() if m["held_out"]]
    assert len(held) * 4 >= len(ANNOTATIONS)
    assert len({m["province"] for m in ANNOTATIONS.values()}) >= 8
    assert {m["report"] for m in ANNOTATIONS.values()} == {"zhengti", "xiangmu"}
    assert {m["evaluation"] for m in ANNOTATIONS.values()} == {"自评", "第三方"}
    assert {"prose", "table"} <= {m["form"] for m in ANNOTATIONS.values()}


def test_the_fresh_batches_are_held_out_and_the_tuning_batches_are_not():
    """Batches 6, 15, 17, 18, 22, 24, 25, 26 and 27 were annotated before the checker ever ran on
    them: they must stay out of every test that runs the checker (those use TUNING only). Batches 2,
    4, 8 and 20 were held out until their misses were read during development (2, then 4, 8 and 20
    on 2026-12-08); from then on they are tuning data (their first, untuned results are in the README),
    as batches 3, 5, 7, 9–14, 16, 19, 21 and 23 were from the start."""
    batches = {meta.get("batch", 1) for meta in ANNOTATIONS.values()}
    assert batches <= set(range(1, 28))
    fresh = [
        name for name, meta in ANNOTATIONS.items() if meta.get("batch") in (6, 15, 17, 18, 22, 24, 25, 26, 27)
    ]
    # (batch 27 is smaller: the search corpus had only 14 pages left that no earlier batch used)
    assert len(fresh) >= 15 * len(batches & {6, 15, 17, 18, 22, 24, 25, 26}) + 14
    assert all(ANNOTATIONS[name]["held_out"] for name in fresh)
    assert not set(fresh) & set(TUNING)
    tuning_batches = [
        name
        for name, meta in ANNOTATIONS.items()
        if meta.get("batch") in (2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 16, 19, 20, 21, 23)
    ]
    assert set(tuning_batches) <= set(TUNING)
    second = [name for name, meta in ANNOTATIONS.items() if meta.get("batch") == 2]
    assert len(second) == 17


@pytest.mark.parametrize("name", sorted(ANNOTATIONS))
def test_every_annotation_quotes_the_file_and_names_a_known_kind(name):
    text = (EVAL / name).read_text(encoding="utf-8")
    assert text.startswith("SOURCE: reconstructed from http")
    assert_well_formed(text, ANNOTATIONS[name])


@pytest.mark.parametrize("name", TUNING)
def test_no_error_on_a_statement_the_hand_check_found_consistent(name):
    assert_errors_only_at_defects((EVAL / name).read_text(encoding="utf-8"), ANNOTATIONS[name])


# hand-found errors the checker cannot reach, each with the reason (reported in the eval README)
KNOWN_MISSES = {
    "101_jinzhai_mabu_2023_xiangmu.txt": (
        "'10个项目均完工,其中3个项目资金执行100%,剩余…99.97%;…99.89%,…95.6%,…86.02%,…99.49%': the "
        "items after 剩余 are named by their rates, not counted; 3 + 5 against 10 needs the rates "
        "counted as projects"
    ),
    "195_jishan_yibao_2020_xiangmu_table.txt": (
        "a form flattened into one line with the indicator names after their figures "
        "('…10 10 95% 95% 30 27 95% 95% 10 9 100 94 成本指标…'): no row can be given its points"
    ),
    "211_yanbian_gonggongwenhua_2021_xiangmu.txt": (
        "the parts of a sum cut back during the year (375.65 + 37.2 = 412.85 before, 151.8 + 37.48 = "
        "189.28 after a cut of 223.57 from 一般项目 only): each sum is right, only the cut's arithmetic "
        "across two paragraphs shows the parts disagree"
    ),
    "268_weizhu_shangwu_fuwumaoyi_2020_xiangmu_table.txt": (
        "a PDF read into one line with its cells out of order: the scores '20 20 100' stand after the "
        "labels of other rows, so no row can be given its points"
    ),
    "388_hubei_shequfuwuzhan_2014_xiangmu_disanfang.txt": (
        "'总面积达到424902.8平方米,增幅达145.6%,净增面积251954.5平方米': the growth is worked out from "
        "the total and the increase (251954.5÷(424902.8−251954.5)=145.68%); the checker reads a rate "
        "of change only against a stated previous figure"
    ),
    "391_nanhu_youfu_2016_xiangmu_table.txt": (
        "a form read one cell per line whose 其中 rows repeat their labels four times across the "
        "columns (中央财政 ×4, 省财政 170 ×2 …): the cells cannot be put back into their columns"
    ),
    "409_longyang_linye_shengtai_2022_xiangmu.txt": (
        "'共支付资金1696.76万元…分项目情况为①…支付21万元;②…1605万元;③…支付71.01万地…': the items "
        "follow no 其中, and one amount's unit is a slip (万地), so the items' sum cannot be read"
    ),
}


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in TUNING
        if any(d["severity"] == "error" for d in ANNOTATIONS[n]["defects"]) and n not in KNOWN_MISSES
    ],
)
def test_every_error_the_hand_check_found_is_reported(name):
    assert_every_error_reported((EVAL / name).read_text(encoding="utf-8"), ANNOTATIONS[name])
