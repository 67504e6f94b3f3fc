"""Writing hints of an official template left in a report: what the template tells the writer to
write, copied instead of being replaced by what was done.

The hints have a few general shapes, whatever their words:

* an imperative sentence with no subject and no result: an instruction verb (说明, 分析, 阐述 …)
  after a frame (“对照年度目标,说明……情况”, “根据绩效目标及指标值逐项分析。”) or opening the
  sentence, its object a topic noun (情况, 原因, 总分 …);
* a list of topics right after a heading (“(一)项目概况。包括项目背景、资金投入和使用情况等。”,
  “一、项目概况:含立项背景及目的,预算收支情况。”);
* a bracket that limits the length (“(200字以内)”) or says how to write (“(可用表格形式反映)”,
  “(比照预算公开的内容格式)”);
* a form left unfilled: a choice whose options stand on lines of their own with none ticked, a
  year written “201”, a figure written “**”, a field whose line holds only its name.

A report's own account of its work says who did it (我局, 本单位), gives figures, or a result
(已, 完成了, 良好): such a sentence is never a hint. The words are data (template_hints.yaml).
All findings are warnings: a hint is read from its shape, not proved.
"""

from __future__ import annotations

import re

from jixiao.data import load_yaml
from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import has_word


def _hints() -> dict:
    return load_yaml("checker/template_hints.yaml") or {}


_DATA = _hints()
_VERBS = tuple(sorted(_DATA.get("instruction_verbs") or (), key=len, reverse=True))
_LEADING_VERBS = frozenset(_DATA.get("leading_verbs") or ())
_FRAMES = tuple(_DATA.get("instruction_frames") or ())
_ADVERBS = tuple(_DATA.get("instruction_adverbs") or ())
_ADVERB_CHARS = "".join(sorted(set("".join(_ADVERBS))))
_TOPICS = tuple(_DATA.get("topic_nouns") or ())
_OPENERS = tuple(sorted(_DATA.get("enumeration_openers") or (), key=len, reverse=True))
_OWN = tuple(_DATA.get("own_account") or ())
_HINT_OPENERS = tuple(_DATA.get("hint_openers") or ())
_HINT_WORDS = tuple(_DATA.get("hint_words") or ())
_LENGTH_LIMIT = re.compile(_DATA.get("length_limit") or "(?!)")
_DELETION_HINT = re.compile(_DATA.get("deletion_hint") or "(?!)")
_HINT_LABELS = tuple(_DATA.get("hint_labels") or ())
_CHECKED = re.compile(_DATA.get("checked_marks") or "(?!)")
_COVER_FIELDS = frozenset(_DATA.get("cover_fields") or ())
# a figure left as stars after a comparison ('≥**平方米'); a text that masks its figures with
# stars elsewhere too ('****户', '〔****〕号') was masked by the site it was copied from
_STARRED = re.compile(r"(?<=[≥≤><=])[ \t]?\*{2,}")
_STARS = re.compile(r"\*{2,}")

# the verbs, each found from one of its characters (the rarest: 析, 述, 映 … rather than 分, 说)
_ANCHORS = "析述映填列写明"
_BY_ANCHOR: dict[str, list[tuple[str, int]]] = {}
for _verb in _VERBS:
    _at = next((i for i, ch in enumerate(_verb) if ch in _ANCHORS), None)
    if _at is not None:
        _BY_ANCHOR.setdefault(_verb[_at], []).append((_verb, _at))
_VERB_ANCHORS = "".join(_BY_ANCHOR)
# the characters that stand before each anchor in its verbs ('说' before '明'), and after it
# ('出' after '列' in '列出')
_BEFORE_ANCHOR = {
    char: frozenset(verb[offset - 1] for verb, offset in verbs if offset)
    for char, verbs in _BY_ANCHOR.items()
}
_AFTER_ANCHOR = {
    char: frozenset(verb[offset + 1] for verb, offset in verbs if offset + 1 < len(verb))
    for char, verbs in _BY_ANCHOR.items()
}

# what a hint's words before its verb open with: a frame ('对照'), an adverb ('请'); else a modal
# stands among them ('…的,需在报告中')
_HEAD_FIRSTS = frozenset(word[0] for word in (*_FRAMES, *_ADVERBS))
_MODAL_IN = re.compile(r"需|须|应|请")
_NOT_AFTER_VERB = ":：、的了过着得地"  # (and "": the text ends at the verb)
_UP_TO_LAST_START = re.compile(r".*[。\n|;；!！?？]", re.S)  # (greedy: to the last mark)
_SENTENCE_END = re.compile(r"[。\n|]")
_MARKER = re.compile(
    r"[ \t]*(?:第[一二三四五六七八九十]+[部章节]分?|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d))"
)
_DIGIT = re.compile(r"\d")
# a head that ends in what the writer must do: '如有调整的,需在报告中(加以说明)', '请(简要说明)'
_MODAL_END = re.compile(
    r"(?:需|须|应|请|应当|需要)(?:在[^,，。]{1,10}[中里内])?(?:加以|予以|进行|逐项|简要|详细|另行|重点)?$"
)
_ITEM_BREAKS = re.compile(r"[、,，和及与或]")
_ENUM_TAILS = ("等内容", "等情况", "等方面", "等事项", "等")


def _own_account(piece: str) -> bool:
    return any(word in piece for word in _OWN)


def _ends_with_topic(piece: str) -> bool:
    piece = piece.rstrip("。.;； ")
    for tail in _ENUM_TAILS:
        piece = piece.removesuffix(tail)
    return piece.endswith(_TOPICS)


def _instruction_sentences(text: str, places) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each imperative sentence of the template."""
    found: list[tuple[int, int, str]] = []
    taken = -1
    for anchor in scan.places_of(text, _VERB_ANCHORS, places):  # (rare characters: a few a text)
        verb = ""
        char = text[anchor]
        if (
            text[anchor - 1 : anchor] not in _BEFORE_ANCHOR[char]
            and text[anchor + 1 : anchor + 2] not in _AFTER_ANCHOR[char]
        ):
            continue  # ('明确', '系列': no verb of the list stands here)
        for candidate, offset in _BY_ANCHOR[char]:
            if text.startswith(candidate, anchor - offset):
                verb, verb_start = candidate, anchor - offset
                break
        if (
            not verb
            or verb_start < taken
            or text[verb_start + len(verb) : verb_start + len(verb) + 1] in _NOT_AFTER_VERB
        ):
            continue  # ('说明:…' is a form's note; '分析的', '叙述、' no instruction's verb)
        low = max(0, verb_start - 40)
        opening = _UP_TO_LAST_START.match(text, low, verb_start)
        start = opening.end() if opening is not None else low
        if start == 0 and verb_start > 40:
            continue  # no sentence start near: a long sentence, not a hint
        first = text[start : start + 1]
        if (
            start < verb_start
            and first not in _HEAD_FIRSTS
            and not first.isspace()
            and not _MODAL_IN.search(text, start, verb_start)
        ):
            continue  # a subject before the verb ('经分析', '数据说明'): prose, read no further
        closing = _SENTENCE_END.search(text, verb_start, verb_start + 80)
        end = closing.start() if closing is not None else min(len(text), verb_start + 80)
        if closing is None and end < len(text):
            continue
        sentence = text[start:end]
        if _MARKER.match(sentence):
            continue  # a heading ('(三)分析存在的问题')
        limited = "字" in sentence  # (a length limit in brackets is left out of what is read)
        head = text[start:verb_start].strip()
        framed = head.lstrip(_ADVERB_CHARS) if head[:1] in _ADVERB_CHARS else head
        framed = framed if framed.startswith(_FRAMES) else ""  # ('请对照…', '主要围绕…')
        tail = text[verb_start + len(verb) : end]
        tail = (_LENGTH_LIMIT.sub("", tail) if limited else tail).strip(" 。")
        if head:
            # a frame ('对照年度目标,', '根据绩效目标及指标值') or an adverb ('请', '简要') before the verb
            if framed:
                if len(head) > 24:
                    continue
            elif head not in _ADVERBS and not (_MODAL_END.search(head) and not tail):
                continue  # ('…需要填报X' defines a form's column; '…的,需在报告中加以说明。' asks for text)
            if tail and not _ends_with_topic(tail):
                continue
        else:
            if verb not in _LEADING_VERBS or not tail or not _ends_with_topic(tail):
                continue
        if not tail and head.endswith(("进行", "作", "做")):
            continue  # ('根据…,对资金使用进行分析。' states the method the report followed)
        if not tail and not (framed or _MODAL_END.search(head)):
            continue
        body = (_LENGTH_LIMIT.sub("", sentence) if limited else sentence).strip()
        if not body or len(body) > 60 or _DIGIT.search(body) or _own_account(body):
            continue  # (a figure, a subject, a result: the report's own account)
        found.append((start, end, sentence.strip()))
        taken = end
    return found


_HEADING_BEFORE = re.compile(
    # (a text flattened from a PDF runs its headings on: '…报告摘要一、项目概况:含…')
    r"(?:(?:^|(?<=[\s。|]))\d{1,2}[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
    r"[ \t]*[\u4e00-\u9fff、]{2,16}?[ \t]*[。:：.．]?[ \t]*$"
)


_HEADING_LINE = re.compile(
    r"[ \t]*(?:\d{1,2}[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])[ \t]*"
    r"(?P<title>[\u4e00-\u9fff、]{2,16}?)[ \t]*[。:：.．]?[ \t]*\n"
)


def _heading_start(text: str, at: int) -> int | None:
    """Where the heading stands that a list opening at ``at`` follows at once: on its line, after
    the title's '。' or ':' ('(一)项目概况。包括…'); or on the line before, the list opening its
    line ('(一)项目概况\n包括…')."""
    before = text[max(0, at - 24) : at]
    if before.rstrip(" \t").endswith(("。", ":", "：", ".", "．")):
        heading = _HEADING_BEFORE.search(before)
        if heading is not None:
            return at - len(before) + heading.start()
    line_start = text.rfind("\n", max(0, at - 12), at) + 1
    if not line_start:
        return None
    lead = text[line_start:at].strip(" \t")
    previous = text.rfind("\n", max(0, line_start - 26), line_start - 1) + 1
    if not previous and line_start > 26:
        return None
    heading = _HEADING_LINE.fullmatch(text, previous, line_start)
    if heading is None or lead:
        # (a list after the heading's title said again, '(二)评价方法\n评价方法包括…', reads as
        # the report's own account as often as a hint: left alone)
        return None
    return previous


def _topic_lists(text: str, places) -> list[tuple[int, int, str]]:
    """(start, end, quote) of each list of topics right after a heading, written as the
    template's description of what goes under it."""
    found: list[tuple[int, int, str]] = []
    for at in scan.places_of(text, "包含", places):
        opener = None
        for candidate in _OPENERS:  # (the longest first: '主要包括' before '包括')
            offset = max(candidate.rfind("包"), candidate.rfind("含"))
            if offset >= 0 and text.startswith(candidate, at - offset):
                opener, at = candidate, at - offset
                break
        if opener is None:
            continue
        start = _heading_start(text, at)
        if start is None:
            continue
        content_start = at + len(opener)
        if text[content_start : content_start + 1] in ":：":
            content_start += 1
        stops = [s for mark in "。\n" if (s := text.find(mark, content_start, content_start + 70)) >= 0]
        if not stops:
            continue
        stop = min(stops)
        content = text[content_start:stop]
        items = [item for item in _ITEM_BREAKS.split(content) if item]
        if len(items) < 2 or any(len(item) > 10 for item in items):
            continue
        if _DIGIT.search(content) or _own_account(content) or not _ends_with_topic(content):
            continue
        found.append((start, stop + 1, text[start : stop + 1].strip()))
    return found


_HINT_BRACKET = re.compile(
    r"[(（](?:" + "|".join(re.escape(o) for o in _HINT_OPENERS) + r")[^()（）\n]{0,40}?[)）]"
)
_ASKING_BRACKET = re.compile(r"[(（][^()（）\n]{0,16}请[^()（）\n]{0,40}?[)）]")
_ANY_BRACKET = re.compile(r"[(（][^()（）\n]{1,40}[)）]|【[^【】\n]{1,40}】")
_LIMIT_TAILS = frozenset(("以内", "以下", "左右"))
_HINT_FIRSTS = frozenset(opener[0] for opener in _HINT_OPENERS)


def _hint_brackets(text: str, places) -> list[tuple[int, int, str]]:
    """(start, end, bracket) of each bracket that limits the length or says how to write."""
    found = []
    # the few brackets that open like a hint: tried only where one of the openers' first
    # characters follows the bracket
    opens = [at for at in scan.places_of(text, "(（", places) if text[at + 1 : at + 2] in _HINT_FIRSTS]
    brackets = scan.matches_at(_HINT_BRACKET, text, opens) if opens else []
    for ask in scan.places_of(text, "请", places):  # ('(如未完成,请说明原因)': a few 请 a text)
        opening = max(text.rfind("(", max(0, ask - 16), ask), text.rfind("（", max(0, ask - 16), ask))
        match = _ASKING_BRACKET.match(text, opening) if opening >= 0 else None
        if match is not None and not _HINT_BRACKET.match(text, opening):
            brackets.append(match)
    for cut in scan.places_of(text, "删填", places):  # ('(不适用的可删除)', '(…可不填)': a few a text)
        opening = max(text.rfind(bracket, max(0, cut - 16), cut) for bracket in "(（【")
        match = _ANY_BRACKET.match(text, opening) if opening >= 0 else None
        if match is not None and match.end() > cut:
            brackets.append(match)
    for word in scan.places_of(text, "字", places):  # ('(200字以内)': a few 字 a text)
        if text[word + 1 : word + 3] in _LIMIT_TAILS or text[word + 1 : word + 2] in "内)）":
            opening = max(text.rfind("(", max(0, word - 16), word), text.rfind("（", max(0, word - 16), word))
            match = _LENGTH_LIMIT.match(text, opening) if opening >= 0 else None
            if match is not None and match.end() > word:
                brackets.append(match)
    brackets.sort(key=lambda m: m.start())
    for bracket in brackets:
        at, close = bracket.start(), bracket.end() - 1
        body = text[at + 1 : close]
        if "(" in body or "（" in body or "\n" in body or len(body) < 4:
            continue
        if _LENGTH_LIMIT.fullmatch(text, at, close + 1):
            # the limit of what the clause before it asks for; a clause with figures is a scoring
            # rule's note ('执行率未达到90%的需说明原因(100字以内)'), kept in the official form
            clause = max(text.rfind(mark, max(0, at - 60), at) for mark in ",，;；。\n|") + 1
            if not _DIGIT.search(text, clause, at):
                found.append((at, close + 1, text[at : close + 1]))
            continue
        if body.startswith(_HINT_LABELS) and not _own_account(body):
            found.append((at, close + 1, text[at : close + 1]))  # ('(编写提示:…)': a hint says so)
            continue
        asks = body.startswith(_HINT_OPENERS) or "请" in body  # ('(如未完成,请说明原因)')
        if _DELETION_HINT.search(body) and not _own_account(body):
            found.append((at, close + 1, text[at : close + 1]))  # ('(不适用的可删除)': delete me when done)
            continue
        if not asks or not any(w in body for w in _HINT_WORDS):
            continue
        if _DIGIT.search(body) or _own_account(body):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", close)
        if (
            not text[line_start:at].strip()
            and not text[close + 1 : line_end if line_end >= 0 else None].strip()
        ):
            continue  # a bracket on a line of its own: template.form_instruction reads those
        found.append((at, close + 1, text[at : close + 1]))
    return found


@rule(
    "template.instruction",
    "模板的写作提示留在报告里：祈使句（“说明……情况”“根据……逐项分析”）、标题后的话题列举（“包括A、B等”）、"
    "括号里的篇幅或写法提示（“(200字以内)”“(可用表格形式反映)”）",
)
def check_template_instructions(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    places = report.places
    findings = []
    seen: list[tuple[int, int]] = []

    def add(start: int, end: int, quote: str, what: str) -> None:
        if any(a < end and start < b for a, b in seen):
            return
        quote = quote.replace("\n", " ")
        seen.append((start, end))
        findings.append(
            context.finding(
                "template.instruction",
                WARNING,
                f"{what}：“{quote[:40]}”（模板的写作提示，应换成实际内容或删去）",
                start,
                end,
                found=quote[:40],
            )
        )

    for start, end, quote in _topic_lists(text, places):
        add(start, end, quote, "标题后是模板对应写内容的列举，不是实际情况")
    for start, end, quote in _instruction_sentences(text, places):
        add(start, end, quote, "这一句是要求填写者说明什么的提示，没有写实际情况")
    for start, end, quote in _hint_brackets(text, places):
        add(start, end, quote, "括号里是篇幅或写法的提示")
    return findings


# ---------------------------------------------------------------------------------------------
# A form left unfilled


_YEAR_STUB = re.compile(
    r"(?<![\d.．])20[12](?=[ \t]*年(?!度)|[ \t]*(?:$|\n|[一二三四五六七八九十]+、))", re.M
)


_THREE_DIGITS = re.compile(r"20[12](?!\d)")


def _year_stubs(text: str, places) -> list[re.Match]:
    """A year cut to its first three digits ('报告日期:201 年', '评价人员: 201'), after a field's
    colon or before 年."""
    found = []
    for stub in _THREE_DIGITS.finditer(text, 0, _COVER_SPAN):  # (the cover's fields: its date, its people)
        at = stub.start()
        match = _YEAR_STUB.match(text, at)
        if match is None or (at and text[at - 1].isdigit()):
            continue
        before = text[max(0, at - 3) : at].rstrip(" \t")
        if not text[match.end() : match.end() + 3].lstrip(" \t").startswith("年") and not before.endswith(
            (":", "：")
        ):
            continue  # (no 年 after it: only a field's value, right after its colon)
        found.append(match)
    return found


def _unchecked_groups(context: CheckContext) -> list[tuple[int, int, str]]:
    """A choice whose options stand one to a line ('评价机构:部门评价组□' then '中介机构□'), none
    ticked. (Options on one line are read by template.leftover.)"""
    report = context.report
    text = report.text
    if not scan.places_of(text, "□", report.places):
        return []
    paragraphs = report.paragraphs
    source = report.source
    found = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        line = paragraph.text
        if line.count("□") != 1 or ":" not in line[:12] or "|" in line:
            index += 1
            continue
        group = [paragraph]
        follow = index + 1
        while follow < len(paragraphs):
            other = paragraphs[follow].text.strip()
            if other.count("□") != 1 or ":" in other or "：" in other or len(other) > 16:
                break
            group.append(paragraphs[follow])
            follow += 1
        index = follow
        if len(group) < 2:
            continue
        original = source.original_text(group[0].start, group[-1].end)
        if _CHECKED.search(original) or "?" in original:
            continue
        found.append((group[0].start, group[-1].end, " ".join(p.text.strip() for p in group)))
    return found


def _bare_fields(context: CheckContext) -> list[tuple[int, int, str]]:
    """A cover field whose line holds only its name, between filled fields ('项目单位 X局',
    '主管部门', '评价方式:…'), or a field's colon followed by the next field ('填报单位: 单位:万元')."""
    report = context.report
    text = report.text
    paragraphs = report.paragraphs
    found = []
    if not _COVER_FIELDS:
        return found
    # (a field's name alone on its line: on a cover, at the head of the text)
    for alone in _FIELD_ALONE.finditer(text, 0, _COVER_SPAN):
        index = report.paragraph_index(alone.start(1))
        if not 0 < index < len(paragraphs) - 1:
            continue
        line = paragraphs[index].text.strip()
        if line not in _COVER_FIELDS:
            continue
        filled = 0
        for other in (paragraphs[index - 1].text.strip(), paragraphs[index + 1].text.strip()):
            name = next((f for f in _COVER_FIELDS if other.startswith(f)), None)
            if name and len(other.lstrip(name + ":： ")) >= 2:
                filled += 1
        if filled == 2:
            found.append((paragraphs[index].start, paragraphs[index].end, line))
    # (a field's name that stands alone before its colon is read by template.leftover; here the
    # name runs on from the words before it, the spaces between them lost: '…数据表填报单位:单位:万元')
    for colon in scan.matches_at(_COLON_THEN_NAME, text, scan.places_of(text, ":", report.places)):
        at = colon.start()
        name = next((f for f in _COVER_FIELDS if text.endswith(f, 0, at)), None)
        if name is None or not _CJK_OR_BRACKET.match(text, at - len(name) - 1):
            continue  # (no field's name before, or one standing alone: template.leftover's)
        after = text[at + 1 : text.find(":", at + 1)].strip()
        if after == "单位" or after in _COVER_FIELDS:
            found.append((at - len(name), at + 1, name))
    return found


_COVER_SPAN = 2000  # how far into a text its cover's fields are looked for
_FIELD_ALONE = re.compile(
    r"\n[ \t]*(?=["
    + "".join(sorted({f[0] for f in _COVER_FIELDS}))
    + "])("
    + "|".join(re.escape(f) for f in sorted(_COVER_FIELDS, key=len, reverse=True))
    + r")[ \t]*(?=\n)"
)
_COLON_THEN_NAME = re.compile(r":(?=[\u4e00-\u9fff()]{2,10}:)")
_CJK_OR_BRACKET = re.compile(r"[\u4e00-\u9fff()]")


_STAMPED = re.compile(r"\((?:盖章|公章|签章|签字)\)$")
_EMPTY_CELL = re.compile(r"\|[ \t]*\|")


def _empty_cells(context: CheckContext) -> list[tuple[int, int, str]]:
    """A form's field whose cell is left empty in a row of fields and their values ('| 填报日期 | |
    填报人 | 李华 |'): the next cell is another field. A row of headers alone (no field filled in
    it) is left alone, and so is an empty field at a row's end (a published form's unused field)."""
    report = context.report
    text = report.text
    if "|" not in text:
        return []  # (no form)
    found = []
    seen = set()
    for bars in _EMPTY_CELL.finditer(text):
        index = report.paragraph_index(bars.start())
        if index in seen or index < 0:
            continue
        seen.add(index)
        paragraph = report.paragraphs[index]
        line = paragraph.text.strip()
        cells = [
            cell.strip() for cell in line[line.startswith("|") : len(line) - line.endswith("|")].split("|")
        ]
        names = [_STAMPED.sub("", cell) in _COVER_FIELDS for cell in cells]
        filled = any(names[i] and cells[i + 1] and not names[i + 1] for i in range(len(cells) - 1))
        if not filled:
            continue  # no field with its value: a header row, not a filled form
        for i in range(len(cells) - 1):
            if not names[i] or cells[i + 1]:
                continue
            if i + 2 >= len(cells) or not names[i + 2]:
                continue  # (a merged cell between a field and its value; or the row's last cells,
                # left empty as a published form leaves its unused fields)
            found.append((paragraph.start, paragraph.end, _STAMPED.sub("", cells[i])))
    return found


_NUMBER_CELL = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _shifted_rows(context: CheckContext) -> list[tuple[int, int, str, str]]:
    """A row of a '|' form with one amount left out: the header has N amount columns right
    before its rate column, the row N-1 figures before its rate ('部门整体支出总额 | 864.2 |
    100% | 20 |' under '预算数 | 执行数 | 执行率 | 得分'). A header with a group's name over its
    amounts ('年度预算数(万元) | 年初预算 | …') has that cell more: only amount names are counted.
    (start, end, label, the name of the column left empty, by position)."""
    report = context.report
    text = report.text
    if "|" not in text:
        return []  # (no form: the column names are not read)
    columns = context.data.tables.get("columns") or {}
    rates = tuple(columns.get("rate") or ())
    money = tuple(name for names in (columns.get("money") or {}).values() for name in names)
    if not rates or not scan.places_of(text, "%", report.places):
        return []
    found = []
    paragraphs = report.paragraphs
    headers = set()  # the paragraphs that name a rate (a few a text, found by str.find)
    shortest = min(rates, key=len)
    at = text.find(shortest)
    while at >= 0:
        headers.add(report.paragraph_index(at))
        at = text.find(shortest, at + len(shortest))
    for index in sorted(headers):
        paragraph = paragraphs[index]
        line = paragraph.text
        if "|" not in line or not any(rate in line for rate in rates):
            continue
        header = [cell.strip().replace(" ", "") for cell in line.split("|")]
        at = next((i for i, cell in enumerate(header) if cell.startswith(rates)), None)
        if not at:
            continue
        amounts = 0  # the amount columns right before the rate column ('预算数 | 执行数 | 执行率')
        while amounts < at - 1 and header[at - 1 - amounts].startswith(money):
            amounts += 1
        if amounts < 2:
            continue
        for row in paragraphs[index + 1 : index + 4]:
            cells = [cell.strip() for cell in row.text.split("|")]
            if "|" not in row.text or any(cell.startswith(rates) for cell in cells):
                break  # the table ends, or the next header
            rate = next((i for i, cell in enumerate(cells) if cell.endswith("%")), None)
            if rate is None or not _NUMBER_CELL.fullmatch(cells[rate][:-1]):
                continue
            figures = [cell for cell in cells[1:rate] if _NUMBER_CELL.fullmatch(cell)]
            if len(figures) == rate - 1 == amounts - 1:
                found.append((row.start, row.end, cells[0], header[at - amounts + len(figures)]))
    return found


@rule(
    "template.unfilled",
    "表格、封面没有填完：选项分行列出却都没有勾选、年份只写了“201”、数字写成“**”、栏目只有名称",
)
def check_unfilled_forms(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    places = report.places
    findings = []
    for start, end, quote in _unchecked_groups(context):
        findings.append(
            context.finding(
                "template.unfilled", WARNING, f"选项都没有勾选：“{quote[:40]}”", start, end, found=quote[:40]
            )
        )
    for match in _year_stubs(text, places):
        findings.append(
            context.finding(
                "template.unfilled",
                WARNING,
                f"年份只写了“{match.group(0)}”，没有填完",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    starred = list(_STARRED.finditer(text)) if has_word(text, "**", places) else []
    if starred and len(starred) == len(_STARS.findall(text)):
        first = starred[0]
        more = f"，全文共{len(starred)}处" if len(starred) > 1 else ""
        findings.append(
            context.finding(
                "template.unfilled",
                WARNING,
                f"数字写成“{first.group(0).strip()}”{more}，模板的占位没有填实",
                first.start(),
                first.end(),
                found=first.group(0),
            )
        )
    for start, end, label, column in _shifted_rows(context):
        findings.append(
            context.finding(
                "template.unfilled",
                WARNING,
                f"“{label}”一行少填了一格：表头执行率前有金额栏，这一行执行率前少一个数（“{column}”一栏没有填，后面的数字左移了一格）",
                start,
                end,
                expected=column,
            )
        )
    for start, end, name in _bare_fields(context) + _empty_cells(context):
        findings.append(
            context.finding("template.unfilled", WARNING, f"“{name}”一栏没有填写", start, end, expected=name)
        )
    return findings


RULES = (check_template_instructions, check_unfilled_forms)
