"""The points of every 一级指标 listed without a stated total (score.weights_hundred): the weights of
a whole indicator system add to 100. Names in brackets, before the points, or before a bare
'分值分别为…' list; our own wordings, each defect beside a look-alike that must stay silent."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某市生态环境局2024年度大气治理项目支出绩效评价报告\n一、项目基本情况\n"


def weights(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "score.weights_hundred"]


@pytest.mark.parametrize(
    ("body", "listing", "silent"),
    [
        (
            "评价指标体系由决策（15分）、过程（20分）、产出（40分）、效益（20分）四个一级指标构成，下设二级指标9个。",
            "15+20+40+20=95分",
            "评价指标体系由决策（15分）、过程（20分）、产出（40分）、效益（25分）四个一级指标构成，下设二级指标9个。",
        ),
        (
            "评价组按照决策、过程、产出、效益四个维度设置一级指标，分值分别为15分、20分、40分、20分。",
            "15+20+40+20=95分",
            "评价组按照决策、过程、产出、效益四个维度设置一级指标，分值分别为15分、20分、40分、25分。",
        ),
        (
            "一级指标设决策指标20分、过程指标20分、产出指标40分、效益指标25分。",
            "20+20+40+25=105分",
            "一级指标得分为决策13.5分、过程19分、产出36.8分、效益22.4分。",
        ),
        (
            "一级指标包括项目决策（20分）、项目过程（20分）、项目产出（30分）和项目效益（20分）。",
            "20+20+30+20=90分",
            "一级指标包括决策、过程、产出3个方面，分值分别为20分、30分、40分，另设满意度指标10分。",
        ),
    ],
)
def test_the_weights_of_all_top_indicators_add_to_a_hundred(body, listing, silent):
    (finding,) = weights(body)
    assert finding.severity == "error" and listing in finding.message
    assert weights(silent) == []
