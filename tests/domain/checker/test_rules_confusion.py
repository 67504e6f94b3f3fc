"""typo.confusion: a character replaced by one of similar sound or shape (别字), found through the
confusion set (confusion.txt) and the word lexicon. Sentences constructed in the style of real
reports with a classic 别字, and consistent text that must stay silent: the seed, the shared
corpus and the tuning part of the evaluation set."""

from pathlib import Path

import pytest
import yaml

from jixiao.domain.checker import WARNING, check_text
from jixiao.domain.checker.lexicon import jieba_dictionary
from tests.domain.checker.conftest import CORPUS_NAMES, SEED_NAME, read_text

pytestmark = pytest.mark.skipif(jieba_dictionary() is None, reason="jieba 未安装")

EVAL = Path(__file__).resolve().parents[2] / "data" / "checker_eval"
RULE = "typo.confusion"


def found(text):
    return [f for f in check_text(text).findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("上级下达专项姿金120万元，已全部拨付到位。", "姿金", "资金"),
        ("脱贫功坚任务全面完成，群众满意度达到98%。", "功坚", "攻坚"),
        ("项目于2023年6月通过验收，工程质量合隔，运行良好。", "合隔", "合格"),
        ("我们将进一步健全长效机治，提高资金使用效益。", "机治", "机制"),
        ("各项重点工作有序推近，年度目标全面完成。", "推近", "推进"),
        ("改善群众生产生活条件，取得了良好的社会效易。", "社会效易", "社会效益"),
        ("对发现的问题立即整改，迫在眉捷的事项优先办理。", "迫在眉捷", "迫在眉睫"),
        ("单位严格执行政府采购制度，杜绝了违规彩购行为。", "彩购", "采购"),
        ("年末结余资金按规定上交财政，未发生挤占挪用现像。", "现像", "现象"),
    ],
)
def test_a_character_of_similar_sound_or_shape_is_reported(text, wrong, right):
    """A warning when the text writes the right word elsewhere (its own spelling is the evidence);
    nothing when it does not (most such swaps in real reports are sound words the dictionary lacks)."""
    findings = found(text + f"\n下一步，{right}。")
    assert len(findings) == 1, [f.message for f in findings]
    finding = findings[0]
    assert finding.found == wrong and finding.expected == right and finding.severity == WARNING
    assert f"“{wrong}”疑为“{right}”之误" in finding.message
    assert [f for f in found(text) if f.found == wrong] == (
        [finding] if right in text.replace(wrong, "") else []
    )


def test_a_slip_that_ends_the_text_is_reported():
    """A text cut off right after a slip (a report's opening, a pasted excerpt): nothing follows
    the word, and no name's suffix ("" is in every string, which read the end as one)."""
    findings = found("我局加强宣传，开展宣传活动5次。今年继续加强宜传")
    assert [(f.found, f.expected) for f in findings] == [("宜传", "宣传")]


@pytest.mark.parametrize(
    "text",
    [
        # names: places, persons, a list of villages, document numbers
        "在庙前镇弥泉村综合服务中心开展活动，先后在洋泉镇土桥村举办讲座。",
        "党组成员张静扬等领导参加活动。",
        "涉及六垌坑、南侬、溪沙六、上湾塘等自然村。",
        "依据《关于开展2022年度绩效评价工作的通知》(隆委乡振指[2022]15号)和(鄂财绩发〔2012〕5号)。",
        # report wording the dictionary lacks, numerals, common characters
        "参公管理事业单位，提质增效，带贫减贫能力增强，非遗处负责项目，以学增智。",
        "一是资金使用合规；二是资金使用程序规范；三是根据项目要求及时拨付。",
        "在科普活动上有侧重，在人员派遣上有支持。",
        # a word and a suffix is a compound of its own (覆盖数 is not 覆盖率); 拨入 is finance wording
        "0-6岁儿童眼保健操覆盖数2089人。",
        "财政把原拨入专户的资金收回。",
        # a title is quoted as the document is named; a spelling used twice is meant
        "学习《植物微课堂》作品。",
        "设立科普书屋。科普书屋向群众开放。",
        # typos the curated list reports already
        "及时布署年度工作。",
    ],
)
def test_names_wording_and_titles_stay_silent(text):
    assert found(text) == []


def test_no_finding_on_the_seed_or_the_shared_corpus():
    for name in [SEED_NAME, *CORPUS_NAMES]:
        assert [f.message for f in check_text(read_text(name)).findings if f.rule == RULE] == [], name


def test_no_false_finding_on_the_tuning_part():
    """Every finding on the tuning part is a defect annotated there (对像 → 对象 in 89); nothing else."""
    files = yaml.safe_load((EVAL / "annotations.yaml").read_text(encoding="utf-8"))["files"]
    for name, meta in files.items():
        if meta["held_out"]:
            continue
        text = (EVAL / name).read_text(encoding="utf-8")
        quotes = [d["quote"] for d in meta.get("defects") or ()]
        found = [f for f in check_text(text, report_type="auto").findings if f.rule == RULE]
        assert [f.message for f in found if not any(f.found in quote for quote in quotes)] == [], name


def test_prebuilt_filters_are_the_ones_built_from_the_installed_dictionary():
    """confusion.npz (shipped so that a process does not spend 1.5 s and 50 MB building the
    filters) holds exactly what build_filters makes from the installed jieba and typos.yaml; rebuild
    it with ``python -m jixiao.domain.checker.confusion`` when this fails."""
    import numpy as np

    from jixiao.domain.checker.config import default_checker_data
    from jixiao.domain.checker.confusion import build_filters, read_prebuilt
    from jixiao.domain.checker.rules_words import confusion_parameters

    parameters = confusion_parameters(default_checker_data())
    key, bits, pairs = build_filters(*parameters)
    shipped = read_prebuilt(Path(parameters[0]).with_suffix(".npz"), key)
    assert shipped is not None, "confusion.npz 缺失或与当前词典、混淆集、参数不符"
    assert np.array_equal(shipped[0], bits)
    assert np.array_equal(shipped[1], pairs)


def test_filters_are_built_when_the_prebuilt_file_does_not_match(tmp_path):
    import numpy as np

    from jixiao.domain.checker.confusion import read_prebuilt, write_prebuilt

    path = tmp_path / "confusion.npz"
    assert read_prebuilt(path, "k") is None
    write_prebuilt(path, "k", np.zeros(1 << 19, dtype=np.uint64), np.zeros(1 << 17, dtype=np.uint64))
    assert read_prebuilt(path, "k") is not None
    assert read_prebuilt(path, "another") is None
