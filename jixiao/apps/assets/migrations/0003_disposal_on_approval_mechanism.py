"""资产处置 moves onto the approval mechanism (issue 18): 申请人 becomes created_by, the old
approver fields become the disposal's approval history (core.ApprovalStep), and the states
are renamed to the workflow's (bureau_approved → bureau_filed, completed → disposed). The
fields the mechanism no longer needs are removed in 0004 (a separate transaction)."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

from jixiao.apps.core.approval import backfill_history

STATES = {"bureau_approved": "bureau_filed", "completed": "disposed"}


def _on(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))) if day else None


def _steps(disposal):
    requested = _on(disposal.requested_on)
    yield {
        "action": "submit",
        "audit_action": "disposal_request",
        "from_state": "draft",
        "to_state": "submitted",
        "actor_id": disposal.created_by_id,
        "at": requested,
    }
    reached, last = "submitted", requested
    if disposal.head_approved_by_id:
        last = _on(disposal.head_approved_on) or last
        yield {
            "action": "approve_head",
            "audit_action": "disposal_approve_head",
            "from_state": "submitted",
            "to_state": "head_approved",
            "actor_id": disposal.head_approved_by_id,
            "at": last,
        }
        reached = "head_approved"
    if disposal.bureau_approved_by_id:
        last = _on(disposal.bureau_approved_on) or last
        yield {
            "action": "file_bureau",
            "audit_action": "disposal_approve_bureau",
            "from_state": "head_approved",
            "to_state": "bureau_filed",
            "actor_id": disposal.bureau_approved_by_id,
            "at": last,
            "doc_no": disposal.bureau_doc_no,
        }
        reached = "bureau_filed"
    if disposal.state == "disposed":
        yield {
            "action": "dispose",
            "audit_action": "disposal_complete",
            "from_state": reached,
            "to_state": "disposed",
            "actor_id": disposal.completed_by_id,
            "at": _on(disposal.completed_on) or last,
        }
    elif disposal.state == "rejected":
        yield {
            "action": "reject",
            "audit_action": "disposal_reject",
            "from_state": reached,
            "to_state": "rejected",
            "actor_id": disposal.closed_by_id,
            "at": last,
            "comment": disposal.closed_reason,
        }


def forward(apps, schema_editor):
    disposal_model = apps.get_model("assets", "Disposal")
    event_model = apps.get_model("core", "AuditEvent")
    step_model = apps.get_model("core", "ApprovalStep")
    disposals = list(disposal_model.objects.order_by("pk"))
    for disposal in disposals:
        disposal.state = STATES.get(disposal.state, disposal.state)
        disposal.bureau_filed_on = disposal.bureau_approved_on
        created = (
            event_model.objects.filter(
                target_type="assets.Disposal", target_id=str(disposal.pk), action="disposal_request"
            )
            .order_by("at")
            .first()
        )
        disposal.created_at = created.at if created else _on(disposal.requested_on)
    backfill_history(
        apps, workflow="disposal", target_type="assets.Disposal", records=disposals, steps_of=_steps
    )
    for disposal in disposals:
        last = step_model.objects.filter(workflow="disposal", object_id=disposal.pk).order_by("-at").first()
        disposal.updated_at = last.at if last else disposal.created_at
        disposal.save(update_fields=["state", "bureau_filed_on", "created_at", "updated_at"])


def backward(apps, schema_editor):
    disposal_model = apps.get_model("assets", "Disposal")
    step_model = apps.get_model("core", "ApprovalStep")
    old = {new: old for old, new in STATES.items()}
    by = {
        "approve_head": "head_approved_by_id",
        "file_bureau": "bureau_approved_by_id",
        "dispose": "completed_by_id",
        "reject": "closed_by_id",
    }
    for disposal in disposal_model.objects.all():
        for step in step_model.objects.filter(workflow="disposal", object_id=disposal.pk):
            if step.action in by:
                setattr(disposal, by[step.action], step.actor_id)
        disposal.state = old.get(disposal.state, disposal.state)
        disposal.bureau_approved_on = disposal.bureau_filed_on
        disposal.save()


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0002_append_only_triggers"),
        ("core", "0004_append_only_and_form_tokens"),
        ("orgs", "0003_admin_role_profile_details"),
    ]

    operations = [
        migrations.RenameField(model_name="disposal", old_name="requested_by", new_name="created_by"),
        migrations.AddField(
            model_name="disposal", name="created_at", field=models.DateTimeField(null=True, verbose_name="申请时间")
        ),
        migrations.AddField(
            model_name="disposal",
            name="updated_at",
            field=models.DateTimeField(null=True, verbose_name="最近办理时间"),
        ),
        migrations.AddField(
            model_name="disposal",
            name="bureau_filed_on",
            field=models.DateField(blank=True, null=True, verbose_name="财政局批复日期"),
        ),
        migrations.AlterField(
            model_name="disposal",
            name="state",
            field=models.CharField(default="draft", max_length=20, verbose_name="状态"),
        ),
        migrations.RunPython(forward, backward),
    ]
