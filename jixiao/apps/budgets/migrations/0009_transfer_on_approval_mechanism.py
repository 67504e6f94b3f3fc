"""调剂 moves onto the approval mechanism (issue 18): the old approver fields become the
transfer's approval history (core.ApprovalStep) and states keep their values. The fields the
mechanism no longer needs are removed in 0010 (a separate transaction on PostgreSQL)."""

import datetime as dt

from django.db import migrations, models

from jixiao.apps.core.approval import backfill_history

def _steps(transfer):
    reached, last = "draft", transfer.created_at
    went_through_submit = transfer.state not in ("draft", "withdrawn") or transfer.head_approved_by_id
    if transfer.submitted_at or went_through_submit:
        at = transfer.submitted_at or transfer.created_at
        yield {
            "action": "submit",
            "audit_action": "transfer_submit",
            "from_state": "draft",
            "to_state": "submitted",
            "actor_id": None,
            "at": at,
        }
        reached, last = "submitted", at
    if transfer.head_approved_by_id:
        at = transfer.head_approved_at or last
        yield {
            "action": "approve_head",
            "audit_action": "transfer_approve_head",
            "from_state": "submitted",
            "to_state": "head_approved",
            "actor_id": transfer.head_approved_by_id,
            "at": at,
        }
        reached, last = "head_approved", at
    if transfer.bureau_approved_by_id:
        at = transfer.bureau_approved_at or last
        yield {
            "action": "approve_bureau",
            "audit_action": "transfer_approve_bureau",
            "from_state": "head_approved",
            "to_state": "bureau_approved",
            "actor_id": transfer.bureau_approved_by_id,
            "at": at,
            "doc_no": transfer.doc_no,
        }
        reached, last = "bureau_approved", at
    if transfer.state == "executed":
        yield {
            "action": "execute",
            "audit_action": "transfer_execute",
            "from_state": reached,
            "to_state": "executed",
            "actor_id": transfer.executed_by_id,
            "at": transfer.executed_at or last,
        }
    elif transfer.state in ("rejected", "withdrawn"):
        action = "reject" if transfer.state == "rejected" else "withdraw"
        yield {
            "action": action,
            "audit_action": f"transfer_{action}",
            "from_state": reached,
            "to_state": transfer.state,
            "actor_id": transfer.closed_by_id,
            "at": last,
            "comment": transfer.closed_reason,
        }


def forward(apps, schema_editor):
    transfer_model = apps.get_model("budgets", "TransferRequest")
    transfers = list(transfer_model.objects.order_by("pk"))
    backfill_history(
        apps, workflow="transfer", target_type="budgets.TransferRequest", records=transfers, steps_of=_steps
    )
    step_model = apps.get_model("core", "ApprovalStep")
    for transfer in transfers:
        last = step_model.objects.filter(workflow="transfer", object_id=transfer.pk).order_by("-at").first()
        transfer.updated_at = last.at if last else transfer.created_at
        transfer.save(update_fields=["updated_at"])


def backward(apps, schema_editor):
    transfer_model = apps.get_model("budgets", "TransferRequest")
    step_model = apps.get_model("core", "ApprovalStep")
    fields = {
        "submit": ("submitted_at", None),
        "approve_head": ("head_approved_at", "head_approved_by_id"),
        "approve_bureau": ("bureau_approved_at", "bureau_approved_by_id"),
        "execute": ("executed_at", "executed_by_id"),
        "reject": (None, "closed_by_id"),
        "withdraw": (None, "closed_by_id"),
    }
    for transfer in transfer_model.objects.all():
        for step in step_model.objects.filter(workflow="transfer", object_id=transfer.pk):
            at_field, by_field = fields.get(step.action, (None, None))
            if at_field:
                setattr(transfer, at_field, step.at)
            if by_field:
                setattr(transfer, by_field, step.actor_id)
        transfer.save()
    # The approval steps stay: they are append-only history.


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0008_append_only_triggers"),
        ("core", "0004_append_only_and_form_tokens"),
        ("orgs", "0003_admin_role_profile_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="transferrequest",
            name="updated_at",
            field=models.DateTimeField(null=True, verbose_name="最近办理时间"),
        ),
        migrations.RunPython(forward, backward),
    ]
