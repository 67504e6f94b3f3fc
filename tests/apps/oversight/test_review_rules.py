"""The pure review rules (jixiao.domain.review): transitions, who may act, stable paragraph ids.
No database."""

from __future__ import annotations

import json

import pytest

from jixiao.domain.approval import Actor
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.review import report_snapshot, review_status, review_workflow, text_paragraphs
from tests.apps.oversight.sample import review_report

WORKFLOW = review_workflow()


def actor(role, *, own=False, department=False, bureau=False):
    return Actor(role=role, is_creator=own, same_department=department, same_bureau=bureau)


OFFICER = actor("finance_officer", department=True, bureau=False)
OTHER_OFFICER = actor("finance_officer")
STAFF = actor("bureau_staff", bureau=True)
OTHER_BUREAU = actor("bureau_staff")
AUDITOR = actor("auditor", bureau=True)


def test_the_workflow_goes_submitted_then_returned_or_accepted_then_published():
    assert WORKFLOW.advance("draft", "submit", actor=OFFICER).to_state == "submitted"
    assert WORKFLOW.advance("submitted", "return", actor=STAFF, reason="请补充").to_state == "returned"
    assert WORKFLOW.advance("submitted", "accept", actor=STAFF).to_state == "accepted"
    assert WORKFLOW.advance("accepted", "publish", actor=STAFF).to_state == "published"
    assert WORKFLOW.advance("published", "supersede", actor=STAFF).to_state == "superseded"
    assert WORKFLOW.advance("returned", "supersede", actor=OFFICER).to_state == "superseded"


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        ("submitted", "publish", "当前为“已提交财政局审核”，不能公开发布"),
        ("returned", "accept", "当前为“已退回修改”，不能审核通过"),
        ("published", "return", "当前为“已发布”，不能退回修改"),
        ("superseded", "publish", "已被新版本替代，不能再公开发布"),
    ],
)
def test_a_step_out_of_order_is_refused_and_names_the_state(state, action, message):
    with pytest.raises(TransitionNotAllowed, match=message):
        WORKFLOW.advance(state, action, actor=STAFF, reason="理由")


def test_a_return_needs_a_reason_the_department_will_read():
    with pytest.raises(TransitionNotAllowed, match="退回修改必须填写原因"):
        WORKFLOW.advance("submitted", "return", actor=STAFF, reason="  ")


def test_only_the_departments_own_users_submit_and_only_bureau_staff_review():
    with pytest.raises(PermissionRefused, match="只有本单位"):
        WORKFLOW.advance("draft", "submit", actor=OTHER_OFFICER)
    with pytest.raises(PermissionRefused, match="只有主管财政局财政局工作人员可以审核通过"):
        WORKFLOW.advance("submitted", "accept", actor=OFFICER)
    with pytest.raises(PermissionRefused, match="只能查看"):
        WORKFLOW.advance("submitted", "accept", actor=AUDITOR)
    with pytest.raises(PermissionRefused):
        WORKFLOW.advance("submitted", "accept", actor=OTHER_BUREAU)
    with pytest.raises(PermissionRefused):
        WORKFLOW.advance("submitted", "supersede", actor=OFFICER)  # only a returned version


def test_no_one_reviews_their_own_upload():
    uploader = actor("bureau_staff", own=True, bureau=True)
    assert WORKFLOW.advance("draft", "upload", actor=uploader).to_state == "submitted"
    for action in ("return", "accept"):
        with pytest.raises(PermissionRefused, match="自己提交的评价报告"):
            WORKFLOW.advance("submitted", action, actor=uploader, reason="理由")
    with pytest.raises(PermissionRefused, match="不能公开发布自己提交的评价报告"):
        WORKFLOW.advance("accepted", "publish", actor=uploader)


@pytest.mark.parametrize(
    ("state", "text"),
    [
        ("draft", "第3版编辑中，尚未提交财政局"),
        ("submitted", "已提交财政局审核（第3版），等待财政局审核"),
        ("returned", "已退回（第3版）：请补充第五部分"),
        ("published", "已发布（第3版）"),
    ],
)
def test_the_status_sentence_names_the_version_and_the_reason(state, text):
    assert review_status(state, 3, reason="请补充第五部分") == text


def test_paragraph_ids_follow_the_position_and_the_snapshot_is_json():
    snapshot = report_snapshot(review_report())
    paragraphs = snapshot["paragraphs"]
    assert [p["id"] for p in paragraphs[:3]] == ["h1", "p1.1", "h2"]
    by_id = {p["id"]: p for p in paragraphs}
    assert by_id["p2.1.1"]["text"].startswith("2023年，本部门年初预算支出208.4万元")
    assert by_id["p2.1.1"]["section"] == "1."
    assert json.loads(json.dumps(snapshot, ensure_ascii=False)) == snapshot
    assert report_snapshot(review_report())["paragraphs"] == paragraphs


def test_a_text_report_has_one_paragraph_per_non_empty_line():
    assert text_paragraphs("标题\n\n一、部门概况\n  正文。 \n") == [
        {"id": "p1", "kind": "paragraph", "section": "", "text": "标题"},
        {"id": "p2", "kind": "paragraph", "section": "", "text": "一、部门概况"},
        {"id": "p3", "kind": "paragraph", "section": "", "text": "正文。"},
    ]
