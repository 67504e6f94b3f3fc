"""How far the checker's identities reach over wordings: each family's defect written in many
combinations of the ways reports word its members (a member's label × where it stands), each with a
consistent twin. Prints, by family, how many combinations are found and how many consistent twins
draw a finding.

This measures generalisation without a held-out set: the combinations are products of short lists
of wordings, not texts the rules were tuned on one by one (the tests in
tests/domain/checker/test_rules_balance_wordings.py and test_rules_claims_whole.py hold a sample of
each, so a change that loses one fails). A benchmark, not a test.

    python bench/bench_checker_wordings.py [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.domain.checker import check_text  # noqa: E402

# (name, the rules whose findings count, the combinations: (label, wrong text, right text))
Family = tuple[str, tuple[str, ...], Callable[[], Iterator[tuple[str, str, str]]]]

_BODY = "鹤山市侨务办公室2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本办内设2个股室。\n二、部门预算收支情况\n"
_PROJECT = "鹤山市文化广电旅游体育局2023年度公共文化服务体系建设项目支出绩效自评报告\n一、项目基本情况\n"
_FARM = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇。\n"
_FOREST = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设5个股室。\n"


def _year_identity() -> Iterator[tuple[str, str, str]]:
    carried = [
        "年初结转和结余12.40万元",
        "上年结转资金12.40万元",
        "上年结余12.40万元",
        "年初结转结余12.40万元",
    ]
    income = [
        "本年收入合计465.30万元",
        "全年收入465.30万元",
        "2023年收入总计465.30万元",
        "本年度财政拨款收入465.30万元",
    ]
    spent = [
        "本年支出合计458.85万元",
        "全年支出458.85万元",
        "2023年度决算支出458.85万元",
        "支出总计458.85万元",
    ]
    end = ["年末结转和结余{b}万元", "年末结余{b}万元", "结转下年{b}万元", "期末结转结余{b}万元"]
    for c, i, s, e in itertools.product(carried, income, spent, end):
        body = (
            f"（一）收入情况\n{c}；{i}。\n（二）支出情况\n{s}，其中基本支出400.00万元、项目支出58.85万元。\n"
            f"三、结转结余\n{e}。\n"
        )
        yield (
            f"{c[:6]}|{i[:6]}|{s[:6]}|{e[:6]}",
            _BODY + body.format(b="28.85"),
            _BODY + body.format(b="18.85"),
        )


def _project_balance() -> Iterator[tuple[str, str, str]]:
    available = [
        "上年结转38.60万元，本年下达265.00万元，可用资金合计303.60万元",
        "项目资金总额303.60万元，其中上年结转38.60万元、本年下达265.00万元",
        "年初结转38.60万元，当年到位265.00万元",
    ]
    stated = [
        "项目资金结转下年{b}万元，将继续用于在建子项目。",
        "年末结余资金{b}万元。",
        "尚未支付的{b}万元已结转下年使用。",
        "剩余{b}万元为质保金。",
        "资金结余{b}万元，结转下年度。",
        "未使用资金{b}万元按规定结转。",
        "期末结转{b}万元。",
        "项目结余{b}万元。",
    ]
    for a, s in itertools.product(available, stated):
        body = (
            f"（一）资金安排\n2023年{a}。\n二、资金使用\n截至2023年12月31日，项目实际支出271.35万元。\n"
            f"三、绩效分析\n{s}\n四、存在问题\n部分子项目进度偏慢。\n"
        )
        yield f"{a[:8]}|{s[:8]}", _PROJECT + body.format(b="22.25"), _PROJECT + body.format(b="32.25")


def _claims() -> Iterator[tuple[str, str, str]]:
    evidence = {
        "rate": "二、资金到位情况\n项目计划投入资金1,520.00万元，实际到位{a}万元，资金到位率{r}。\n",
        "pair": "二、资金到位情况\n项目计划投入资金1,520.00万元，实际到位资金{a}万元。\n",
        "table": "二、资金到位情况\n| 资金来源 | 计划数 | 到位数 | 到位率 |\n| 中央资金 | 1,000.00 | 1,000.00 | 100.00% |\n"
        "| 县级配套 | 520.00 | {c} | {cr} |\n| 合计 | 1,520.00 | {a} | {r} |\n",
        "paid": "二、资金使用情况\n项目预算1,520.00万元，已支付{a}万元，支付进度{r}。\n",
        "spent": "二、资金使用情况\n项目调整后预算1,520.00万元，全年支出{a}万元。\n",
    }
    claims = {
        "rate": ["各级资金均已足额到位，保障了项目实施。", "项目资金已全部到位。", "所有资金100%到位。"],
        "pair": ["各级资金均已足额到位，保障了项目实施。", "项目资金已全部到位。", "所有资金100%到位。"],
        "table": ["各级资金均已足额到位。", "项目资金已全部到位。", "县级配套资金已全部到位。"],
        "paid": ["项目资金已全部支付完毕。", "资金已按合同全额支付。", "项目资金已100%支付。"],
        "spent": ["项目资金已全部使用完毕。", "年度预算已全部执行完毕。"],
    }
    short = {"a": "1,380.00", "r": "90.79%", "c": "380.00", "cr": "73.08%"}
    full = {"a": "1,520.00", "r": "100.00%", "c": "520.00", "cr": "100.00%"}
    for kind, said in claims.items():
        for claim, where in itertools.product(said, ("三、绩效分析\n", "四、评价结论\n")):
            tail = where + "项目建设按期推进。" + claim + "\n五、存在问题\n进度偏慢。\n"
            yield (
                f"{kind}|{where[:4]}|{claim[:10]}",
                _FARM + evidence[kind].format(**short) + tail,
                _FARM + evidence[kind].format(**full) + tail,
            )


def _conflicts() -> Iterator[tuple[str, str, str]]:
    first = {
        "budget": ["2023年年初预算{v}万元。", "年初部门预算数为{v}万元。"],
        "spent": ["全年支出决算{v}万元。", "2023年度实际支出{v}万元。", "全年累计支出{v}万元。"],
        "trained": ["全年开展林业技术培训，培训林农{v}人次。", "组织技术培训，共培训林农{v}人次。"],
        "area": ["全年完成植树造林{v}亩。", "全年造林面积{v}亩。"],
    }
    second = {
        "budget": [
            "年初预算{v}万元，执行中有调整。",
            "部门年初预算为{v}万元。",
            "年初批复预算{v}万元编制不够细化。",
        ],
        "spent": ["本年支出{v}万元，执行进度偏慢。", "全年实际支出{v}万元。", "部门全年支出{v}万元。"],
        "trained": [
            "培训林农{v}人次，取得了良好效果。",
            "累计培训林农{v}人次。",
            "共培训林农{v}人次，满意度较高。",
        ],
        "area": ["造林{v}亩，成活率较高。", "完成植树造林{v}亩。", "全年共造林{v}亩。"],
    }
    values = {
        "budget": ("1,236.50", "1,286.50"),
        "spent": ("1,180.20", "1,150.20"),
        "trained": ("1,250", "1,320"),
        "area": ("3,600", "3,800"),
    }
    for kind, (a, b) in values.items():
        for one, two in itertools.product(first[kind], second[kind]):
            text = (
                _FOREST
                + "二、部门收支情况\n"
                + one.format(v=a)
                + "\n三、绩效分析\n{}\n四、存在问题\n进度偏慢。\n"
            )
            yield f"{kind}|{one[:8]}|{two[:8]}", text.format(two.format(v=b)), text.format(two.format(v=a))


def _totals() -> Iterator[tuple[str, str, str]]:
    shapes = [
        "项目支出{T}万元，主要用于森林防火52.30万元、林业有害生物防治38.60万元、国土绿化41.20万元。",
        "项目支出包括森林防火52.30万元、林业有害生物防治38.60万元和国土绿化41.20万元，共计{T}万元。",
        "森林防火52.30万元，林业有害生物防治38.60万元，国土绿化41.20万元，以上三项合计{T}万元。",
        "全年安排森林防火、林业有害生物防治、国土绿化3个项目，分别支出52.30万元、38.60万元、41.20万元，合计{T}万元。",
        "项目支出{T}万元：\n1.森林防火52.30万元；\n2.林业有害生物防治38.60万元；\n3.国土绿化41.20万元。",
        "项目支出{T}万元（森林防火52.30万元，林业有害生物防治38.60万元，国土绿化41.20万元）。",
        "用于森林防火、林业有害生物防治、国土绿化的支出依次为52.30万元、38.60万元和41.20万元，总额{T}万元。",
        "| 项目 | 支出 |\n| 森林防火 | 52.30 |\n| 林业有害生物防治 | 38.60 |\n| 国土绿化 | 41.20 |\n| 合计 | {T} |",
    ]
    counts = [
        (
            "全年培训林农{T}人次，其中森林防火培训520人次、病虫害防治培训386人次、造林技术培训412人次。",
            "1,318",
            "1,348",
        ),
        ("全年共开展培训{T}期：森林防火5期、病虫害防治4期、造林技术3期。", "12", "14"),
        ("年初有护林员128人，年中新增护林员36人，年末共有护林员{T}人。", "164", "168"),
        ("一级指标分值：决策15分、过程25分、产出30分、效益{T}分，合计100分。", "30", "35"),
    ]
    head = _FOREST + "二、支出情况\n"
    tail = "\n三、存在问题\n进度偏慢。\n"
    for shape, right, wrong in [*((s, "132.10", "138.10") for s in shapes), *counts]:
        yield (
            shape[:16].replace("\n", " "),
            head + shape.replace("{T}", wrong) + tail,
            head + shape.replace("{T}", right) + tail,
        )


def _rates() -> Iterator[tuple[str, str, str]]:
    cases = [
        ("二、预算执行\n调整后预算1,250.00万元，实际支出1,187.50万元，预算执行率{r}。\n", "95.00%", "97.00%"),
        (
            "二、预算执行\n调整后预算1,250.00万元，实际支出1,187.50万元。\n三、绩效分析\n本局预算执行率为{r}，执行较好。\n",
            "95.00%",
            "97.00%",
        ),
        (
            "二、预算执行\n全年预算数1,250.00万元，全年执行数1,187.50万元。\n三、自评得分\n预算执行率{r}，得9.5分。\n",
            "95.00%",
            "97.00%",
        ),
        ("二、产出\n计划培训林农800人次，实际培训760人次，完成率{r}。\n", "95.00%", "97.00%"),
        ("二、产出\n全年培训林农760人次，年度目标800人次，目标完成率{r}。\n", "95.00%", "97.00%"),
        (
            "二、支出结构\n本年支出1,187.50万元，其中项目支出356.25万元，占本年支出的{r}。\n",
            "30.00%",
            "32.00%",
        ),
        (
            "二、支出结构\n本年支出1,187.50万元。\n三、项目支出\n项目支出356.25万元，占总支出的{r}。\n",
            "30.00%",
            "32.00%",
        ),
        ("二、支出情况\n2023年支出1,187.50万元，2022年支出1,100.00万元，同比增长{r}。\n", "7.95%", "9.95%"),
        ("二、支出情况\n本年支出1,187.50万元，比上年的1,100.00万元增长{r}。\n", "7.95%", "9.95%"),
        ("二、三公经费\n“三公”经费预算12.00万元，实际支出9.60万元，控制率{r}。\n", "80.00%", "86.00%"),
        ("二、人员\n核定编制20名，实有在职人员18人，在职人员控制率{r}。\n", "90.00%", "95.00%"),
        (
            "二、预算执行\n表1（单位：万元）\n| 项目 | 调整后预算 | 实际支出 |\n| 合计 | 1,250.00 | 1,187.50 |\n三、分析\n预算执行率{r}。\n",
            "95.00%",
            "97.00%",
        ),
    ]
    tail = "四、存在问题\n进度偏慢。\n"
    for body, right, wrong in cases:
        label = body.split("\n")[1][:16]
        yield label, _FOREST + body.format(r=wrong) + tail, _FOREST + body.format(r=right) + tail


# a money rate with its numerator and denominator named in the ways reports name them: (rate, the
# denominator's labels, the numerator's labels), each pair a meaningful one
RATE_PAIRS = {
    "执行率": (
        ["年初预算{b}万元", "下达资金{b}万元", "安排资金{b}万元", "调整后预算{b}万元"],
        ["实际支出{a}万元", "已支付{a}万元", "支出{a}万元"],
    ),
    "预算执行率": (["年初预算{b}万元", "全年预算数{b}万元"], ["实际支出{a}万元", "全年执行数{a}万元"]),
    "支付率": (["下达资金{b}万元", "安排资金{b}万元"], ["已支付{a}万元", "实际支付{a}万元"]),
    "拨付率": (["下达资金{b}万元", "安排资金{b}万元"], ["已拨付{a}万元", "累计拨付{a}万元"]),
    "资金到位率": (
        ["计划投资{b}万元", "安排资金{b}万元", "预算资金{b}万元"],
        ["到位资金{a}万元", "实际到位{a}万元"],
    ),
    "投资完成率": (["计划投资{b}万元"], ["累计完成投资{a}万元", "完成投资{a}万元"]),
    "兑付率": (["安排资金{b}万元", "应兑付资金{b}万元"], ["已兑付{a}万元", "兑付资金{a}万元"]),
}
# where the members stand: one sentence, the denominator a sentence before (after a time phrase), a
# clause after a semicolon, the numerator as 其中 of the denominator, both in a bracket after the rate
RATE_SHAPES = (
    "{base}，{act}，{rate}为{r}。",
    "{base}。截至年底{act}，{rate}{r}。",
    "{base}；{act}，{rate}达{r}，资金使用规范。",
    "本项目{base}，{act}，{rate}{r}，较好完成了年度目标。",
    "{rate}{r}（{act}，{base}）。",
    "{base}，其中{act}，{rate}{r}。",
)
# (denominator, numerator, the rate rounded, the rate written wrong): an integer off by more than
# 0.5, the last decimal cut instead of rounded, two digits swapped
RATE_VALUES = (
    ("19204.096", "18501.096", "96%", "95%"),
    ("2373.51", "1002.2739", "42.23%", "42.22%"),
    ("264.80", "231.45", "87.41%", "84.71%"),
)


_TAIL_ISSUES = "\n三、存在问题\n进度偏慢。\n"


def _filled(cases, head: str, slot: str) -> Iterator[tuple[str, str, str]]:
    """Each (text with ``slot``, right value, wrong value) of ``cases`` after ``head``, filled both ways."""
    for body, right, wrong in cases:
        yield (
            body[:16].replace("\n", " "),
            head + body.replace(slot, wrong) + _TAIL_ISSUES,
            head + body.replace(slot, right) + _TAIL_ISSUES,
        )


def _with_members(rates: dict, shapes, values, head: str, tail: str) -> Iterator[tuple[str, str, str]]:
    """Each rate with each wording of its denominator ({base}) and numerator ({act}) in each shape,
    for each (denominator, numerator, rate right, rate wrong) of ``values``."""
    for rate, (bases, acts) in rates.items():
        for base, act, shape, (b, a, right, wrong) in itertools.product(bases, acts, shapes, values):
            body = shape.replace("{base}", base.format(b=b)).replace("{act}", act.format(a=a))
            body = body.replace("{rate}", rate).replace("{a}", a).replace("{b}", b)
            yield (
                f"{rate}：{body[:24]}",
                head + body.replace("{r}", wrong) + tail,
                head + body.replace("{r}", right) + tail,
            )


def _rate_pairs() -> Iterator[tuple[str, str, str]]:
    return _with_members(
        RATE_PAIRS, RATE_SHAPES, RATE_VALUES, _FARM + "二、资金情况\n", "\n三、绩效情况\n项目按期完成。\n"
    )


# a total and its items listed without 其中 or with it, in the ways reports list them: the total first
# (其中, 主要用于：, 具体为：, 分别是, 用于) or last (共计, 合计, 以上N项共, 总计), the items joined by 、 , ；, each
# opened by 用于, or numbered ①②
TOTAL_SHAPES = (
    "全年共支出资金{t}万元，其中{items}。",
    "项目资金{t}万元，主要用于：{items}。",
    "累计完成投资{t}万元，具体为：{items}。",
    "本年度下达资金合计{t}万元，分别是{items}。",
    "资金总额{t}万元，用于{items}。",
    "{items}，共计{t}万元。",
    "{items}，合计支出{t}万元。",
    "{items}，以上{n}项共{t}万元。",
    "{items}，总计{t}万元。",
)
TOTAL_ITEMS = (
    ("乡镇综合文化站设备购置", "35.60"),
    ("送戏下乡演出", "28.40"),
    ("农家书屋图书更新", "12.75"),
    ("全民健身设施维护", "41.25"),
)


def _item_lists() -> Iterator[tuple[str, str, str]]:
    styles = (
        "、".join(f"{n}{v}万元" for n, v in TOTAL_ITEMS),
        "，".join(f"{n}支出{v}万元" for n, v in TOTAL_ITEMS),
        "；".join(f"{n}{v}万元" for n, v in TOTAL_ITEMS),
        "".join(f"{'①②③④'[i]}{n}{v}万元；" for i, (n, v) in enumerate(TOTAL_ITEMS)).rstrip("；"),
        "，".join(f"用于{n}{v}万元" for n, v in TOTAL_ITEMS),
    )
    head, tail = _PROJECT + "二、资金使用情况\n", "\n三、绩效情况\n项目按期完成。\n"
    for shape, items in itertools.product(TOTAL_SHAPES, styles):
        if shape.startswith("资金总额") and items.startswith("用于"):
            continue  # (用于 twice)
        body = shape.replace("{items}", items).replace("{n}", str(len(TOTAL_ITEMS)))
        yield (
            body[:24],
            head + body.replace("{t}", "128.00") + tail,
            head + body.replace("{t}", "118.00") + tail,
        )


# the project's total investment and a source's money, stated in the overview and again in another
# section, in the ways reports name them (each pair: first statement, second statement)
AMOUNT_PAIRS = (
    ("项目总投资{v}万元，建设内容包括土地平整和灌溉设施。", "项目总投资{v}万元，资金来源为财政资金。"),
    ("项目总投资{v}万元，建设内容包括土地平整和灌溉设施。", "总投资{v}万元的项目按期完工。"),
    ("项目总投资{v}万元，建设内容包括土地平整和灌溉设施。", "该项目总投资{v}万元。"),
    ("本项目总投资为{v}万元。", "项目总投资{v}万元，资金来源为财政资金。"),
    ("本项目总投资为{v}万元。", "总投资{v}万元的项目按期完工。"),
    ("项目计划总投资{v}万元。", "项目计划总投资{v}万元，实际完成投资1,100.00万元。"),
    ("项目计划总投资{v}万元。", "计划总投资{v}万元。"),
    ("中央财政补助资金{v}万元。", "中央财政补助资金{v}万元全部到位。"),
    ("中央财政补助资金{v}万元。", "其中中央财政补助资金{v}万元。"),
    ("中央财政补助资金{v}万元。", "中央补助资金{v}万元。"),
    ("省级财政资金{v}万元已下达。", "省级财政资金{v}万元全部到位。"),
    ("省级财政资金{v}万元已下达。", "省级资金{v}万元已拨付。"),
    ("项目年初预算{v}万元。", "年初预算{v}万元，执行中未调整。"),
    ("项目年初预算{v}万元。", "项目年初预算为{v}万元。"),
)


def _amounts_twice() -> Iterator[tuple[str, str, str]]:
    head = _FARM.replace("项目位于共和镇。\n", "")
    for (one, two), section in itertools.product(AMOUNT_PAIRS, ("二、项目资金情况\n", "三、绩效分析\n")):
        text = head + one.format(v="1,236.50") + "\n" + section + "{}\n四、存在问题\n进度偏慢。\n"
        yield (
            f"{one[:10]}|{two[:10]}|{section[:4]}",
            text.format(two.format(v="1,286.50")),
            text.format(two.format(v="1,236.50")),
        )


# a list of the sources (or uses) in a sentence of its own, the whole money stated in another section
LIST_WHOLES = (
    "项目资金共1,000.00万元",
    "项目总投资1,000.00万元",
    "项目资金总额为1,000.00万元",
    "年初预算1,000.00万元",
)
LISTS_APART = (
    (
        "二、资金来源\n项目资金来源：中央资金600.00万元，省级资金300.00万元，县级配套{v}万元。\n",
        "130.00",
        "100.00",
    ),
    (
        "二、资金到位\n（一）资金来源。中央财政资金600.00万元、省级财政资金300.00万元、县级配套资金{v}万元。\n",
        "130.00",
        "100.00",
    ),
    (
        "二、资金使用\n资金主要用于土地平整450.00万元、灌溉排水350.00万元、田间道路{v}万元。\n",
        "230.00",
        "200.00",
    ),
    (
        "二、资金使用\n按用途分，土地平整支出450.00万元，灌溉排水支出350.00万元，田间道路支出{v}万元。\n",
        "230.00",
        "200.00",
    ),
)


def _lists_apart() -> Iterator[tuple[str, str, str]]:
    for whole, (body, wrong, right) in itertools.product(LIST_WHOLES, LISTS_APART):
        head = _FARM.replace("项目位于共和镇。", f"项目位于共和镇，{whole}。")
        tail = "三、存在问题\n进度偏慢。\n"
        yield (
            f"{whole[:6]}|{body[3:12]}",
            head + body.format(v=wrong) + tail,
            head + body.format(v=right) + tail,
        )


# a count rate (完成率, 覆盖率, 合格率 …) with its plan and what was done, in counts: (rate, the
# denominator's wordings, the numerator's wordings). Written after the money rates were widened and
# measured before any rule was changed for it: 2026-12-07, first run 114 of 204 (0 twins).
COUNT_RATES = {
    "完成率": (
        ["计划培训林农{b}人次", "年度目标为培训{b}人次"],
        ["实际培训{a}人次", "共培训{a}人次"],
    ),
    "覆盖率": (["全县共有行政村{b}个", "应覆盖行政村{b}个"], ["已覆盖{a}个", "覆盖行政村{a}个"]),
    "合格率": (["抽检样品{b}批次", "共检测样品{b}批次"], ["合格{a}批次", "检测合格{a}批次"]),
    "发放率": (["应发放补贴{b}户", "符合条件的农户{b}户"], ["实际发放{a}户", "已发放{a}户"]),
    "验收合格率": (["完工项目{b}个"], ["验收合格{a}个"]),
}
# where the members stand: one sentence, the plan a sentence before, the done count first, both in a
# bracket after the rate as a/b, the rate in a sentence of its own after both
COUNT_SHAPES = (
    "{base}，{act}，{rate}为{r}。",
    "{base}。截至年底{act}，{rate}{r}。",
    "{base}。{act}，{rate}达到{r}。",
    "全年{act}，{base}，{rate}{r}。",
    "{base}，{act}，{rate}{r}（{a}/{b}）。",
    "{base}，{act}。\n{rate}{r}，较好完成年度目标。",
)
# (plan, done, the rate rounded, the rate written wrong)
COUNT_VALUES = (("800", "760", "95%", "98%"), ("12", "10", "83.33%", "85.33%"))


def _count_rates() -> Iterator[tuple[str, str, str]]:
    return _with_members(COUNT_RATES, COUNT_SHAPES, COUNT_VALUES, _FARM + "二、产出情况\n", _TAIL_ISSUES)


# a total and its items in further wordings: items a sentence or a line each, the total after 以上 or a
# colon, towns allocated money, money in 元, counts of villages, people and households. Written after
# the list styles above were widened and measured before any rule was changed for it: 2026-12-07,
# first run 5 of 14 (0 twins).
TOTAL_WORDINGS = (
    (
        "项目支出{T}万元，具体如下：\n1.森林防火：52.30万元；\n2.有害生物防治：38.60万元；\n3.国土绿化：41.20万元。",
        "132.10",
        "138.10",
    ),
    (
        "森林防火安排52.30万元。有害生物防治安排38.60万元。国土绿化安排41.20万元。以上共计{T}万元。",
        "132.10",
        "138.10",
    ),
    ("共拨付资金{T}万元，分别拨付共和镇52.30万元、址山镇38.60万元、鹤城镇41.20万元。", "132.10", "138.10"),
    ("资金分配情况为：共和镇52.30万元，址山镇38.60万元，鹤城镇41.20万元，共{T}万元。", "132.10", "138.10"),
    ("共和镇52.30万元、址山镇38.60万元、鹤城镇41.20万元，三镇共计{T}万元。", "132.10", "138.10"),
    ("下达共和镇52.30万元；下达址山镇38.60万元；下达鹤城镇41.20万元。合计下达{T}万元。", "132.10", "138.10"),
    (
        "本年度项目资金{T}万元，按用途分：森林防火52.30万元，有害生物防治38.60万元，国土绿化41.20万元。",
        "132.10",
        "138.10",
    ),
    (
        "（一）森林防火：支出52.30万元。\n（二）有害生物防治：支出38.60万元。\n（三）国土绿化：支出41.20万元。\n以上合计支出{T}万元。",
        "132.10",
        "138.10",
    ),
    (
        "项目支出合计{T}万元，包括：森林防火52.30万元、有害生物防治38.60万元、国土绿化41.20万元。",
        "132.10",
        "138.10",
    ),
    (
        "森林防火523,000.00元、有害生物防治386,000.00元、国土绿化412,000.00元，合计{T}元。",
        "1,321,000.00",
        "1,381,000.00",
    ),
    ("项目涉及共和镇3个村、址山镇5个村、鹤城镇4个村，共{T}个村。", "12", "13"),
    ("培训分三期进行，第一期120人，第二期96人，第三期104人，共培训{T}人。", "320", "330"),
    ("发放补贴对象{T}户，其中低保户56户、特困户23户、残疾人家庭31户。", "110", "115"),
    ("全年完成造林{T}亩，其中人工造林1,200亩，封山育林2,400亩。", "3,600", "3,800"),
)


def _total_wordings() -> Iterator[tuple[str, str, str]]:
    return _filled(TOTAL_WORDINGS, _FOREST + "二、支出情况\n", "{T}")


# one figure of the year stated twice with two values, in further wordings: staff, offices, cars,
# projects, people served, 三公, assets, the execution rate and the self-evaluation score; the first in
# the overview, the second in a later section or a table row. Written after the families above and
# measured before any rule was changed for it: 2026-12-07, first run 18 of 30 (0 twins).
CONFLICT_WORDINGS = (
    ("核定编制{v}名。", "本局编制数为{v}名，实有人员18人。", "20", "22"),
    ("实有在职人员{v}人。", "在职人员{v}人，其中行政人员12人。", "18", "19"),
    ("内设{v}个股室。", "本局内设股室{v}个。", "5", "6"),
    ("全年共实施项目{v}个。", "全年实施项目{v}个，均已完工。", "12", "13"),
    ("现有公务用车{v}辆。", "公务用车{v}辆，均按规定使用。", "3", "4"),
    ("项目惠及群众{v}人。", "项目受益群众{v}人，满意度较高。", "1,200", "1,250"),
    ("“三公”经费支出{v}万元。", "全年“三公”经费支出{v}万元，比上年下降。", "9.60", "9.80"),
    ("年末固定资产原值{v}万元。", "固定资产原值{v}万元，账实相符。", "356.20", "365.20"),
    ("全年预算执行率为{v}。", "本局预算执行率{v}，执行较好。", "95.43%", "96.43%"),
    ("经自评，综合得分{v}分。", "本局自评得分{v}分，评价等级为“优”。", "92", "93"),
)
CONFLICT_PLACES = (
    "三、绩效分析\n{two}\n",
    "三、自评结论\n{two}\n",
    "三、绩效分析\n经核查，{two}\n",
)


def _conflict_wordings() -> Iterator[tuple[str, str, str]]:
    for (one, two, right, wrong), place in itertools.product(CONFLICT_WORDINGS, CONFLICT_PLACES):
        text = (
            _FOREST.replace("本局内设5个股室。\n", "")
            + one.format(v=right)
            + "\n二、部门收支情况\n全年支出1,180.20万元。\n"
            + place.replace("{two}", two)
            + "四、存在问题\n进度偏慢。\n"
        )
        yield f"{one[:8]}|{place[:6]}", text.format(v=wrong), text.format(v=right)


# a claim of completeness against a figure of the same report that says otherwise, in further
# wordings: money passed on, spent, left over; outputs done; targets met; placed in the overview, the
# analysis or the conclusion. Written after the families above and measured before any rule was
# changed for it: 2026-12-07, first run 8 of 16 (0 twins).
CLAIM_WORDINGS = (
    ("项目资金下达1,520.00万元，已拨付{a}万元。", "资金已按时足额拨付到位。", "1,380.00", "1,520.00"),
    ("项目资金下达1,520.00万元，已拨付{a}万元，拨付率{r}。", "资金均已及时拨付。", "1,380.00", "1,520.00"),
    (
        "项目预算1,520.00万元，实际支出{a}万元，预算执行率{r}。",
        "项目资金已全部支出。",
        "1,380.00",
        "1,520.00",
    ),
    (
        "项目预算1,520.00万元，实际支出{a}万元，预算执行率{r}。",
        "预算资金100%执行到位。",
        "1,380.00",
        "1,520.00",
    ),
    ("计划建设机耕路12条，实际完成{n}条。", "各项建设任务已全部完成。", "10", "12"),
    ("计划培训农民800人次，实际培训{n}人次。", "年度培训任务全面完成。", "760", "800"),
    ("年度绩效指标共12项，完成{n}项。", "各项绩效指标均已完成。", "10", "12"),
    ("项目预算1,520.00万元，实际支出{a}万元，结余{b}万元。", "项目资金无结余。", "1,380.00", "1,520.00"),
)
CLAIM_PLACES = ("三、绩效分析\n{claim}\n", "三、评价结论\n项目实施效果较好，{claim}\n")


def _claim_fact(fact: str, done: str, full: str) -> str:
    """The fact with its figures: {a}/{n} what was done, {r} its rate of the whole, {b} what is left
    (money is a whole of 1,520.00万元; a count's whole is ``full``)."""
    whole = Decimal("1520.00") if "." in done else Decimal(full.replace(",", ""))
    value = Decimal(done.replace(",", ""))
    rate = f"{(value * 100 / whole).quantize(Decimal('0.01'))}%"
    left = f"{whole - value:,.2f}"
    return fact.replace("{a}", done).replace("{n}", done).replace("{r}", rate).replace("{b}", left)


def _claim_wordings() -> Iterator[tuple[str, str, str]]:
    head = _FARM + "二、资金与产出\n"
    for (fact, claim, short, full), place in itertools.product(CLAIM_WORDINGS, CLAIM_PLACES):
        tail = place.replace("{claim}", claim) + "四、存在问题\n进度偏慢。\n"
        yield (
            f"{claim[:8]}|{fact[:10]}|{place[:6]}",
            head + _claim_fact(fact, short, full) + "\n" + tail,
            head + _claim_fact(fact, full, full) + "\n" + tail,
        )


# rates in further wordings: shares of a whole (占比, 占…的比重), changes on the previous year (增长,
# 下降, 增幅, 降幅, 同比), amounts in 元, the members in a table row and the rate in the prose, a rate
# over 100% where none can be. Written after the families above and measured before any rule was
# changed for it: 2026-12-07, first run 11 of 12 (0 twins; the miss: a table with no unit).
RATE_WORDINGS = (
    ("本年支出1,187.50万元，其中人员经费831.25万元，占比{r}。", "70.00%", "72.00%"),
    ("本年支出1,187.50万元，人员经费831.25万元，占本年支出的比重为{r}。", "70.00%", "72.00%"),
    ("本年支出1,187.50万元。\n人员经费831.25万元，占总支出{r}。", "70.00%", "72.00%"),
    ("本年支出11,875,000.00元，其中人员经费8,312,500.00元，占{r}。", "70.00%", "72.00%"),
    ("本年支出1,187.50万元，上年支出1,100.00万元，同比增长{r}。", "7.95%", "9.95%"),
    ("本年支出1,187.50万元，较上年1,250.00万元下降{r}。", "5.00%", "5.50%"),
    ("“三公”经费支出9.60万元，上年12.00万元，降幅{r}。", "20.00%", "25.00%"),
    ("本年收入1,250.00万元，比上年的1,000.00万元增加250.00万元，增幅{r}。", "25.00%", "20.00%"),
    ("| 项目 | 预算数 | 执行数 |\n| 合计 | 1,250.00 | 1,187.50 |\n全年预算执行率{r}。", "95.00%", "97.00%"),
    ("全年预算1,250.00万元，支出1,187.50万元，执行率{r}。", "95.00%", "105.00%"),
    ("资金到位率{r}，项目资金1,250.00万元全部到位。", "100%", "110%"),
    ("年初预算1,250.00万元，全年支出1,187.50万元，预算完成率{r}。", "95.00%", "59.00%"),
)


def _rate_wordings() -> Iterator[tuple[str, str, str]]:
    return _filled(RATE_WORDINGS, _FOREST + "二、预算收支情况\n", "{r}")


# the money rows of the project self-evaluation form (财预〔2020〕10号: 年初预算数, 全年预算数, 全年执行数,
# 分值, 执行率, 得分 = 分值 × 执行率) in the layouts the reports print it in — a | table, one cell a line, cells
# parted by spaces — with one slip each: the rate cut instead of rounded, the rate wrong, the score
# wrong, the full score for a rate under 100%, 100% for spending under the budget. Written after the
# families above and measured before any rule was changed for it: 2026-12-07, first run 12 of 15 (0 twins; its values then cut the rate within the
# rounding of the printed amounts, which is no slip: values changed, 15 of 15 with no rule changed).
FORM_HEADER = ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
# (budget, spent, rate right, score right): 1,157.97 ÷ 2,000.00 = 57.8985% → 57.90% (57.8982%–57.8988%
# with the printed amounts' rounding), 10 × 57.8985% = 5.79
FORM_VALUES = ("2,000.00", "1,157.97", "57.90%", "5.79")
FORM_SLIPS = (
    ("执行率截位", {"rate": "57.89%"}),
    ("执行率算错", {"rate": "67.90%"}),
    ("得分算错", {"score": "6.79"}),
    ("执行率不足仍满分", {"score": "10"}),
    ("执行率写100%", {"rate": "100%"}),
)


def _form(layout: str, rate: str, score: str) -> str:
    budget, spent = FORM_VALUES[:2]
    rows = [
        FORM_HEADER,
        ("年度资金总额", budget, budget, spent, "10", rate, score),
        ("其中：当年财政拨款", budget, budget, spent, "—", "—", "—"),
        ("上年结转资金", "", "", "", "—", "—", "—"),
    ]
    if layout == "table":
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)
    if layout == "cells":
        return "\n".join(cell for row in rows for cell in row if cell)
    return "\n".join(" ".join(cell for cell in row if cell) for row in rows)


def _form_rows() -> Iterator[tuple[str, str, str]]:
    head = _PROJECT + "二、项目支出绩效自评表\n"
    tail = "\n三、存在问题\n进度偏慢。\n"
    right = {"rate": FORM_VALUES[2], "score": FORM_VALUES[3]}
    for layout, (name, slip) in itertools.product(("table", "cells", "spaces"), FORM_SLIPS):
        wrong = {**right, **slip}
        yield (
            f"{layout}|{name}",
            head + _form(layout, wrong["rate"], wrong["score"]) + tail,
            head + _form(layout, right["rate"], right["score"]) + tail,
        )


FAMILIES: tuple[Family, ...] = (
    ("结余：一年的恒等式（整体）", ("balance.identity",), _year_identity),
    ("结余：项目可用资金−支出", ("balance.identity",), _project_balance),
    ("“全部/均已”与全文的比率、计划与实际", ("claim.rate",), _claims),
    (
        "同一个数两个值",
        ("quantity.conflict", "count.conflict", "stock.changed", "figure.transposed"),
        _conflicts,
    ),
    (
        "合计与所列各项",
        (
            "parts.sum",
            "list.total",
            "table.column_total",
            "count.changes",
            "score.list_total",
            "parts.named_whole",
        ),
        _totals,
    ),
    (
        "比率与其分子分母",
        (
            "rate.recompute",
            "rate.whole",
            "count.completion",
            "rate.counts",
            "rate.target",
            "change.rate",
            "yoy.arithmetic",
            "staff.control_rate",
        ),
        _rates,
    ),
    ("资金比率：分子分母的各种说法和位置", ("rate.recompute", "rate.whole"), _rate_pairs),
    (
        "同一个数两个值：总投资、来源资金",
        ("quantity.conflict", "count.conflict", "stock.changed", "figure.transposed"),
        _amounts_twice,
    ),
    ("资金来源、用途另起一句，总额在别处", ("list.whole",), _lists_apart),
    (
        "合计与所列各项：各种列法",
        ("parts.sum", "list.total", "list.total_before", "parts.named_whole", "parts.scope_sum"),
        _item_lists,
    ),
    (
        "计数比率：计划与完成的各种说法和位置（写好后先测，再调规则）",
        ("rate.target", "count.completion", "rate.counts", "rate.recompute", "rate.whole"),
        _count_rates,
    ),
    (
        "合计与所列各项：更多说法（写好后先测，再调规则）",
        (
            "parts.sum",
            "list.total",
            "list.total_before",
            "list.lines_total",
            "parts.named_whole",
            "parts.scope_sum",
            "count.changes",
            "table.column_total",
            "breakdown.alternative",
        ),
        _total_wordings,
    ),
    (
        "同一个数两个值：更多说法（写好后先测，再调规则）",
        (
            "quantity.conflict",
            "count.conflict",
            "stock.changed",
            "figure.transposed",
            "rate.conflict",
            "score.conflict",
            "staff.conflict",
        ),
        _conflict_wordings,
    ),
    (
        "“全部/均已/无结余”与文中的数：更多说法（写好后先测，再调规则）",
        ("claim.rate", "count.completion", "claim.none", "claim.targets", "balance.identity"),
        _claim_wordings,
    ),
    (
        "比率：占比、增减、元、表格与正文、超过100%（写好后先测，再调规则）",
        (
            "rate.recompute",
            "rate.whole",
            "rate.share_of",
            "rate.of_base",
            "change.rate",
            "yoy.arithmetic",
            "value.impossible",
            "rate.standard",
        ),
        _rate_wordings,
    ),
    (
        "自评表资金行：执行率、得分的各种排法（写好后先测，再调规则）",
        (
            "table.row_identity",
            "table.score_rate",
            "score.recompute",
            "score.by_rate",
            "score.run_together",
            "table.full_score_missed",
            "table.score_over_weight",
            "rate.whole",
            "rate.recompute",
            "table.prose_conflict",
        ),
        _form_rows,
    ),
)


def _fired(text: str, rules: tuple[str, ...]) -> bool:
    return any(
        f.rule in rules and f.severity in ("error", "warning")
        for f in check_text(text, report_type="auto").findings
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="列出没有报出的组合和误报的组合")
    args = parser.parse_args()
    print("报告体检：各类问题换说法的组合（每种组合一错一对）")
    for name, rules, combinations in FAMILIES:
        found = false = total = 0
        for label, wrong, right in combinations():
            total += 1
            hit, miss_fired = _fired(wrong, rules), _fired(right, rules)
            found += hit
            false += miss_fired
            if args.verbose and (not hit or miss_fired):
                print(f"    {'漏报' if not hit else ''}{'误报' if miss_fired else ''} {label}")
        print(f"  {name}：{total} 种组合，报出 {found}（{found * 100 // total}%），对的那份报出 {false}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
