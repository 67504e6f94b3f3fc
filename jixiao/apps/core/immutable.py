"""Posted records are never edited or deleted: they are reversed by a new row.

ImmutableModel refuses a second save and any delete, on the instance and on querysets,
so neither the UI, the admin nor code can change a posted row.
"""

from __future__ import annotations

from django.db import models

from jixiao.domain.errors import DomainError


class PostedRecordImmutable(DomainError):
    code = "posted_record_immutable"


IMMUTABLE_MESSAGE = "已记账的记录不能修改或删除，如需更正请做红字冲销。"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PostedRecordImmutable(IMMUTABLE_MESSAGE)

    def delete(self):
        raise PostedRecordImmutable(IMMUTABLE_MESSAGE)

    def bulk_update(self, objs, fields, batch_size=None):
        raise PostedRecordImmutable(IMMUTABLE_MESSAGE)


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PostedRecordImmutable(IMMUTABLE_MESSAGE)
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PostedRecordImmutable(IMMUTABLE_MESSAGE)
