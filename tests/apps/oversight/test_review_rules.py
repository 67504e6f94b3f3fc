"""The pure review rules (jixiao.domain.review): transitions, who may act, stable paragraph ids.
No database."""

from __future__ import annotations

import json

import pytest

from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.review import Actor, check_may, next_state, report_snapshot, text_paragraphs
from tests.apps.oversight.sample import review_report

OFFICER = Actor(id=1, role="finance_officer", department_id=10, bureau_id=1)
STAFF = Actor(id=2, role="bureau_staff", bureau_id=1)
OTHER_BUREAU = Actor(id=3, role="bureau_staff", bureau_id=2)
AUDITOR = Actor(id=4, role="auditor", bureau_id=1)


def test_the_workflow_goes_submitted_then_returned_or_accepted_then_published():
    assert next_state("draft", "submit") == "submitted"
    assert next_state("submitted", "return") == "returned"
    assert next_state("submitted", "accept") == "accepted"
    assert next_state("accepted", "publish") == "published"
    assert next_state("published", "supersede") == "superseded"


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        ("submitted", "publish", "当前为“已提交待审核”，不能公开发布"),
        ("returned", "accept", "当前为“退回修改”，不能审核通过"),
        ("published", "return", "当前为“已公开”，不能退回修改"),
        ("superseded", "publish", "当前为“已被新版本替代”，不能公开发布"),
    ],
)
def test_a_step_out_of_order_is_refused_and_names_the_state(state, action, message):
    with pytest.raises(TransitionNotAllowed, match=message):
        next_state(state, action)


def test_only_the_departments_own_users_submit_and_only_bureau_staff_review():
    check_may(OFFICER, "submit", department_id=10, bureau_id=1)
    with pytest.raises(PermissionRefused, match="只有本单位"):
        check_may(OFFICER, "submit", department_id=11, bureau_id=1)
    with pytest.raises(PermissionRefused, match="只有财政局工作人员可以审核通过"):
        check_may(OFFICER, "accept", department_id=10, bureau_id=1, submitted_by_id=1)
    with pytest.raises(PermissionRefused, match="只能查看"):
        check_may(AUDITOR, "accept", department_id=10, bureau_id=1, submitted_by_id=1)
    with pytest.raises(PermissionRefused):
        check_may(OTHER_BUREAU, "accept", department_id=10, bureau_id=1, submitted_by_id=1)
    check_may(STAFF, "accept", department_id=10, bureau_id=1, submitted_by_id=1)


def test_no_one_reviews_their_own_upload():
    check_may(STAFF, "submit", department_id=10, bureau_id=1, uploaded=True)
    with pytest.raises(PermissionRefused, match="不能审核自己"):
        check_may(STAFF, "publish", department_id=10, bureau_id=1, submitted_by_id=STAFF.id)


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
