"""The bomb corpus (tests/formats/bombs/): every file is refused by the limit it goes beyond, with a
Chinese message that names the limit, before it can take the memory or time it asks for."""

from __future__ import annotations

import re

import pytest

from jixiao.formats import limits
from jixiao.formats.limits import LimitExceeded
from jixiao.formats.report_readers import read_report
from jixiao.formats.tabular import read_rows
from tests.formats.bombs.make_bombs import HERE, MANIFEST

BY_KEY = {limit.key: limit for limit in limits.ALL}


def read_everything(path):
    if path.suffix in (".docx", ".pdf"):
        return read_report(path).text
    return sum(1 for _ in read_rows(path))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_every_bomb_is_refused_naming_its_limit(name):
    key, _ = MANIFEST[name]
    limit = BY_KEY[key]
    with pytest.raises(LimitExceeded) as refused:
        read_everything(HERE / name)
    assert refused.value.limit is limit
    message = str(refused.value)
    assert f"超过了{limit.name}上限（{limit.describe()}）" in message
    assert re.search(r"[\u4e00-\u9fff]", message.split("上限")[0])  # says what, in Chinese


def test_the_corpus_is_small_files():
    sizes = {name: (HERE / name).stat().st_size for name in MANIFEST}
    assert max(sizes.values()) < 512 * 1024
    assert set(MANIFEST) == {
        p.name for p in HERE.iterdir() if p.suffix in {".xls", ".xlsx", ".csv", ".docx", ".pdf"}
    }


def test_limit_messages_read_as_chinese_sentences():
    assert limits.ROWS.describe() == "最多1,048,576行"
    assert limits.DECOMPRESSED.describe() == "最多1 GiB"
    assert limits.refuse(limits.COLUMNS, "第3行的列数", 20_000).message == (
        "第3行的列数（20,000列）超过了表格列数上限（最多16,384列），已拒绝读取。"
    )
