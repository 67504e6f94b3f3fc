"""Roster import: a whole bureau's departments, yearly profiles and users from one workbook.

All or nothing: the file is read and checked whole first (every bad cell named by sheet, row and
column); then, in one transaction with the bureau locked, each record is created, updated where a
value changed, or left alone. Every change is audited and listed in the summary, so running the
same file again changes nothing and says so. New users get a random initial password that must
be changed at the first login; the passwords are returned for a separate file, never stored.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import (
    BUREAU_ROLE_CHOICES,
    DEPARTMENT_ROLES,
    Department,
    DepartmentProfile,
    FinanceBureau,
    Role,
    User,
)
from jixiao.apps.orgs.services import _has_budget_lines, _require_admin, generate_password, hash_passwords
from jixiao.domain.errors import DomainError
from jixiao.domain.roster import MAX_ROWS, Roster, RosterError, internal_units_text, read_roster, roster_spec
from jixiao.formats.tabular import UnreadableFile, read_rows

ECON_LEVEL_NAMES = {3: "款", 5: "项"}


class RowRefused(DomainError):
    """A row that reads well but cannot be applied to what the database holds."""

    def __init__(self, error: RosterError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True, slots=True)
class Change:
    sheet: str
    row: int
    action: str  # 新建 / 更新
    label: str  # what: 430482-FL 常宁市妇女联合会 / 2023年度 / fl_caiwu
    changes: dict = field(default_factory=dict)  # field → (before, after), for 更新

    def __str__(self) -> str:
        if not self.changes:
            return f"{self.action}{self.sheet}：{self.label}"
        detail = "；".join(f"{k}：{b or '（空）'} → {a or '（空）'}" for k, (b, a) in self.changes.items())
        return f"{self.action}{self.sheet}：{self.label}（{detail}）"


@dataclass
class RosterOutcome:
    bureau: FinanceBureau
    dry_run: bool
    errors: list[RosterError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)
    passwords: list[dict] = field(default_factory=list)  # 用户名, 姓名, 角色, 单位, 初始密码

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, sheet: str, action: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.action == action)

    @property
    def message(self) -> str:
        if self.errors:
            return f"名册有{len(self.errors)}处错误，未导入任何数据。"
        parts = []
        for sheet in ("单位", "年度概况", "用户"):
            parts.append(
                f"{sheet}：新建{self.count(sheet, '新建')}、更新{self.count(sheet, '更新')}、"
                f"未变{self.unchanged.get(sheet, 0)}"
            )
        head = (
            "校验通过（未写入）"
            if self.dry_run
            else ("没有需要变更的数据" if not self.changes else "导入完成")
        )
        return f"{head}。" + "；".join(parts) + "。"


def _read_sheets(path: Path) -> dict[str, list | None]:
    sheets: dict[str, list | None] = {}
    for sheet in roster_spec().sheets:
        try:
            sheets[sheet.name] = list(itertools.islice(read_rows(path, sheet=sheet.name), MAX_ROWS + 50))
        except UnreadableFile as error:
            if "没有工作表" in error.message:
                sheets[sheet.name] = None
            else:
                raise
    return sheets


def _role_names() -> dict[str, str]:
    return {str(label): value for value, label in BUREAU_ROLE_CHOICES}


def _conflicts(roster: Roster, bureau: FinanceBureau) -> list[RosterError]:
    """Codes, names and user names that belong to another bureau's records."""
    errors = []
    codes = {d.code: d for d in roster.departments}
    others = Department.objects.exclude(bureau=bureau)
    for department in others.filter(code__in=list(codes)):
        record = codes[department.code]
        errors.append(
            RosterError("单位", record.row, "单位编码", f"单位编码“{department.code}”已属于其他财政局")
        )
    mine = {d.code: d.name for d in Department.objects.filter(bureau=bureau)}
    names = {d.name: d for d in roster.departments}
    for department in Department.objects.filter(name__in=list(names)):
        record = names[department.name]
        if department.code != record.code and not (department.code in codes and department.code in mine):
            errors.append(
                RosterError(
                    "单位",
                    record.row,
                    "单位名称",
                    f"单位名称“{department.name}”已被编码为{department.code}的单位使用",
                )
            )
    users = {u.username.lower(): u for u in roster.users}
    existing = User.objects.filter(username__in=[u.username for u in roster.users]).select_related(
        "department"
    )
    for user in existing:
        record = users[user.username.lower()]
        user_bureau = user.bureau_id or (user.department.bureau_id if user.department_id else None)
        if user_bureau != bureau.pk:
            errors.append(
                RosterError("用户", record.row, "用户名", f"用户名“{user.username}”已被其他财政局的用户使用")
            )
    return errors


def roster_import(*, actor, bureau: FinanceBureau, path: str | Path, dry_run: bool = False) -> RosterOutcome:
    _require_admin(actor, bureau)
    outcome = RosterOutcome(bureau=bureau, dry_run=dry_run)
    try:
        sheets = _read_sheets(Path(path))
    except DomainError as error:
        outcome.errors.append(RosterError("—", None, "文件", error.message))
        return outcome
    known = set(Department.objects.filter(bureau=bureau).values_list("code", flat=True))
    roster = read_roster(sheets, roles=_role_names(), department_roles=DEPARTMENT_ROLES, known_codes=known)
    outcome.errors = roster.errors
    if roster.ok:
        outcome.errors = _conflicts(roster, bureau)
    if outcome.errors:
        return outcome
    taken = {
        name.lower()
        for name in User.objects.filter(username__in=[u.username for u in roster.users]).values_list(
            "username", flat=True
        )
    }
    new_users = {u.username for u in roster.users if u.username.lower() not in taken}
    passwords = {} if dry_run else {name: generate_password() for name in sorted(new_users)}
    hashes = dict(zip(passwords, hash_passwords(passwords.values()), strict=True))
    try:
        with transaction.atomic():
            _apply(actor, bureau, roster, outcome, hashes)
            if dry_run:
                transaction.set_rollback(True)
    except RowRefused as refused:
        outcome.errors.append(refused.error)
        outcome.changes.clear()
        return outcome
    except DomainError as error:
        outcome.errors.append(RosterError("—", None, "文件", error.message))
        outcome.changes.clear()
        return outcome
    except IntegrityError as error:
        outcome.errors.append(
            RosterError("—", None, "文件", f"名册与系统中已有的数据冲突，未导入任何数据：{error}")
        )
        outcome.changes.clear()
        return outcome
    if not dry_run:
        roles = dict(Role.choices)
        by_name = {u.username: u for u in roster.users}
        codes = {d.code: d.name for d in Department.objects.filter(bureau=bureau)}
        outcome.passwords = [
            {
                "用户名": name,
                "姓名": by_name[name].full_name,
                "角色": str(roles[by_name[name].role]),
                "单位": codes.get(by_name[name].code, bureau.name),
                "初始密码": password,
            }
            for name, password in passwords.items()
        ]
    return outcome


def _apply(actor, bureau: FinanceBureau, roster: Roster, outcome: RosterOutcome, hashes: dict) -> None:
    FinanceBureau.objects.select_for_update().get(pk=bureau.pk)
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    events: list[AuditEvent] = []

    def audit(action: str, label: str, target, department, before, after) -> None:
        events.append(
            AuditEvent(
                at=now,
                actor_id=actor_id,
                action=action,
                action_label=label,
                department=department,
                target_type=target._meta.label,
                target_id=str(target.pk),
                target_label=str(target)[:255],
                before=before,
                after=after,
                reason="名册导入",
            )
        )

    # 单位
    departments = {d.code: d for d in Department.objects.select_for_update().filter(bureau=bureau)}
    unchanged = 0
    created: list[tuple] = []
    for record in roster.departments:
        units = [{"name": n, "kind": k} for n, k in record.internal_units]
        values = {
            "name": record.name,
            "department_type": record.department_type,
            "budget_unit_count": record.budget_unit_count,
            "internal_units": units,
        }
        if record.econ_control_level is not None:
            values["econ_control_level"] = record.econ_control_level
        department = departments.get(record.code)
        if department is None:
            created.append((record, Department(bureau=bureau, code=record.code, **values)))
            continue
        changes = {}
        for name, value in values.items():
            current = getattr(department, name)
            if name == "internal_units":
                if [u.get("name") for u in current] != [u["name"] for u in value]:
                    changes["内设机构"] = (internal_units_text(current), internal_units_text(value))
                    department.internal_units = value
                continue
            if current != value:
                label = str(Department._meta.get_field(name).verbose_name)
                if name == "econ_control_level" and _has_budget_lines(department):
                    raise RowRefused(
                        RosterError(
                            "单位",
                            record.row,
                            label,
                            "本单位已有预算指标，不能修改经济分类控制级次（已有指标按原级次控制）",
                        )
                    )
                shown = (ECON_LEVEL_NAMES.get(current, current), ECON_LEVEL_NAMES.get(value, value))
                changes[label] = shown if name == "econ_control_level" else (current, value)
                setattr(department, name, value)
        if changes:
            department.save()
            outcome.changes.append(
                Change("单位", record.row, "更新", f"{record.code} {record.name}", changes)
            )
            audit(
                "department_update",
                "修改单位信息",
                department,
                department,
                {k: b for k, (b, _) in changes.items()},
                {k: a for k, (_, a) in changes.items()},
            )
        else:
            unchanged += 1
    if created:
        new = Department.objects.bulk_create([d for _, d in created])
        for (record, _), department in zip(created, new, strict=True):
            if department.pk is None:  # backends that do not return keys
                department = Department.objects.get(code=record.code)
            departments[record.code] = department
            outcome.changes.append(Change("单位", record.row, "新建", f"{record.code} {record.name}"))
            audit("department_create", "新建单位", department, department, None, {"单位名称": record.name})
    outcome.unchanged["单位"] = unchanged

    # 年度概况
    profiles = {
        (p.department_id, p.year): p
        for p in DepartmentProfile.objects.filter(department__in=list(departments.values()))
    }
    unchanged = 0
    new_profiles = []
    labels = {
        "staffing_quota": "编制数",
        "actual_staff": "实有人数",
        "retired_cadres": "离休人数",
        "retired": "退休人数",
        "duties": "主要职责",
        "staffing_admin": "行政编制",
        "staffing_institution": "事业编制",
        "staffing_worker": "工勤编制",
    }
    for record in roster.profiles:
        department = departments[record.code]
        values = {
            "staffing_quota": record.staffing_quota,
            "actual_staff": record.actual_staff,
            "retired_cadres": record.retired_cadres,
            "retired": record.retired,
            "duties": "\n".join(record.duties),
        }
        if record.by_kind_given:
            values.update(
                staffing_admin=record.staffing_admin,
                staffing_institution=record.staffing_institution,
                staffing_worker=record.staffing_worker,
            )
        profile = profiles.get((department.pk, record.year))
        label = f"{record.code} {record.year}年度"
        if profile is None:
            profile = DepartmentProfile(department=department, year=record.year, **values)
            new_profiles.append((record, profile))
            continue
        changes = {}
        for name, value in values.items():
            if getattr(profile, name) != value:
                changes[labels[name]] = (getattr(profile, name), value)
                setattr(profile, name, value)
        if changes:
            profile.save()
            outcome.changes.append(Change("年度概况", record.row, "更新", label, changes))
            audit(
                "profile_update",
                "修改单位年度概况",
                profile,
                department,
                {k: b for k, (b, _) in changes.items()},
                {k: a for k, (_, a) in changes.items()},
            )
        else:
            unchanged += 1
    if new_profiles:
        saved = DepartmentProfile.objects.bulk_create([p for _, p in new_profiles])
        for (record, _), profile in zip(new_profiles, saved, strict=True):
            if profile.pk is None:
                profile = DepartmentProfile.objects.get(department=departments[record.code], year=record.year)
            outcome.changes.append(Change("年度概况", record.row, "新建", f"{record.code} {record.year}年度"))
            audit(
                "profile_create",
                "填报单位年度概况",
                profile,
                profile.department,
                None,
                {"编制数": record.staffing_quota},
            )
    outcome.unchanged["年度概况"] = unchanged

    # 用户
    existing = {
        u.username.lower(): u
        for u in User.objects.select_for_update().filter(username__in=[r.username for r in roster.users])
    }
    roles = dict(Role.choices)
    unchanged = 0
    new_users = []
    for record in roster.users:
        department = departments[record.code] if record.code else None
        scope = (
            {"department": department, "bureau": None}
            if record.role in DEPARTMENT_ROLES
            else {"department": None, "bureau": bureau}
        )
        user = existing.get(record.username.lower())
        if user is None:
            user = User(
                username=record.username,
                full_name=record.full_name,
                role=record.role,
                must_change_password=True,
                password=hashes.get(record.username, "!"),
                **scope,
            )
            new_users.append((record, user))
            continue
        if actor is not None and user.pk == actor.pk and record.role != Role.SYSTEM_ADMIN:
            raise RowRefused(RosterError("用户", record.row, "角色", "不能通过名册取消自己的系统管理员角色"))
        changes = {}
        if user.full_name != record.full_name:
            changes["姓名"] = (user.full_name, record.full_name)
        if user.role != record.role:
            changes["角色"] = (str(roles[user.role]), str(roles[record.role]))
        if user.department_id != (department.pk if department else None):
            before = user.department.name if user.department_id else ""
            changes["所属单位"] = (before, department.name if department else "")
        if changes:
            user.full_name, user.role = record.full_name, record.role
            user.department, user.bureau = scope["department"], scope["bureau"]
            user.save()
            outcome.changes.append(Change("用户", record.row, "更新", record.username, changes))
            audit(
                "user_update",
                "修改用户角色或单位",
                user,
                user.department,
                {k: b for k, (b, _) in changes.items()},
                {k: a for k, (_, a) in changes.items()},
            )
        else:
            unchanged += 1
    if new_users:
        saved = User.objects.bulk_create([u for _, u in new_users])
        for (record, _), user in zip(new_users, saved, strict=True):
            if user.pk is None:
                user = User.objects.get(username=record.username)
            outcome.changes.append(
                Change("用户", record.row, "新建", f"{record.username}（{roles[record.role]}）")
            )
            audit("user_create", "新建用户", user, user.department, None, {"角色": str(roles[record.role])})
    outcome.unchanged["用户"] = unchanged
    AuditEvent.objects.bulk_create(events, batch_size=500)


def passwords_workbook(outcome: RosterOutcome) -> bytes:
    """The initial passwords as .xlsx, for the administrator only (they are stored nowhere else)."""
    from jixiao.formats.exports import Column, Table, write_table

    columns = [
        Column(h, "text", w)
        for h, w in (("用户名", 18), ("姓名", 12), ("角色", 16), ("单位", 30), ("初始密码", 16))
    ]
    table = Table(
        title=f"{outcome.bureau.name} 新用户初始密码",
        columns=columns,
        rows=[[row[c.header] for c in columns] for row in outcome.passwords],
        meta=["仅限系统管理员：请分别告知本人，分发后删除本文件。首次登录必须修改密码。"],
    )
    return write_table(table)
