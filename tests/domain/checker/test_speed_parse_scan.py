"""The fast paths of the shared per-document reading give what the plain reading gives: a
CharIndex's places of strings whose characters were learned together, apart or twice, and the
cells of '|' rows that end in a run of empty ones."""

from __future__ import annotations

from jixiao.domain.checker import scan
from jixiao.domain.checker.parse import Paragraph, _read_table_row
from jixiao.domain.checker.scan import char_codes, table_index
from jixiao.domain.checker.tables import _split_pipe

TEXT = (
    "本部门年初预算支出208.4万元，比上年增加24.01万元（增长13.0%）。其中：基本支出164.4万元；"
    "项目支出44万元，较上年减少7万元。《办法》“三公”经费0.22万元【注】。\n"
    "二、部门整体支出情况\n年度总金额 | 3,724,055.00 | 96.85 | ||||||\n"
)


def test_the_char_index_reads_strings_learned_together_apart_and_twice():
    asked = [
        "囍龘",  # new to the process: learned together, one run of numbers
        "龘",
        "囍",
        "龘囍比",  # one learned before them, two after: runs apart
        "比比",  # a character given twice: its places twice, as str.find gives them
        "。;",
        ";。",
        "年比较",
        "(",
        "",
    ]
    text = TEXT + "囍龘龘囍"
    for _ in range(3):  # new to the process, then held by the next texts' indexes
        places = scan.CharIndex(text, table_index(char_codes(text)))
        for chars in asked:
            assert places.occurrences(chars) == scan.occurrences(text, chars)
            found = places.occurrences(chars)
            found.append(-1)  # the caller's list is its own
            assert places.occurrences(chars) == scan.occurrences(text, chars)


def test_pipe_rows_ending_in_empty_cells():
    def split_then_drop(paragraph: Paragraph, width: int) -> list:
        """_split_pipe as it was: every piece made a cell, the empty ones at the end dropped after."""
        cells = []
        position = paragraph.start
        pieces = paragraph.text.split("|")
        if paragraph.text.startswith("|"):
            position += len(pieces[0]) + 1
            pieces = pieces[1:]
        for piece in pieces:
            stripped = piece.strip()
            offset = piece.find(stripped) if stripped else 0
            cells.append((stripped, position + offset))
            position += len(piece) + 1
        if cells and not cells[-1][0] and paragraph.text.rstrip().endswith("|"):
            cells.pop()
        if width and len(cells) == width and paragraph.text.startswith("|"):
            return cells
        while cells and not cells[-1][0]:
            cells.pop()
        return cells

    rows = [
        "年度总金额 | 3,724,055.00 | 96.85 | ||||||",
        "| 总额 | 5.00 | | |",
        "| 总额 | 5.00 | |",
        "|  |  |",
        "项目 | 预算数 | 执行数 |",
        "a|b",
        "| a | b | c |",
    ]
    for text in rows:
        paragraph = Paragraph(10, 10 + len(text), text)
        for width in range(6):
            assert [(c.text, c.start) for c in _split_pipe(paragraph, width)] == split_then_drop(
                paragraph, width
            )
        row = _read_table_row(
            paragraph
        )  # every piece a cell (a leading '|' too), empty ones at the end dropped
        pieces = text.split("|")
        while pieces and not pieces[-1].strip():
            pieces.pop()
        assert [cell.text for cell in row.cells] == [piece.strip() for piece in pieces]
        for cell in row.cells:
            assert text[cell.start - 10 : cell.end - 10] == cell.text
