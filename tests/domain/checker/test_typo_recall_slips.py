"""typo.confusion beyond one replaced character: two neighbouring characters of a frequent word
swapped (验收 → 收验) and one character of a frequent word of three or four dropped (农田水利 →
农水利), each reported only where the text writes the word correctly elsewhere. Sentences written
for these tests in the style of real reports; each has a silent look-alike (the correct text, or a
shortened name that is meant)."""

import pytest

from jixiao.domain.checker import WARNING
from jixiao.domain.checker.lexicon import jieba_dictionary
from tests.domain.checker.helpers import findings, only

pytestmark = pytest.mark.skipif(jieba_dictionary() is None, reason="jieba 未安装")

RULE = "typo.confusion"

SWAPPED = [
    ("项目完成后组织验收，验收合格率100%。所有设备均已{}合格并投入使用。", "收验", "验收"),
    ("乡镇卫生院负责基本公共卫生服务。各卫生院按季度开展{}卫生服务考核。", "共公", "公共"),
]
DROPPED = [
    ("全县建成高标准农田2万亩，农田水利设施进一步完善。新建{}设施12处。", "农水利", "农田水利"),
    ("学校落实义务教育阶段学生营养改善计划。{}阶段学生营养餐覆盖率100%。", "义务教", "义务教育"),
    ("资产包括流动资产和固定资产，年末{}净值46万元。", "定资产", "固定资产"),
]


@pytest.mark.parametrize(("text", "wrong", "right"), SWAPPED + DROPPED)
def test_a_word_of_the_text_with_two_characters_swapped_or_one_dropped_is_reported(text, wrong, right):
    finding = only(text.format(wrong), RULE)
    assert finding.severity == WARNING
    assert (finding.found, finding.expected) == (wrong, right)
    assert right in finding.message and ("颠倒" in finding.message or "漏" in finding.message)
    assert findings(text.format(right), RULE) == []  # the same text written correctly


SLIP = "农田水利设施进一步完善。新建农水利设施12处。"


@pytest.mark.parametrize(
    "text",
    [
        # names are shortened by dropping characters: 经开区, 文广旅局 are meant
        "经济技术开发区管委会负责园区建设。经开区全年新增企业12家，开发区道路建设完成。",
        "区文化广电旅游局负责文化和旅游工作。区文广旅局于6月完成项目验收。",
        # a shortened term written beside the full one: 内控制度 for 内部控制制度
        "单位制定了内部控制制度，明确岗位职责。各科室按照内控制度执行。",
        # a word the text never writes: its spelling here is the only evidence, and it is taken
        "全镇义务教阶段在校学生1200人。",
    ],
)
def test_shortened_names_and_words_the_text_never_writes_draw_nothing_beside_a_slip(text):
    finding = only(text + SLIP, RULE)
    assert (finding.found, finding.expected) == ("农水利", "农田水利")


def test_a_replaced_character_is_reported_as_replaced_not_as_a_dropped_one():
    text = "对发现的问题立即整改，迫在眉捷的事项优先办理。\n下一步，迫在眉睫。" + SLIP
    found = {(f.found, f.expected) for f in findings(text, RULE)}
    assert found == {("迫在眉捷", "迫在眉睫"), ("农水利", "农田水利")}
