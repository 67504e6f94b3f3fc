"""Normalisation keeps a way back to the original offsets; full-width and ASCII forms read alike."""

from jixiao.domain.checker import check_text
from jixiao.domain.checker.text import normalize


def test_full_width_punctuation_and_digits_become_ascii_without_moving_offsets():
    normalized = normalize("支出：１００万元（基本）")
    assert normalized.text == "支出:100万元(基本)"
    assert normalized.original_span(3, 8) == (3, 8)


def test_deleted_characters_are_mapped_back_to_the_original():
    original = "\ufeff一、 概况\r\n2023 年支出 100万元\r\n"
    normalized = normalize(original)
    assert normalized.text == "一、概况\n2023年支出100万元\n"
    start = normalized.text.index("100万元")
    a, b = normalized.original_span(start, start + 5)
    assert original[a:b] == "100万元"


def test_spaces_between_two_numbers_are_kept():
    assert normalize("10 20").text == "10 20"


def test_a_letter_spaced_line_from_a_pdf_reads_as_ordinary_text():
    original = "其 中 ： 人 员 经 费 1 2 3 . 4 5 万 元 ， 占 比 5 0 . 1 2 %\n"
    normalized = normalize(original)
    assert normalized.text == "其中:人员经费123.45万元,占比50.12%\n"
    start = normalized.text.index("123.45万元")
    a, b = normalized.original_span(start, start + len("123.45万元"))
    assert original[a:b] == "1 2 3 . 4 5 万 元"


def test_a_row_of_column_numbers_is_not_letter_spacing():
    assert normalize("列次 0 1 2 3 4 5 6 7 所需材料").text == "列次0 1 2 3 4 5 6 7所需材料"


def test_a_letter_spaced_total_is_checked_against_its_items():
    text = (
        "一、基本情况\n"
        "妇 联 2 0 2 4 年 预 算 总 额 8 0 . 0 0 万 元 ， 其 中 ： 基 本 支 出 5 0 . 0 0 万 元 ， "
        "项 目 支 出 2 0 . 0 0 万 元 。\n"
    )
    finding = next(f for f in check_text(text).findings if f.rule == "parts.sum")
    assert "=70万元" in finding.message and "80.00万元" in finding.message
    assert text[finding.location.start : finding.location.end] == finding.location.quote
    consistent = text.replace("2 0 . 0 0 万 元 。", "3 0 . 0 0 万 元 。")
    assert not [f for f in check_text(consistent).findings if f.rule == "parts.sum"]


def test_findings_quote_the_original_text_with_full_width_forms_and_crlf():
    original = "一、部门概况\r\n本年支出：１００万元，比上年增加１０万元，增长２０.０％。\r\n"
    result = check_text(original)
    finding = next(f for f in result.findings if f.rule == "yoy.arithmetic")
    assert original[finding.location.start : finding.location.end] == finding.location.quote
    assert finding.location.quote == "１００万元，比上年增加１０万元，增长２０.０％"
    assert finding.location.section == "一、部门概况"


def test_json_dict_has_exactly_the_documented_shape():
    payload = check_text("本年支出100万元，比上年增加10万元，增长20.0%。").to_json_dict(file="a.txt")
    assert set(payload) == {"file", "findings", "figures", "summary"}
    assert payload["file"] == "a.txt"
    finding = payload["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "location", "expected", "found"}
    assert set(finding["location"]) == {"section", "start", "end", "quote"}
    assert isinstance(finding["location"]["start"], int)
    assert finding["severity"] in {"error", "warning", "info"}
    assert payload["summary"]["errors"] == 1


def test_a_space_that_sets_apart_a_figures_thousands_goes():
    assert (
        normalize("收入合计1 023.60万元，森林面积157 500公顷。").text
        == "收入合计1023.60万元,森林面积157500公顷。"
    )
    assert normalize("| 350 120.00 |").text == "| 350 120.00 |"  # two cells of a table stay apart


def test_one_letter_spaced_line_in_an_ordinary_report_is_joined_too():
    plain = "这是一段很长的正常文字，用来把全文的空格比例降下来。" * 8
    original = f"全年支出合计998.14万元。\n其 中 ： 基 本 支 出 6 1 2 . 3 8 万 元 ， 项 目 支 出 3 8 5 . 7 6 万 元 。\n{plain}\n"
    assert "其中:基本支出612.38万元,项目支出385.76万元。" in normalize(original).text


def _page(lines: list[str]) -> str:
    return "某县图书馆2024年度部门整体支出绩效自评报告\n一、部门概况\n" + "\n".join(lines) + "\n"


WRAPPED = [
    "本馆为县文化和旅游局所属公益一类事业单位，核定编制18名，年末在职",
    "16人。全年接待读者12.6万人次，比上年增加1.4万人次，增长12.50%，",
    "举办阅读推广活动96场，参与群众21,600人次，场均225人次；年末馆藏",
    "图书38.2万册，新增图书1.6万册。全年支出372.15万元，其中基本支出",
    "268.47万元，项目支出103.68万元；支出较上年351.26万元增加20.89万",
    "元，增长5.95%，主要是新增藏书购置和分馆设备更新，年末结转结余为",
    "22.65万元，全部为项目资金结转，将在下年按原用途继续使用。",
    "二、绩效目标完成情况",
]


def test_the_lines_a_pdf_cut_at_its_page_width_are_read_as_one_paragraph():
    normalized = normalize(_page(WRAPPED))
    assert "年末在职16人" in normalized.text and "增加20.89万元,增长5.95%" in normalized.text
    assert "使用。\n二、绩效目标完成情况" in normalized.text  # a heading still opens its own line
    start = normalized.text.index("20.89万元")
    a, b = normalized.original_span(start, start + 7)
    assert normalized.original[a:b] == "20.89万\n元"
    wrong = _page([line.replace("增加20.89万", "增加22.89万") for line in WRAPPED])
    assert [f.rule for f in check_text(wrong).findings if f.rule == "yoy.arithmetic"] == ["yoy.arithmetic"]


def test_lines_of_ordinary_paragraphs_are_not_joined():
    lines = [
        "一是加强预算管理",
        "二是规范资金使用，按照财务制度严格审核每一笔支出并及时入账登记",
        "三是完善绩效目标",
    ]
    assert normalize(_page(lines * 3)).text.count("\n") == 2 + 9
