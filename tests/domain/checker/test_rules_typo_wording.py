"""Typo rules on the wording a careful proofreader checks against the text's own vocabulary and
against common usage: false alarms removed on batch 5 of the evaluation set (a word that ends in
的 before the particle, a post followed by the verb 任, a character that is no word's usual part,
words the dictionary lacks), and the slips these rules find. Each on text reconstructed in our
own words, with consistent text that must stay silent."""

import pytest

from jixiao.domain.checker.lexicon import jieba_dictionary
from tests.domain.checker.helpers import findings, only

pytestmark = pytest.mark.skipif(jieba_dictionary() is None, reason="jieba 未安装")


# ---------------------------------------------------------------------------------------------
# Consistent wording that used to raise a typo warning


@pytest.mark.parametrize(
    "text",
    [
        "本中心是不以营利为目的的公益一类事业单位，经费由财政全额保障。",
        "合同的标的的交付时间以验收为准。",
    ],
)
def test_a_word_ending_in_de_before_the_particle_is_no_doubled_de(text):
    assert findings(text, "typo.doubled") == []


def test_the_fixed_doubled_de_is_still_reported():
    assert only("完成了全年的的目标任务。", "typo.doubled").found == "的的"


def test_a_post_followed_by_the_verb_ren_is_no_doubled_character():
    text = "成立工作领导小组，县长任组长，县商务局局长、县扶贫办主任任副组长，各乡镇负责人为成员。"
    assert findings(text, "typo.doubled_char") == []


def test_a_character_written_in_several_words_is_not_cut_short_before_de():
    # 党 stands in 党派 twice, but also alone (党和政府) and in 党的: 党派 is not its usual word
    text = "联系各民主党派和无党派人士，团结民主党派成员。学习贯彻党的文艺方针，做到党和政府放心、群众满意。"
    assert findings(text, "typo.missing_char") == []


@pytest.mark.parametrize(
    "text",
    [
        "燃气管道尚未铺设，道路施工时只预留管位，待燃气公司进场后接驳。",
        "严格执行展演活动结报制度，每场演出结束后十日内结清费用。",
        "项目绩效自评结果按要求报送财政部门，现依规予以公开。",
    ],
)
def test_words_the_dictionary_lacks_are_no_confusions(text):
    assert findings(text, "typo.confusion") == []
