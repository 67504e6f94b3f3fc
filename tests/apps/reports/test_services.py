"""Report drafts: versions on every edit, the diff between versions, export gated by the checker."""

from __future__ import annotations

import importlib.util
from decimal import Decimal as D

import pytest

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.reports import services
from jixiao.apps.reports.models import DraftVersion

pytestmark = pytest.mark.django_db

HAS_CHECKER = importlib.util.find_spec("jixiao.domain.checker") is not None


def test_generate_creates_version_one_prefilled_from_data_and_is_audited(ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    version = draft.latest
    assert version.number == 1
    assert (
        "下设2个股室。本单位年末实有在编人数14人，比上年减少1人，退休4人。" in version.narratives["overview"]
    )
    assert AuditEvent.objects.filter(action="report_generate", target_id=str(draft.pk)).count() == 1
    # Generating again returns the same draft and adds no version.
    assert services.report_generate(actor=officer, department=ledger, year=2023).pk == draft.pk
    assert DraftVersion.objects.filter(draft=draft).count() == 1


def test_editing_a_paragraph_creates_a_new_version_and_the_diff_shows_the_change(ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    before = draft.latest
    new_text = "本单位资产由办公室统一管理，建立资产台账，每年盘点一次。"
    after = services.report_edit_paragraph(actor=officer, draft=draft, key="assets_management", text=new_text)
    assert (before.number, after.number) == (1, 2)
    before.refresh_from_db()
    assert before.narratives["assets_management"] != new_text  # the earlier version is unchanged
    diffs = services.version_diff(before, after)
    assert [d.key for d in diffs] == ["assets_management"]
    assert ("+", "本单位资产由办公室统一管理，建立资产台账，每年盘点一次。") in diffs[0].lines
    assert any(op == "-" for op, _ in diffs[0].lines)
    report = services.build_report(department=ledger, year=2023)
    assert new_text in "".join(b.text for _, b in report.walk() if hasattr(b, "runs"))
    event = AuditEvent.objects.get(action="report_edit_paragraph")
    assert event.after["version"] == 2 and event.actor == officer


def test_saving_an_unchanged_paragraph_is_refused_and_adds_no_version(ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    text = draft.latest.narratives["overview"]
    with pytest.raises(services.ReportRefused, match="未作修改"):
        services.report_edit_paragraph(actor=officer, draft=draft, key="overview", text=text)
    assert draft.versions.count() == 1


def test_confirmed_problem_wording_reaches_the_report(ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    problems = draft.latest.problems
    assert problems, "the personnel budget shortfall or other evidence should give at least one problem"
    edited = [dict(problems[0], text="人员经费年初预算安排不足（经财务股复核）。"), *problems[1:]]
    version = services.report_confirm_problems(actor=officer, draft=draft, problems=edited)
    assert version.confirmed and version.number == 2
    from jixiao.formats.txt_writer import render_txt

    text = render_txt(services.build_report(department=ledger, year=2023))
    assert "1.人员经费年初预算安排不足（经财务股复核）。" in text


@pytest.mark.skipif(not HAS_CHECKER, reason="报告检查器尚未合并")
def test_export_is_refused_with_the_findings_when_the_checker_finds_an_error(ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    services.report_edit_paragraph(
        actor=officer,
        draft=draft,
        key="overview",
        text="本部门年初预算支出208.4万元，比上年增加24.01万元，增长50.0%。",
    )
    with pytest.raises(services.ExportRefused) as refused:
        services.export_bytes(department=ledger, year=2023, fmt="txt", actor=officer)
    assert "已拒绝导出" in refused.value.message
    assert refused.value.details["findings"]
    assert not AuditEvent.objects.filter(action="report_export").exists()


def test_export_of_a_clean_draft_writes_a_docx_and_an_audit_event(ledger, officer):
    services.report_generate(actor=officer, department=ledger, year=2023)
    data = services.export_bytes(department=ledger, year=2023, fmt="docx", actor=officer)
    assert data[:2] == b"PK"
    assert AuditEvent.objects.filter(action="report_export").get().after["format"] == "docx"


def test_judgements_with_evidence_change_the_score_and_a_judgement_without_evidence_is_refused(
    ledger, officer
):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    before = services.build_report(department=ledger, year=2023).metadata.version
    with pytest.raises(services.DomainError, match="评分依据"):
        services.report_judge(
            actor=officer,
            draft=draft,
            checklist=[],
            manual=[{"row_key": "disclosure", "score": "2", "evidence": " "}],
        )
    assert draft.versions.count() == 1
    version = services.report_judge(
        actor=officer,
        draft=draft,
        checklist=[
            {
                "row_key": "asset_rules",
                "item_key": "exists",
                "met": True,
                "evidence": "制定了《固定资产管理办法》",
            },
            {"row_key": "asset_rules", "item_key": "ledger", "met": False, "evidence": "台账未更新"},
        ],
        manual=[{"row_key": "disclosure", "score": "1.5", "evidence": "预算公开超过20日"}],
    )
    assert version.number == before + 1
    from jixiao.apps.reports.selectors import report_inputs

    sheet = report_inputs(department=ledger, year=2023, judgements=version.judgements).score
    assert sheet.row("asset_rules").score == 1
    assert sheet.row("disclosure").score == D("1.5") and "预算公开超过20日" in sheet.row("disclosure").reason
