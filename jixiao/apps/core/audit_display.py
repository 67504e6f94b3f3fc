"""How the audit page shows a before/after snapshot (issue 18 item 12): Chinese labels and formatted
values instead of ``approved_amount`` / ``True`` / ``None``.

A key that is a field of the audited model (``AuditEvent.target_type`` names it) takes the
field's verbose_name, and the field decides the value: amounts in 元, 是/否, choices by their
label, dates written 2023年3月5日, a related object by its name. Keys that are not fields
(balances taken with a voucher, summaries a service writes) are described as data in
jixiao/data/audit/labels.yaml. Anything still unknown is shown as it is, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from jixiao.data import load_yaml
from jixiao.domain.approval import ROLE_LABELS, load_workflow
from jixiao.domain.money import yuan_fixed
from jixiao.domain.report.compose import NARRATIVE_LABELS
from jixiao.domain.report.movements import MOVEMENT_PREFIX

EMPTY = "—"
UNIT_SUFFIX = re.compile(r"（(元|万元)）$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
MONEY_DIGITS = (18, 2)  # every amount field in jixiao: max_digits 18, 2 decimals, in 元


@cache
def _data() -> dict:
    return load_yaml("audit/labels.yaml")


def _known(key: str) -> dict:
    return _data()["fields"].get(key) or {}


@cache
def _model(target_type: str):
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def model_field(target_type: str, key: str):
    model = _model(target_type)
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "concrete", False) else None


def field_label(target_type: str, key: str) -> str:
    """The Chinese name of a snapshot key: the model field's verbose_name (without a unit the
    value carries itself), else the data file's label, else the key."""
    field = model_field(target_type, key)
    if field is not None and not re.fullmatch(r"[a-z_ ]+", str(field.verbose_name)):
        return UNIT_SUFFIX.sub("", str(field.verbose_name))
    if key in NARRATIVE_LABELS:  # a report draft's paragraphs
        return f"段落“{NARRATIVE_LABELS[key]}”"
    if key.startswith(MOVEMENT_PREFIX):
        return _movement_label(key.removeprefix(MOVEMENT_PREFIX))
    return _known(key).get("label") or key


def _movement_label(name: str) -> str:
    words = _data().get("movements", {})
    part, _, what = name.partition("_")
    if part in words and what in words:
        return f"{words[part]}{words[what]}变动原因"
    return f"变动原因（{name}）"


def chinese_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def chinese_datetime(value: dt.datetime) -> str:
    return f"{chinese_date(value)} {value:%H:%M}"


def _money(value) -> str | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return f"{yuan_fixed(amount)}元"


def _date_text(value) -> str | None:
    if isinstance(value, dt.datetime):
        return chinese_datetime(value)
    if isinstance(value, dt.date):
        return chinese_date(value)
    text = str(value)
    if ISO_DATE.match(text):
        return chinese_date(dt.date.fromisoformat(text))
    if ISO_DATETIME.match(text):
        try:
            return chinese_datetime(dt.datetime.fromisoformat(text))
        except ValueError:
            return None
    return None


def _choices_of(path: str) -> dict:
    app_model, _, name = path.rpartition(".")
    model = _model(app_model)
    if model is None:
        return {}
    return {str(k): str(v) for k, v in model._meta.get_field(name).flatchoices}


def _state_label(target_type: str, value) -> str | None:
    model = _model(target_type)
    key = getattr(model, "workflow_key", "") if model is not None else ""
    if key:
        return load_workflow(key).state_label(str(value))
    field = model_field(target_type, "state")
    if field is not None and field.choices:
        return dict((str(k), str(v)) for k, v in field.flatchoices).get(str(value))
    return None


def _approval_text(value: dict) -> str:
    """An approval step: '提交（草稿 → 待审批），部门财务人员'."""
    try:
        workflow = load_workflow(str(value.get("workflow", "")))
    except (OSError, KeyError):
        workflow = None

    def state(name):
        return workflow.state_label(name) if workflow else name

    action = value.get("action", "")
    if workflow is not None:
        action = next((s.label for s in workflow.steps if s.action == action), action)
    text = f"{action}（{state(value.get('from', ''))} → {state(value.get('to', ''))}）"
    role = value.get("role")
    if role:
        text += f"，{ROLE_LABELS.get(role, role)}"
    if value.get("doc_no"):
        text += f"，批复文号{value['doc_no']}"
    return text


def display_value(target_type: str, key: str, value, related: dict | None = None) -> str:
    """One before/after value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "approval" and isinstance(value, dict):
        return _approval_text(value)
    field = model_field(target_type, key)
    known = _known(key)
    if key == "state":
        label = _state_label(target_type, value)
        if label:
            return label
    if field is not None:
        if isinstance(field, models.ForeignKey) and isinstance(value, int):
            return (related or {}).get((field.related_model, value)) or f"#{value}"
        if field.choices:
            label = dict((str(k), str(v)) for k, v in field.flatchoices).get(str(value))
            if label:
                return label
        if (
            isinstance(field, models.DecimalField)
            and (field.max_digits, field.decimal_places) == MONEY_DIGITS
        ):
            return _money(value) or str(value)
        if isinstance(field, models.DateTimeField | models.DateField):
            return _date_text(value) or str(value)
    if known.get("choices_from"):
        label = _choices_of(known["choices_from"]).get(str(value))
        if label:
            return label
    if known.get("kind") == "money":
        return _money(value) or str(value)
    if isinstance(value, list):
        parts = [display_value(target_type, "", v, related) for v in value]
        return "、".join(p for p in parts if p != EMPTY) or EMPTY
    if isinstance(value, dict):
        return "；".join(
            f"{field_label(target_type, k)}：{display_value(target_type, k, v)}" for k, v in value.items()
        )
    return _date_text(value) or str(value)


def related_ids(target_type: str, snapshots) -> dict:
    """{(model, pk)} for the foreign keys the snapshots hold, to name them in one query each."""
    wanted: dict = {}
    for snapshot in snapshots:
        if not isinstance(snapshot, dict):
            continue
        for key, value in snapshot.items():
            field = model_field(target_type, key)
            if isinstance(field, models.ForeignKey) and isinstance(value, int):
                wanted.setdefault(field.related_model, set()).add(value)
    return wanted


def related_labels(wanted: dict, *, departments, known: dict | None = None) -> dict:
    """Names of the related objects — of a department's object only when the viewer may see
    that department; ``known`` (e.g. budget lines, already checked for the viewer) wins."""
    labels = {}
    for model, ids in wanted.items():
        objects = model._default_manager.filter(pk__in=ids)
        if "department" in {f.name for f in model._meta.concrete_fields}:
            objects = objects.filter(department__in=departments)
        for obj in objects:
            labels[(model, obj.pk)] = str(obj)
    labels.update(known or {})
    return labels
