"""Audit recording. Call ``audit_record`` inside the service's transaction."""

from __future__ import annotations

from decimal import Decimal
from functools import wraps
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.domain.errors import DomainError


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    action_label: str,
    target,
    department=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        action_label=action_label,
        department=department,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
    )


def refusal_record(
    *, actor, action: str, error: DomainError, department=None, year: int | None = None
) -> None:
    """Keep a refused attempt on record. Call it after the refused transaction rolled back."""
    RefusalEvent.objects.create(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        department=department,
        year=year,
        action=action,
        error_code=error.code,
        message=error.message,
        details=_jsonable(error.details),
    )


def records_refusal(action: str, *, scope):
    """Decorate a service: run it in its own atomic block; when a business rule refuses it, roll
    back, keep the refused attempt on record (RefusalEvent) and re-raise.

    ``scope(kwargs) -> (department, year)`` tells where the attempt belongs; each app knows
    which of its objects carry the department.
    """

    def decorator(function):
        @wraps(function)
        def wrapper(*args, **kwargs):
            try:
                with transaction.atomic():
                    return function(*args, **kwargs)
            except DomainError as error:
                department, year = scope(kwargs)
                refusal_record(
                    actor=kwargs.get("actor"), action=action, error=error, department=department, year=year
                )
                raise

        return wrapper

    return decorator
