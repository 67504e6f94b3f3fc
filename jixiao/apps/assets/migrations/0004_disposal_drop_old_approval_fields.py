"""The approver fields of 资产处置 now live in its approval history (0003 copied them)."""

import datetime as dt

from django.db import migrations, models

OLD_FIELDS = ("head_approved_by", "bureau_approved_by", "bureau_approved_on", "completed_by", "closed_by")
A_LONG_TIME_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Migration(migrations.Migration):
    dependencies = [("assets", "0003_disposal_on_approval_mechanism")]

    operations = [
        *(migrations.RemoveField(model_name="disposal", name=name) for name in OLD_FIELDS),
        migrations.AlterField(
            model_name="disposal",
            name="created_at",
            field=models.DateTimeField(default=A_LONG_TIME_AGO, verbose_name="申请时间"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="disposal",
            name="updated_at",
            field=models.DateTimeField(default=A_LONG_TIME_AGO, verbose_name="最近办理时间"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="disposal",
            name="closed_reason",
            field=models.TextField(blank=True, verbose_name="驳回/撤回/取消原因"),
        ),
    ]
