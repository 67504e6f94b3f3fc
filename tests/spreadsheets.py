"""Checks every export test shares: no formula anywhere in a workbook, and hostile text kept as text."""

from __future__ import annotations

import io
import itertools
import re
import zipfile

from openpyxl import load_workbook

# What a user could type to make Excel run something: one of each start that spreadsheets read
# as a formula (= + - @, tab, carriage return), and an error literal openpyxl would turn into an error.
STARTS = ("=", "+", "-", "@", "\t", "\r")
_counter = itertools.count(1)


def hostile(label: str = "") -> str:
    """A different formula-like text on each call: '=HYPERLINK("http://x","1")' and friends."""
    n = next(_counter)
    start = STARTS[n % len(STARTS)]
    body = 'HYPERLINK("http://x","点我")' if start in ("=", "\t", "\r") else "1+1"
    if start in ("\t", "\r"):
        return f"{start}={body}{label}{n}"
    return f"{start}{body}{label}{n}"


def formula_cells(content: bytes) -> list[str]:
    """Every cell of every sheet that is a formula, as openpyxl reads it and in the raw XML."""
    found = []
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("f", "e"):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                found += [f"{name}: <f>" for _ in re.finditer(r"<(?:\w+:)?f[\s>/]", xml)]
    return found


def texts(content: bytes) -> list[str]:
    """Every text cell of every sheet, in order."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def assert_text_kept(content: bytes, *values: str) -> None:
    """No formula anywhere, and each hostile value is in some text cell (whole or as part)."""
    assert formula_cells(content) == []
    cells = texts(content)
    missing = [value for value in values if not any(value in cell for cell in cells)]
    assert missing == [], f"not written as text: {missing}"
