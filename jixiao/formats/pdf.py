"""PDF made from the .docx by LibreOffice headless, when LibreOffice is installed.

``soffice --headless --convert-to pdf`` lays the document out exactly as Writer would print it,
page numbers and all. When LibreOffice is missing, ``PdfUnavailable`` says so in Chinese and
tells how to install it; nothing is faked.

The 公文 fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体) are Windows/WPS fonts that a Linux
server usually lacks. So that the PDF still shows the right kind of face instead of an arbitrary
fallback, LibreOffice runs with a fontconfig file that *adds* Noto CJK after each of those names
(``accept``): when the real font is installed it still wins.

The stand-ins are the Simplified Chinese (SC) faces. ``pdffonts`` nevertheless lists them as
“NotoSerifCJKjp-Regular”: Debian's Noto CJK collections (.ttc) keep one CFF table, named after
the Japanese face, that all regional faces share; a face differs by its character map, which picks
the mainland forms (直, 骨 …). tests/formats/test_pdf.py checks that the PDF holds the SC glyphs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from jixiao.domain.errors import DomainError
from jixiao.domain.report.document import Report

INSTALL_HINT = (
    "LibreOffice 未安装，无法生成 PDF。请先安装 LibreOffice："
    "Debian/Ubuntu 执行 sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui "
    "（另建议安装中文字体 fonts-noto-cjk）；或先导出 .docx，再用 WPS/Word“另存为 PDF”。"
)


class PdfUnavailable(DomainError):
    """No LibreOffice on this machine."""

    code = "pdf_unavailable"


class PdfConversionFailed(DomainError):
    code = "pdf_conversion_failed"


_FONT_ALIASES = {
    "Noto Serif CJK SC": (
        "仿宋_GB2312",
        "仿宋",
        "FangSong",
        "FangSong_GB2312",
        "宋体",
        "SimSun",
        "方正小标宋简体",
        "方正小标宋_GBK",
        "小标宋",
        "楷体_GB2312",
        "楷体",
        "KaiTi",
    ),
    "Noto Sans CJK SC": ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei"),
}
_BOLD_FACES = ("方正小标宋简体", "方正小标宋_GBK", "小标宋")


def _fonts_conf() -> str:
    rules = []
    for target, names in _FONT_ALIASES.items():
        for name in names:
            rules.append(
                f'<alias binding="same"><family>{name}</family><accept><family>{target}</family></accept></alias>'
            )
    for name in _BOLD_FACES:
        # 小标宋 is a heavy face: its stand-in is the bold Noto Serif CJK
        rules.append(
            f'<match target="pattern"><test name="family"><string>{name}</string></test>'
            '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
        )
    return (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' + "".join(rules) + "</fontconfig>"
    )


def soffice_binary() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if Path(candidate).exists():
            return candidate
    return None


def pdf_available() -> bool:
    return soffice_binary() is not None


_lock = threading.Lock()
_profile_dir: Path | None = None


def _profile() -> Path:
    # one LibreOffice profile per process: a profile cannot be shared by two running instances
    global _profile_dir
    if _profile_dir is None:
        _profile_dir = Path(tempfile.mkdtemp(prefix=f"jixiao-lo-{os.getpid()}-"))
        (_profile_dir / "fonts.conf").write_text(_fonts_conf(), encoding="utf-8")
    return _profile_dir


def docx_to_pdf(docx_path: str | Path, out_dir: str | Path | None = None, *, timeout: int = 180) -> Path:
    """Convert a .docx to PDF with LibreOffice; returns the PDF's path (same name, .pdf)."""
    binary = soffice_binary()
    if binary is None:
        raise PdfUnavailable(INSTALL_HINT)
    docx_path = Path(docx_path).resolve()
    out = Path(out_dir).resolve() if out_dir else docx_path.parent
    out.mkdir(parents=True, exist_ok=True)
    with _lock:
        profile = _profile()
        env = dict(os.environ, FONTCONFIG_FILE=str(profile / "fonts.conf"), HOME=str(profile))
        command = [
            binary,
            f"-env:UserInstallation={(profile / 'user').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            str(docx_path),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PdfConversionFailed(
                f"LibreOffice 转换 PDF 超时（{timeout}秒）：{docx_path.name}"
            ) from error
    pdf = out / (docx_path.stem + ".pdf")
    if result.returncode != 0 or not pdf.exists():
        detail = (result.stderr or result.stdout).strip()[-400:]
        raise PdfConversionFailed(f"LibreOffice 未能把 {docx_path.name} 转换为 PDF：{detail}")
    return pdf


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (through the .docx)."""
    from jixiao.formats.docx_writer import write_docx

    if soffice_binary() is None:
        raise PdfUnavailable(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as work:
        docx = write_docx(report, Path(work) / "report.docx")
        return docx_to_pdf(docx, work).read_bytes()


def write_pdf(report: Report, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf(report))
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m jixiao.formats.pdf REPORT.docx [OUTDIR]``: convert with the font stand-ins."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("用法：python -m jixiao.formats.pdf 报告.docx [输出目录]", file=sys.stderr)
        return 2
    try:
        print(docx_to_pdf(args[0], args[1] if len(args) > 1 else None))
    except DomainError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
