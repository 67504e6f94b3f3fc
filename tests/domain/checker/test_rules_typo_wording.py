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


# ---------------------------------------------------------------------------------------------
# A character doubled inside a term the text writes without it elsewhere


def test_a_doubled_character_that_makes_a_word_is_found_by_the_texts_own_spelling():
    # 区区 is a word (trivial), so the split alone does not tell; 开州区民政局 above does
    text = "项目由重庆市开州区民政局负责实施，资金拨付到各街道。年底开州区区民政局组织验收，验收合格。"
    finding = only(text, "typo.doubled_char")
    assert finding.found == "区区" and "开州区民政局" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        # a station and its building: 保山站|站房 beside 保山站房, both right
        "批复的保山站房为4000平方米，经争取，保山站站房规模扩大到8000平方米。",
        # two words meeting at the pair: 上年|年末 beside 上年末
        "较上年年末结余增加，比上年末结余多出2万元。",
        # no shorter spelling anywhere in the text
        "年底开州区区民政局组织验收。",
    ],
)
def test_doubles_that_are_meant_stay_silent_beside_a_shorter_spelling(text):
    assert findings(text, "typo.doubled_char") == []


# ---------------------------------------------------------------------------------------------
# A count run into the year after it


def test_a_count_written_into_the_year_after_it_is_reported():
    text = "省级补助1000万元，其余为52021年度示范县的尾款。"
    finding = only(text, "typo.number_year")
    assert finding.found == "52021年"


@pytest.mark.parametrize(
    "text",
    [
        "截至2021年12月31日，共5个项目。",
        "完成时间52021年12月完成",  # a score run into a full date: table cells
        "合同编号HT2021052021年签订",  # a code, not a count
        "编号A52021年第3批",
        "共计12,2021年以来累计",
    ],
)
def test_years_after_codes_cells_and_dates_stay_silent(text):
    assert findings(text, "typo.number_year") == []


# ---------------------------------------------------------------------------------------------
# A name written once with a character too many or too few


def test_a_name_with_a_character_left_out_is_found_by_its_full_spelling_elsewhere():
    text = (
        "本会负责联系全市文艺工作者，由市级文学艺术家协会统一组织。年内对市级文艺术家协会所属团体开展了培训。"
    )
    finding = only(text, "typo.term")
    assert finding.found == "市级文艺术家协会" and "漏了“学”" in finding.message
    assert "市级文学艺术家协会" in finding.message


def test_a_name_with_a_character_too_many_is_found_by_the_spelling_the_text_uses_more():
    text = "内设机构有立案庭、刑事审判庭第一庭、刑事审判第二庭、民事审判第一庭、民事审判第二庭，另设执行局。"
    finding = only(text, "typo.term")
    assert "多了“庭”" in finding.message and "审判庭第一庭" in finding.found


@pytest.mark.parametrize(
    "text",
    [
        # different names with the same ending
        "县疾病预防控制中心、县政务服务中心和乡镇卫生服务中心共同实施。",
        # a prefix more is a longer name, not a slip: 县政务服务中心 / 政务服务中心
        "由县政务服务中心牵头，政务服务中心各窗口配合。",
        # written once only
        "市级文艺术家协会开展培训。",
        # the level word that may stand or not, at the start of the shared part
        "县级财政局拨付资金，县财政局负责监督。",
    ],
)
def test_names_that_differ_by_more_than_a_slip_stay_silent(text):
    assert findings(text, "typo.term") == []


# ---------------------------------------------------------------------------------------------
# A table cell of two characters that is no word


def test_a_cell_of_two_characters_that_is_a_slip_of_a_common_word_is_reported():
    text = "指标名称\n完成情况\n宜传\n开展活动12次\n培训\n3期\n下一步加强宣传。\n"
    finding = only(text, "typo.confusion")
    assert finding.found == "宜传" and finding.expected == "宣传"


@pytest.mark.parametrize(
    "text",
    [
        "乡镇\n宜良\n石林\n完成\n",  # places
        "姓名\n黄杏\n李明\n",  # a person
        "项目\n宜传、培训\n",  # not alone on its line: a list
    ],
)
def test_cells_of_names_stay_silent(text):
    assert findings(text, "typo.confusion") == []


# ---------------------------------------------------------------------------------------------
# One usage written two ways in the same text


def test_jiezhidao_beside_jiezhi_in_the_same_text_is_reported():
    text = "截至2022年6月30日，项目完工。截止到2022年12月31日，资金支付完毕。截至年底已验收。"
    finding = only(text, "typo.mixed_usage")
    assert finding.found == "截止到" and finding.expected == "截至"


def test_jiezhidao_alone_is_left_as_written():
    assert findings("截止到2022年12月31日，资金支付完毕。", "typo.mixed_usage") == []


# ---------------------------------------------------------------------------------------------
# A word after a year missing its first character


def test_a_word_after_a_year_missing_its_first_character_is_reported():
    text = (
        "根据2022年中央支持地方公共文化服务体系建设补助资金的安排，"
        "本馆使用2022年央补助地方资金购置图书，中央资金全部到位。"
    )
    finding = only(text, "typo.number_year")
    assert finding.found.startswith("2022年央") and "中央" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "2022年度预算，2022年初结转，2022年底完成，2022年中期调整，中央资金到位。",
        "2022年央视报道了本项目，央视记者到场。",  # 央视 is a word
        "2021年务工人员1200人，劳务输出稳定，服务务实。",  # 务 is in several words
    ],
)
def test_words_after_a_year_as_written_stay_silent(text):
    assert [f for f in findings(text, "typo.number_year") if "漏字" in f.message] == []
