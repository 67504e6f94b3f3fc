"""Typo kinds a careful proofreader finds with a dictionary and the text's own figures: a unit that
contradicts the arithmetic (120人 × 300元/人 written "3.6元"), money without its unit ("29.6万"
beside "29.6万元", "300/人"), a stray character between an age and 岁, a measure word written
twice after a number ("2023年年国有企业"); and what must stay silent: table cells run together
(数量指标|指标1, 是|是|8), a site's name (优知文库), a slogan that reads like a place name
(尊医重卫), an ordinal whose number was lost (实施第位). Sentences written in our own words in the
style of real reports; the seed and the shared corpus stay silent."""

import pytest

from jixiao.domain.checker import WARNING, check_text
from jixiao.domain.checker.lexicon import jieba_dictionary
from tests.domain.checker.conftest import CORPUS_NAMES, SEED_NAME, read_text
from tests.domain.checker.helpers import findings, only

pytestmark = pytest.mark.skipif(jieba_dictionary() is None, reason="jieba 未安装")

UNIT = "typo.number_unit"


# ---------------------------------------------------------------------------------------------
# typo.number_unit


def test_an_amount_in_yuan_that_the_count_times_the_rate_puts_in_wan_yuan_is_reported():
    text = (
        "一、绩效目标完成情况\n走访困难职工80人,每人发放慰问金500元。\n"
        "二、预算执行情况\n工会慰问项目到位资金4元,已全部支付。"
    )
    finding = only(text, UNIT)
    assert finding.severity == WARNING and finding.found == "4元" and finding.expected == "4万元"
    assert "80人×每人500元=40000元" in finding.message


def test_an_amount_in_wan_yuan_that_is_the_count_times_the_rate_in_yuan_is_reported():
    finding = only("资助学生45人,标准2000元/人,共计90000万元。", UNIT)
    assert finding.found == "90000万元" and finding.expected == "90000元"


def test_a_rate_per_head_without_a_unit_is_reported():
    finding = only("为60名留守儿童发放学习用品,补助标准150/人。", UNIT)
    assert finding.found == "150/人" and finding.expected == "150元/人"


def test_wan_without_yuan_is_reported_when_the_same_figure_is_written_in_wan_yuan_elsewhere():
    text = "下达就业补助资金48.5万元、培训经费6万元。\n资金到位48.5万,支出48.5万,执行率100%,培训经费6万。"
    found = findings(text, UNIT)
    assert [f.found for f in found] == ["48.5万", "48.5万", "6万"]
    assert [f.expected for f in found] == ["48.5万元", "48.5万元", "6万元"]


def test_a_stray_character_between_an_age_and_sui_is_reported():
    finding = only("为辖区0毛岁儿童建立健康档案。", UNIT)
    assert finding.found == "0毛岁"


@pytest.mark.parametrize(
    "text",
    [
        # the arithmetic agrees, or there is no rate to multiply
        "走访困难职工80人,每人发放慰问金500元,共计4万元。",
        "资助学生45人,标准2000元/人,共计90000元。",
        "补助标准150元/人,共发放60人。",
        # 万 without 元 that is no money (people, 亩), or no 万元 of the same figure
        "全县常住人口12.6万,耕地面积3.2万亩,下达资金500万元。",
        "服务群众约1.5万,比上年增加。",
        "全县人口2万,安排资金2万元。",
        # dates, ratios and codes with a slash
        "于2023/5/6完成验收,覆盖率1/3。",
        # well-formed ages
        "为0-6岁儿童、65周岁以上老人、60多岁的独居老人、30来岁的青年和6个月至3岁婴幼儿提供服务。",
    ],
)
def test_consistent_figures_stay_silent(text):
    assert findings(text, UNIT) == []


# ---------------------------------------------------------------------------------------------
# typo.doubled_char after a number


def test_a_measure_word_written_twice_after_a_number_is_reported():
    finding = only("下达2024年年农村危房改造补助资金。", "typo.doubled_char")
    assert finding.found == "年年" and "2024年年农村" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "2023年年初预算86万元,2023年年底全部支出。",
        "支付2022年年度审计费用,全年年均增长5%。",
        "扶持3个个体户,10人人均增收2000元。",
    ],
)
def test_a_number_then_a_word_that_starts_with_its_measure_word_stays_silent(text):
    assert findings(text, "typo.doubled_char") == []


# ---------------------------------------------------------------------------------------------
# Table cells, names and slogans that looked like typos


@pytest.mark.parametrize(
    "text",
    [
        # a flattened score table: column header, then the next cell's label or figures
        "产出指标(50分)数量指标指标1免费发放种薯8万粒8万粒10",
        "效益指标社会效益指标指标L带动农户增收",
        "成本指标指标1采购价格不高于市场价10是是10",
    ],
)
def test_table_cells_run_together_are_no_doubled_word(text):
    assert findings(text, "typo.doubled") == []


def test_a_doubled_word_in_a_sentence_is_still_reported():
    assert only("向全县服务对象对象发放补助。", "typo.doubled").found == "对象对象"


@pytest.mark.parametrize(
    "text",
    [
        "本文档由会员上传,更多相关文档请在优知文库上搜索下载。",
        "春节期间慰问一线医务人员,在全社会营造尊医重卫的良好风气。",
        "项目名称初中公用经费主管部门市教育局实施第位自评得分90",
    ],
)
def test_names_slogans_and_lost_ordinals_are_no_confusion(text):
    assert findings(text, "typo.confusion") == []


# ---------------------------------------------------------------------------------------------
# Shapes added to the confusion set: 宜/宣, 入/人, 入/儿


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("通过广播、横幅等形式加强政策宜传。", "宜传", "宣传"),
        ("单位在职入员12人,退休人员3人。", "入员", "人员"),
        ("开展新生入家庭访视214人次。", "新生入", "新生儿"),
    ],
)
def test_characters_of_similar_shape_added_to_the_confusion_set_are_reported(text, wrong, right):
    """Reported where the text writes the right word elsewhere (the evidence the rule asks for)."""
    finding = only(text + f"\n下一步继续做好{right}工作。", "typo.confusion")
    assert finding.found == wrong and finding.expected == right


@pytest.mark.parametrize(
    "text",
    ["全年收入增加,人员经费支出12万元。", "宜宾市宣传部门适宜开展活动。", "进入新生儿访视阶段。"],
)
def test_words_with_those_characters_stay_silent(text):
    assert findings(text, "typo.confusion") == []


# ---------------------------------------------------------------------------------------------
# Common 别字 from public lists (typos.yaml, with their sources)


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("严格按规定做好信息批露工作。", "信息批露", "信息披露"),
        ("项目建设一如继往地推进。", "一如继往", "一如既往"),
        ("资金使用是否合规,亦或存在挪用,需进一步核查。", "亦或", "抑或"),
        ("避免急燥冒进,稳步推进项目。", "急燥", "急躁"),
    ],
)
def test_common_wrong_words_from_public_lists_are_reported(text, wrong, right):
    finding = only(text, "typo.curated")
    assert finding.found == wrong and finding.expected == right


def test_the_word_list_is_one_trie_that_prefers_the_longer_word():
    import re

    from jixiao.domain.checker.config import literal_trie

    regex = re.compile(literal_trie(["帐户", "帐目", "财政拔款", "拔款", "既定目标既"]))
    found = [m.group(0) for m in regex.finditer("财政拔款到帐户,拔款入帐目。既定目标既定")]
    assert found == ["财政拔款", "帐户", "拔款", "帐目", "既定目标既"]


# ---------------------------------------------------------------------------------------------
# The seed and the shared corpus stay silent


def test_the_seed_and_the_shared_corpus_stay_silent():
    for name in [SEED_NAME, *CORPUS_NAMES]:
        assert [f.message for f in check_text(read_text(name)).findings if f.rule == UNIT] == [], name
