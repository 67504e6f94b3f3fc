"""`jixiao goals check FILE` prints findings with row numbers; exit 0 clean, 1 not, 2 unreadable."""

import subprocess
import sys
from pathlib import Path

from jixiao.cli import main
from tests.formats.test_goal_table import INDICATORS, build_goal_workbook

DEMO_GOAL = (
    Path(__file__).resolve().parents[2] / "jixiao" / "data" / "demo" / "changning-kexie-2023-goal.yaml"
)


def test_a_clean_goal_table_exits_0(tmp_path, capsys):
    path = tmp_path / "clean.xlsx"
    build_goal_workbook(path)
    assert main(["goals", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "部门：常宁市科学技术协会" in out
    assert "部门预算：2,084,049.00元" in out
    assert "未发现问题" in out


def test_a_vague_target_in_an_xlsx_is_refused_naming_the_indicator_and_row(tmp_path, capsys):
    vague = [
        *INDICATORS[:6],
        (
            "满意度指标",
            "服务对象满意度指标",
            "公众满意度",
            "定量",
            "有效提高",
            "",
            "问卷调查",
            "达到得满分",
            "科普益民宣传",
        ),
    ]
    path = tmp_path / "vague.xlsx"
    rows = build_goal_workbook(path, indicators=vague)
    assert main(["goals", "check", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "有效提高" in line)
    assert line.strip().startswith(f"第{rows['公众满意度']}行")
    assert "错误" in line
    assert "三级指标“公众满意度”" in line
    assert "结论：有错误，不可提交。" in out


def test_every_finding_is_printed_in_row_order(tmp_path, capsys):
    broken = [
        ("产出指标", "数量指标", "下乡科普场次", "定量", "稳步推进", "次", "x", "x", "科普益民宣传"),
        *INDICATORS[1:3],
        ("产出指标", "时效指标", "资金在年底前支付完成率", "定量", "≥九成", "%", "x", "x", "科普益民宣传"),
        *INDICATORS[4:],
    ]
    path = tmp_path / "broken.xlsx"
    rows = build_goal_workbook(path, indicators=broken, task_total="2000000.00")
    assert main(["goals", "check", str(path)]) == 1
    lines = [line.strip() for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert [line.split("　")[0] for line in lines] == [
        f"第{rows['下乡科普场次']}行",
        f"第{rows['资金在年底前支付完成率']}行",
        "全表",
    ]
    assert "发现" not in lines[0]


def test_the_budget_can_be_given_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "clean.xlsx"
    build_goal_workbook(path)
    assert main(["goals", "check", str(path), "--budget", "2084050.00"]) == 1
    out = capsys.readouterr().out
    assert "与部门预算2,084,050.00元不一致（少1.00元）" in out
    assert "取自命令行 --budget" in out


def test_notices_alone_do_not_fail_the_check(tmp_path, capsys):
    no_explanation = [(*INDICATORS[0][:6], "", *INDICATORS[0][7:]), *INDICATORS[1:]]
    path = tmp_path / "notice.xlsx"
    build_goal_workbook(path, indicators=no_explanation)
    assert main(["goals", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "提示　三级指标“下乡科普场次”未填写指标解释" in out


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a workbook")
    assert main(["goals", "check", str(path)]) == 2
    assert "无法读取目标表" in capsys.readouterr().err
    assert main(["goals", "check", str(tmp_path / "missing.xlsx")]) == 2


def test_a_bad_budget_argument_exits_2(tmp_path, capsys):
    path = tmp_path / "clean.xlsx"
    build_goal_workbook(path)
    assert main(["goals", "check", str(path), "--budget", "很多"]) == 2


def test_the_demo_goal_yaml_checks_clean(capsys):
    assert main(["goals", "check", str(DEMO_GOAL)]) == 0
    out = capsys.readouterr().out
    assert "常宁市科学技术协会（演示数据）" in out
    assert "三级指标31个，年度主要任务6项" in out


def test_the_console_script_runs_the_check_in_a_subprocess(tmp_path):
    vague = [
        *INDICATORS[:6],
        ("满意度指标", "服务对象满意度指标", "公众满意度", "定量", "有效提高", "", "x", "x", "科普益民宣传"),
    ]
    path = tmp_path / "vague.xlsx"
    build_goal_workbook(path, indicators=vague)
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "goals", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 1
    assert "公众满意度" in result.stdout and "有效提高" in result.stdout
