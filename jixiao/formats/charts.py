"""Charts drawn by one piece of code for the web (SVG) and for Word (PNG).

matplotlib's object API (``Figure`` + Agg canvas) is used, never ``pyplot``: no global figure
state, safe in a web process and in worker processes. Chinese text needs a CJK font; it is looked
up once per process (``cjk_font``) among the fonts matplotlib knows — Noto Sans CJK SC from
Debian's fonts-noto-cjk on these machines — then among those fontconfig offers for Chinese (a stale
matplotlib font cache does not list a font installed after it was built), and a clear warning is
given when there is none.

Figures arrive as Decimal; they become floats only as drawing coordinates. Every label printed on
a chart is the Decimal's own text, so a chart never shows a figure the tables do not.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape

import matplotlib

matplotlib.use("Agg", force=False)

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from jixiao.domain.money import HUNDRED, round_half_up
from jixiao.domain.report.chart_data import (  # noqa: F401  (re-exported: the report's three charts)
    budget_composition_chart,
    monthly_execution_chart,
    year_on_year_chart,
)
from jixiao.domain.report.document import Chart, ChartKind, decimal_text

ACCENT = "#1f4e79"
# one palette for the whole app: the accent first, then colours that stay apart in grey print
PALETTE = ("#1f4e79", "#7fa7d1", "#c55a11", "#70ad47", "#8064a2", "#bf9000")
REFERENCE_COLOR = "#7f7f7f"
# 执行率 against 序时进度: the status colours of the screens (正常 green, 预警 amber, 滞后 red); the
# status word is always printed beside the bar, so grey print and colour-blind readers lose nothing
STATUS_COLORS = {"正常": "#2e7d32", "预警": "#c28a00", "滞后": "#b3261e", "无预算": "#9e9e9e"}
TEXT_COLOR = "#222222"
GRID_COLOR = "#d9d9d9"

# width × height in inches: 16 cm wide, fits the 156 mm 版心 at 100 %
FIGSIZE = (6.3, 3.5)
PNG_DPI = 150
MAX_LABELLED_VALUES = 12

_PREFERRED_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
)


class MissingCJKFontWarning(UserWarning):
    """No Chinese font was found: chart labels would show as empty boxes."""


@dataclass(frozen=True, slots=True)
class CjkFont:
    name: str
    path: str


def _known_cjk_font() -> CjkFont | None:
    known = {
        entry.name: entry.fname
        for entry in font_manager.fontManager.ttflist
        if entry.weight in (400, "normal")
    }
    for name in _PREFERRED_CJK_FONTS:
        if name in known:
            return CjkFont(name, known[name])
    for name, path in sorted(known.items()):
        if "CJK" in name or "Hei" in name or "Song" in name:
            return CjkFont(name, path)
    return None


def _fontconfig_cjk_files() -> list[str]:
    """The files fontconfig offers for Simplified Chinese, best first (none without fontconfig)."""
    import shutil
    import subprocess

    files: list[str] = []
    commands = [
        ["fc-match", "-f", "%{file}\n", f"{name}:lang=zh-cn" if name else ":lang=zh-cn"]
        for name in (*_PREFERRED_CJK_FONTS[:2], "")
    ]
    commands.append(["fc-list", ":lang=zh-cn", "file"])
    for command in commands:
        if shutil.which(command[0]) is None:
            return files
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        for line in result.stdout.splitlines():
            path = line.strip().rstrip(":")
            if path and path not in files:
                files.append(path)
    return files


@lru_cache(maxsize=1)
def cjk_font() -> CjkFont | None:
    """The CJK font charts use, found once per process.

    First among the fonts matplotlib knows. A font cache that matplotlib built before the CJK
    font was installed does not list it (charts then draw boxes), so next the files fontconfig
    offers for Chinese are added to matplotlib's font manager for this process.
    """
    found = _known_cjk_font()
    if found is None:
        for path in _fontconfig_cjk_files():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
        found = _known_cjk_font()
    if found is not None:
        return found
    warnings.warn(
        "未找到中文字体，图表中的中文将显示为方框。请安装中文字体后重试"
        "（Debian/Ubuntu：apt-get install fonts-noto-cjk）。",
        MissingCJKFontWarning,
        stacklevel=2,
    )
    return None


@lru_cache(maxsize=1)
def _rc() -> dict[str, object]:
    font = cjk_font()
    families = [font.name, "DejaVu Sans"] if font else ["DejaVu Sans"]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "font.size": 9.5,
        "axes.unicode_minus": False,
        "axes.edgecolor": "#595959",
        "axes.labelcolor": TEXT_COLOR,
        "xtick.color": TEXT_COLOR,
        "ytick.color": TEXT_COLOR,
        "text.color": TEXT_COLOR,
        "svg.fonttype": "path",
        "svg.hashsalt": "jixiao",
        "path.simplify": True,
    }


def chart_png(chart: Chart, dpi: int = PNG_DPI) -> bytes:
    """The chart as PNG bytes (for Word), ``dpi`` written in the file so Word sizes it right.

    The figure is drawn once, at the target dpi, and encoded here rather than by ``savefig``: the
    white, opaque chart needs no alpha channel (a quarter less to compress), and zlib's fastest
    level packs its flat colours nearly as tight as the default (about 7 % larger) in three
    quarters of the time. (A 256-colour palette would be smaller still, but quantising turns the
    white background into a faint grey box on the page.)
    """
    with rc_context(_rc()):
        figure = _draw(chart, dpi=dpi)
        canvas = figure.canvas
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    rgba.convert("RGB").save(buffer, format="png", dpi=(dpi, dpi), compress_level=1)
    return buffer.getvalue()


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (text drawn as paths: no font needed to view it)."""
    with rc_context(_rc()):
        figure = _draw(chart)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
# matplotlib's "*{stroke-linejoin…}" would apply to the whole HTML page; html_writer's CSS
# carries the same rule scoped to charts
_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", re.DOTALL)


def svg_element(chart: Chart, element_id: str = "") -> str:
    """The chart as an ``<svg>`` element for inlining in HTML: no XML prolog, no DOCTYPE, no
    namespace URLs (the HTML parser supplies them), labelled for screen readers."""
    svg = _PROLOG.sub("", chart_svg(chart), count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _STYLE.sub("", svg, count=1)
    svg = _XMLNS.sub("", svg)
    if element_id:
        # several charts on one page: keep every id (figure_1, glyph outlines, clip paths) unique
        prefix = re.sub(r"[^A-Za-z0-9_-]", "-", element_id)
        svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
        svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
        svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    label = escape(chart.title, quote=True)
    attributes = f' role="img" aria-label="{label}"'
    if element_id:
        attributes += f' id="{escape(element_id, quote=True)}"'
    svg = svg.replace("<svg", f"<svg{attributes}", 1)
    # remove the fixed pt size so the figure scales with the page
    svg = re.sub(r'(<svg[^>]*?)\s+width="[^"]*pt"\s+height="[^"]*pt"', r"\1", svg, count=1)
    return svg.strip()


def _draw(chart: Chart, dpi: float = 100) -> Figure:
    figure = Figure(figsize=FIGSIZE, dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    # No title inside the image: the caption under it ("图1　…") is the title, and the text
    # cites the chart by that number; a title drawn twice is what a reviewer strikes out.
    if chart.kind is ChartKind.PROGRESS:
        figure.set_size_inches(FIGSIZE[0], progress_height(len(chart.categories)))
        _progress(axes, chart)
        return figure
    if chart.kind is ChartKind.PIE:
        _pie(axes, chart)
        figure.subplots_adjust(left=0.02, right=0.98, top=0.94, bottom=0.04)
        return figure
    if chart.kind is ChartKind.LINE:
        _lines(axes, chart)
    else:
        _bars(axes, chart, stacked=chart.kind is ChartKind.STACKED_BAR)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.6)
    axes.set_axisbelow(True)
    if chart.unit:
        axes.set_ylabel(f"单位：{chart.unit}")
    if chart.category_label:
        axes.set_xlabel(chart.category_label)
    if len(chart.series) > 1:
        axes.legend(frameon=False, loc="upper left", ncols=len(chart.series), fontsize=9)
    # a line's last value is labelled to the right of its point: leave room for "100.0%"
    right = 0.94 if chart.kind is ChartKind.LINE else 0.98
    figure.subplots_adjust(left=0.11, right=right, top=0.95, bottom=0.16)
    return figure


def _number(value: Decimal | None) -> float:
    # drawing coordinates only: never printed, never summed
    return float("nan") if value is None else float(value)


def _label(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{decimal_text(value)}{'%' if unit == '%' else ''}"


def _bars(axes, chart: Chart, *, stacked: bool) -> None:
    count = len(chart.categories)
    positions = range(count)
    group = len(chart.series)
    width = 0.7 if stacked else min(0.8 / group, 0.35)
    bottoms = [0.0] * count
    label_values = count * group <= MAX_LABELLED_VALUES
    top = 0.0
    for index, series in enumerate(chart.series):
        heights = [_number(v) for v in series.values]
        if stacked:
            xs = list(positions)
            bars = axes.bar(
                xs, heights, width, bottom=bottoms, color=PALETTE[index % len(PALETTE)], label=series.name
            )
            bottoms = [b + (0 if h != h else h) for b, h in zip(bottoms, heights, strict=True)]
            top = max(top, *bottoms)
            position = "center"
        else:
            offset = (index - (group - 1) / 2) * width
            xs = [p + offset for p in positions]
            bars = axes.bar(xs, heights, width * 0.95, color=PALETTE[index % len(PALETTE)], label=series.name)
            top = max([top, *(h for h in heights if h == h)])
            position = "edge"
        if label_values:
            axes.bar_label(
                bars,
                labels=[_label(v, chart.unit) for v in series.values],
                label_type=position,
                fontsize=8.5,
                padding=2,
                color="white" if stacked else TEXT_COLOR,
            )
    axes.set_xticks(list(positions), chart.categories)
    axes.set_ylim(0, top * 1.18 if top > 0 else 1)


def _lines(axes, chart: Chart) -> None:
    xs = list(range(len(chart.categories)))
    top = 0.0
    few = len(chart.categories) <= 6
    colour_index = 0
    for series in chart.series:
        ys = [_number(v) for v in series.values]
        top = max([top, *(y for y in ys if y == y)])
        if series.reference:
            axes.plot(xs, ys, linestyle="--", linewidth=1.2, color=REFERENCE_COLOR, label=series.name)
            continue
        colour = PALETTE[colour_index % len(PALETTE)]
        colour_index += 1
        axes.plot(xs, ys, marker="o", markersize=3.5, linewidth=2, color=colour, label=series.name)
        shown = [i for i, v in enumerate(series.values) if v is not None]
        for i in shown if few else shown[-1:]:
            axes.annotate(
                _label(series.values[i], chart.unit),
                (xs[i], ys[i]),
                textcoords="offset points",
                xytext=(6, -13),
                ha="left",
                fontsize=8.5,
                color=colour,
            )
    axes.set_xticks(xs, chart.categories)
    limit = 100.0 if chart.unit == "%" else 0.0
    axes.set_ylim(0, max(top, limit) * 1.15 or 1)


def _pie(axes, chart: Chart) -> None:
    values = chart.series[0].values
    present = [(c, v) for c, v in zip(chart.categories, values, strict=True) if v is not None and v > 0]
    total = sum((v for _c, v in present), Decimal(0))
    labels = []
    for category, value in present:
        share = round_half_up(value * HUNDRED / total, 1) if total else Decimal(0)
        labels.append(f"{category}\n{decimal_text(value)}{chart.unit}（{share}%）")
    axes.pie(
        [_number(v) for _c, v in present],
        labels=labels,
        colors=[PALETTE[i % len(PALETTE)] for i in range(len(present))],
        startangle=90,
        counterclock=False,
        wedgeprops={"linewidth": 1.5, "edgecolor": "white"},
        textprops={"fontsize": 9},
        labeldistance=1.15,
    )
    axes.set_aspect("equal")


def progress_height(count: int) -> float:
    """Inches: a fixed frame (axis, legend) plus a quarter inch a bar, so many bars stay legible."""
    return max(1.6, 0.9 + 0.24 * count)


def _fit(label: str, room: int) -> str:
    """A category name that fits left of the axis: its start and its end with "…" between (the
    full names are in the chart's data table)."""
    if len(label) <= room or room < 6:
        return label
    head = (room - 1) // 2
    return f"{label[:head]}…{label[-(room - 1 - head) :]}"


def _progress(axes, chart: Chart) -> None:
    """Horizontal bars of 执行率, first category on top, each coloured by its status and labelled
    "41.7% 滞后"; a dashed vertical marker at 序时进度."""
    values = chart.series[0].values
    reference = next((s for s in chart.series if s.reference), None)
    statuses = chart.statuses or ("",) * len(values)
    ys = list(range(len(chart.categories)))
    widths = [0.0 if v is None else _number(v) for v in values]
    colours = [STATUS_COLORS.get(status, PALETTE[0]) for status in statuses]
    axes.barh(ys, widths, 0.62, color=colours)
    top = max([100.0, *widths])
    for y, value, status in zip(ys, values, statuses, strict=True):
        text = f"{_label(value, '%')} {status}".strip() if value is not None else status
        axes.annotate(
            text,
            (0.0 if value is None else _number(value), y),
            textcoords="offset points",
            xytext=(3, 0),
            va="center",
            fontsize=8,
            color=STATUS_COLORS.get(status, TEXT_COLOR) if status != "正常" else TEXT_COLOR,
        )
    if reference is not None and reference.values and reference.values[0] is not None:
        mark = _number(reference.values[0])
        axes.axvline(mark, color=REFERENCE_COLOR, linestyle="--", linewidth=1.2)
        axes.annotate(
            f"{reference.name} {_label(reference.values[0], '%')}",
            (mark, 1.0),
            xycoords=("data", "axes fraction"),
            textcoords="offset points",
            xytext=(0, 2),
            ha="center",
            va="bottom",
            fontsize=8.5,
            color=REFERENCE_COLOR,
        )
    width = axes.figure.get_size_inches()[0]
    room = int((0.45 * width - 0.12) / (8.5 / 72))  # CJK characters of 8.5 pt that fit left of the axis
    axes.set_yticks(ys, [_fit(c, room) for c in chart.categories], fontsize=8.5)
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.16)
    axes.set_xlabel(f"{chart.series[0].name}（%）")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color=GRID_COLOR, linewidth=0.6)
    axes.set_axisbelow(True)
    height = axes.figure.get_size_inches()[1]
    longest = max((len(_fit(c, room)) for c in chart.categories), default=4)
    left = min(0.45, 0.04 + 0.021 * longest)
    axes.figure.subplots_adjust(left=left, right=0.97, top=1 - 0.3 / height, bottom=0.45 / height)
