"""专项 立项 / 不予立项 / 完成验收 now run on the approval mechanism (workflow special_project).
Nothing about a project changes (its stage stays on budgets.Project); the decisions already
taken get the history the mechanism would have written (ApprovalStep rows), read from the
file's own decision columns, so old and new projects show one kind of history."""

import datetime as dt

from django.db import migrations


def _at(day):
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)


def history_of_existing_decisions(apps, schema_editor):
    Special = apps.get_model("projects", "SpecialProject")
    Step = apps.get_model("core", "ApprovalStep")
    User = apps.get_model("orgs", "User")
    roles = dict(User.objects.values_list("pk", "role"))
    steps = []
    for s in Special.objects.select_related("project").order_by("pk"):

        def step(action, label, source, target, actor_id, day, comment="", doc_no="", s=s):
            steps.append(
                Step(
                    workflow="special_project",
                    object_id=s.pk,
                    department_id=s.project.department_id,
                    action=action,
                    action_label=label,
                    from_state=source,
                    to_state=target,
                    actor_id=actor_id,
                    actor_role=roles.get(actor_id, ""),
                    at=_at(day),
                    comment=comment,
                    doc_no=doc_no,
                )
            )

        if s.decided_by_id and s.decided_on:
            if s.project.stage == "rejected":
                source = "reviewed" if s.review_conclusion else "applied"
                step(
                    "reject",
                    "不予立项",
                    source,
                    "rejected",
                    s.decided_by_id,
                    s.decided_on,
                    s.rejection_reason,
                )
            else:
                step(
                    "approve",
                    "批准立项",
                    "reviewed",
                    "approved",
                    s.decided_by_id,
                    s.decided_on,
                    "",
                    s.approval_doc_no,
                )
        if s.accepted_by_id and s.accepted_on:
            step(
                "accept",
                "完成验收",
                "inspecting",
                "completed",
                s.accepted_by_id,
                s.accepted_on,
                s.acceptance_opinion,
            )
    Step.objects.bulk_create(steps, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("core", "0004_append_only_and_form_tokens"),
        ("orgs", "0003_admin_role_profile_details"),
    ]

    operations = [migrations.RunPython(history_of_existing_decisions, migrations.RunPython.noop)]
