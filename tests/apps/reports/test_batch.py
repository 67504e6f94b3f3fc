"""Batch report generation: ``jixiao report --bureau … --all``; one failed department stays alone."""

from __future__ import annotations

import pytest

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import FinanceBureau, Province
from jixiao.apps.reports.batch import batch_run_item, batch_start, bureau_scope, report_file_name
from jixiao.apps.reports.models import BatchState, ReportBatch, ReportBatchItem
from jixiao.apps.reports.services import check_report_text
from jixiao.cli import build_parser, main
from tests.factories import DepartmentFactory, ProfileFactory, make_line

pytestmark = pytest.mark.django_db

KX = "2023年度常宁市科学技术协会整体支出绩效评价报告"
WL = "2023年度常宁市文化旅游广电体育局整体支出绩效评价报告"


@pytest.fixture
def broken(bureau):
    """A department whose stored data makes generation raise: its 2023 profile holds 内设机构 as
    one string (as an old import wrote it) instead of a list of units. Its code sorts first, so
    the others are generated after it failed."""
    department = DepartmentFactory(bureau=bureau, code="430482-A0", name="常宁市档案馆")
    ProfileFactory(department=department, year=2023, internal_units="办公室、档案股")
    return department


@pytest.fixture
def two_ledgers(ledger, other_department, other_officer):
    make_line(actor=other_officer, department=other_department, amount="500000.00")
    return ledger, other_department


def _batch(*extra: str, out) -> int:
    return main(
        ["report", "--bureau", "常宁市财政局", "--year", "2023", "--all", "--out-dir", str(out), *extra]
    )


def test_bureau_batch_writes_one_file_per_department_and_a_failed_one_stops_nothing(
    two_ledgers, broken, tmp_path, capsys
):
    assert _batch("--format", "txt", "--inline", out=tmp_path) == 1  # 1: some departments failed
    out = capsys.readouterr().out
    assert {p.name for p in tmp_path.iterdir()} == {f"{KX}.txt", f"{WL}.txt"}
    assert "完成：已生成2份" in out and "失败1个单位" in out
    assert "失败：常宁市档案馆：生成时出错（AttributeError）" in out
    # not a terminal: a plain line per step, done / failed / remaining
    assert "1/3  已生成 0 · 失败 1 · 剩余 2" in out
    assert "3/3  已生成 2 · 失败 1 · 剩余 0" in out

    items = {item.department.name: item for item in ReportBatchItem.objects.select_related("department")}
    assert items["常宁市档案馆"].state == BatchState.FAILED and not items["常宁市档案馆"].file_path
    kx = items["常宁市科学技术协会"]
    assert kx.state == BatchState.DONE and kx.file_path == str(tmp_path / f"{KX}.txt")
    # the checker ran on the report and its findings are stored with the item
    findings = check_report_text((tmp_path / f"{KX}.txt").read_text(encoding="utf-8"))
    assert kx.findings == [{"severity": f.severity, "message": f.message} for f in findings]
    assert (kx.errors, kx.warnings) == (0, len(findings))
    assert kx.draft_items  # a report nobody has reviewed yet is a 草稿, and says what it lacks
    audits = AuditEvent.objects.filter(action="report_batch_item").order_by("pk")
    assert [(a.department.name, a.after["state"]) for a in audits] == [
        ("常宁市档案馆", "failed"),
        ("常宁市科学技术协会", "done"),
        ("常宁市文化旅游广电体育局", "done"),
    ]


def test_batch_through_the_task_queue_writes_docx_files(two_ledgers, tmp_path, capsys):
    # the test settings' task backend runs each task when it is enqueued
    assert _batch(out=tmp_path) == 0
    assert "完成：已生成2份" in capsys.readouterr().out
    assert {p.name for p in tmp_path.iterdir()} == {f"{KX}.docx", f"{WL}.docx"}
    assert all(p.read_bytes()[:2] == b"PK" for p in tmp_path.iterdir())
    assert all(item.task_id for item in ReportBatchItem.objects.all())
    batch = ReportBatch.objects.get()
    assert (batch.scope, batch.bureau.name, batch.created_by) == ("常宁市财政局", "常宁市财政局", None)
    assert AuditEvent.objects.filter(action="report_batch_start", target_id=str(batch.pk)).count() == 1


def test_a_department_whose_report_the_checker_refuses_fails_with_the_findings(
    two_ledgers, tmp_path, monkeypatch
):
    from jixiao.apps.reports.services import CheckFinding

    real = check_report_text

    def refuse_kx(text):
        found = real(text)
        if "常宁市科学技术协会" in text.splitlines()[0]:
            found.append(CheckFinding("错误", "合计数与分项之和不符", True))
        return found

    monkeypatch.setattr("jixiao.apps.reports.services.check_report_text", refuse_kx)
    assert _batch("--format", "txt", "--inline", out=tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"{WL}.txt"]  # nothing written for the refused one
    kx = ReportBatchItem.objects.get(department=two_ledgers[0])
    assert kx.state == BatchState.FAILED and kx.errors == 1
    assert kx.message == "报告检查发现1个错误，未生成文件，请修改后重新生成。"
    assert {"severity": "错误", "message": "合计数与分项之和不符"} in kx.findings


def test_an_item_is_generated_once_even_if_handed_out_twice(ledger, tmp_path):
    scope = bureau_scope("CZJ-CN")
    batch = batch_start(
        actor=None, departments=scope.departments, year=2023, scope=scope.label, fmt="txt",
        out_dir=tmp_path, enqueue=False,
    )  # fmt: skip
    item = batch.items.get()
    assert batch_run_item(item.pk) == BatchState.DONE
    assert batch_run_item(item.pk) == "skipped"
    assert AuditEvent.objects.filter(action="report_batch_item", target_id=str(item.pk)).count() == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--bureau", "常宁市财政局", "--out-dir", "D"], "须加 --all"),
        (["--bureau", "常宁市财政局", "--all"], "须指定输出目录 --out-dir"),
        (["--bureau", "常宁市财政局", "--all", "--out", "F.docx"], "--out 只用于单份报告"),
        (["--department", "常宁市科学技术协会", "--out-dir", "D"], "--out-dir 只用于批量生成"),
        (["--department", "常宁市科学技术协会", "--all", "--out", "F"], "--all 只用于批量生成"),
        (["--department", "常宁市科学技术协会"], "单份报告须指定输出文件 --out"),
        (["--bureau", "常宁市财政局", "--all", "--out-dir", "D", "--no-check"], "不能用 --no-check"),
        (["--out", "F"], "请指定 --department"),
        (["--bureau", "不存在的财政局", "--all", "--out-dir", "D"], "没有找到财政局“不存在的财政局”"),
    ],
)
def test_options_that_cannot_run_together_are_refused_in_chinese(department, argv, message, capsys):
    assert main(["report", "--year", "2023", *argv]) == 2
    assert message in capsys.readouterr().out
    assert not ReportBatch.objects.exists()


def test_department_and_bureau_cannot_both_be_given(department, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--year", "2023", "--department", "X", "--bureau", "Y", "--all", "--out-dir", "D"])
    assert exit_.value.code == 2
    assert "--bureau" in capsys.readouterr().err


def test_a_bureau_without_departments_is_refused_and_nothing_recorded(tmp_path, capsys):
    FinanceBureau.objects.create(code="CZJ-EMPTY", name="空财政局")
    assert (
        main(["report", "--bureau", "CZJ-EMPTY", "--year", "2023", "--all", "--out-dir", str(tmp_path)]) == 2
    )
    assert "空财政局没有任何预算单位" in capsys.readouterr().out
    assert (
        not ReportBatch.objects.exists()
        and not AuditEvent.objects.filter(action="report_batch_start").exists()
    )


def test_province_batch_generates_every_department_of_every_bureau_under_it(
    two_ledgers, bureau, tmp_path, capsys
):
    other_bureau = FinanceBureau.objects.create(code="430400", name="某某市财政局")
    outside = DepartmentFactory(bureau=other_bureau, code="430400-001", name="某某市妇女联合会")
    province = Province.objects.create(code="430000", name="湖南省财政厅")
    bureau.province = province
    bureau.save(update_fields=["province"])
    args = ["report", "--province", "湖南省财政厅", "--year", "2023", "--all", "--format", "txt", "--inline"]
    assert main([*args, "--out-dir", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {f"{KX}.txt", f"{WL}.txt"}  # not the bureau outside
    batch = ReportBatch.objects.get()
    assert batch.bureau_id is None and outside.pk not in {i.department_id for i in batch.items.all()}
    assert "完成：已生成2份" in capsys.readouterr().out
    # by code too; an unknown province starts nothing
    assert main([*args, "--province", "999999", "--out-dir", str(tmp_path / "x")]) == 2
    assert "没有找到省（市）级财政部门“999999”" in capsys.readouterr().out


def test_help_states_the_exit_codes_of_a_batch():
    help_text = build_parser()._subparsers._group_actions[0].choices["report"].format_help()
    assert "0 全部单位已生成；1 部分单位失败" in help_text
    assert "2 未开始" in help_text


def test_file_names_keep_to_safe_characters_and_label_demo_data(bureau):
    odd = DepartmentFactory.build(bureau=bureau, code="X1", name='某局/办公室:"二"*', is_demo=False)
    assert (
        report_file_name(department=odd, year=2023, fmt="docx")
        == "2023年度某局_办公室_二_整体支出绩效评价报告.docx"
    )
    demo = DepartmentFactory.build(bureau=bureau, code="X2", name="演示单位", is_demo=True)
    assert (
        report_file_name(department=demo, year=2023, fmt="txt")
        == "2023年度演示单位整体支出绩效评价报告（演示数据）.txt"
    )


def test_a_worker_start_fails_the_items_a_killed_worker_left_running(ledger, other_department, tmp_path):
    from jixiao.apps.reports.batch import INTERRUPTED, batch_progress, fail_interrupted_items

    scope = bureau_scope("CZJ-CN")
    batch = batch_start(
        actor=None, departments=scope.departments, year=2023, scope=scope.label, fmt="txt",
        out_dir=tmp_path, enqueue=False,
    )  # fmt: skip
    queued, inline = batch.items.order_by("department__code")
    ReportBatchItem.objects.filter(pk=queued.pk).update(state=BatchState.RUNNING, task_id="t-1")
    ReportBatchItem.objects.filter(pk=inline.pk).update(state=BatchState.RUNNING)  # a --inline run
    assert fail_interrupted_items() == 1
    queued.refresh_from_db()
    inline.refresh_from_db()
    assert (queued.state, queued.message) == (BatchState.FAILED, INTERRUPTED)
    assert inline.state == BatchState.RUNNING
    progress = batch_progress(batch)
    assert (progress.done, progress.failed, progress.remaining, progress.finished) == (0, 1, 1, False)
