"""A matplotlib font cache built before the CJK font was installed (a fresh Debian machine where
fonts-noto-cjk came after matplotlib first ran): the charts still find the CJK font through
fontconfig and draw no missing-glyph boxes. Run in a subprocess with its own MPLCONFIGDIR."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BUILD_STALE_CACHE = r"""
import glob, json, subprocess, sys
from matplotlib import font_manager
chinese = set(subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True).stdout.replace(":", "").split())
[path] = glob.glob(sys.argv[1] + "/fontlist-v*.json")
cache = json.load(open(path, encoding="utf-8"))
before = len(cache["ttflist"])
cache["ttflist"] = [e for e in cache["ttflist"] if e["fname"] not in chinese]
json.dump(cache, open(path, "w", encoding="utf-8"))
print(before - len(cache["ttflist"]))
"""

DRAW = r"""
import json, warnings
from matplotlib import font_manager
stale = not any("CJK" in e.name for e in font_manager.fontManager.ttflist)
from jixiao.formats import charts
from tests.formats.sample_report import charts as sample_charts
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    font = charts.cjk_font()
    for chart in sample_charts():
        charts.chart_png(chart)
        svg = charts.chart_svg(chart)
print(json.dumps({
    "stale": stale,
    "font": font.name if font else None,
    "warnings": [str(w.message) for w in caught],
    "svg_font": "NotoSansCJK" in svg,
}))
"""


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig (Debian: fontconfig)")
def test_charts_find_the_cjk_font_through_a_stale_matplotlib_cache(tmp_path):
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    removed = subprocess.run(
        [sys.executable, "-c", BUILD_STALE_CACHE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(removed.stdout) > 0, (
        "the machine has no Chinese font to leave out (apt-get install fonts-noto-cjk)"
    )
    drawn = subprocess.run(
        [sys.executable, "-c", DRAW],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(drawn.stdout.strip().splitlines()[-1])
    assert result["stale"], "the cache still listed a CJK font: the test did not set up a stale cache"
    assert result["font"] == "Noto Sans CJK SC"
    assert [w for w in result["warnings"] if "missing from font" in w or "中文字体" in w] == []
    assert result["svg_font"]  # the glyph outlines come from the CJK font
