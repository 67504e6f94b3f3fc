"""One approval mechanism: every workflow (用款申请 today; 调剂, 资产处置, 专项 立项/验收 and report
review to follow) is a configuration of it, kept as data in jixiao/data/workflows/<key>.yaml.

A workflow has states (with Chinese labels), an initial state, closed states, and steps. A step
is one action a person takes:

- ``from``: the states it may start from, and ``to``: the state it leads to;
- who may take it: ``roles`` within a ``scope`` (``department``: the request's own department;
  ``bureau``: the department's finance bureau), and ``not_own``: an approval step is never taken
  on one's own request (nobody approves — or rejects — what they created);
- ``when``: a flag of the request the step depends on ("needs_bureau"), or its negation
  ("!needs_bureau"), so one action can lead different ways for different requests;
- ``reason`` (a comment is required: rejections, withdrawals, cancellations), ``doc_no`` (a
  批复文号 may or must be given) and ``date`` (the step happens on a date the person states);
- ``checks``: named checks the shell runs inside the step's transaction, after the rules here
  allowed it and before anything is written (e.g. ``budget_available``) — a check that fails
  refuses the whole step;
- ``effects``: named effects the shell applies in the same transaction (``commit`` reserves
  the amount on its budget line, ``release`` gives it back, ``pay`` posts the payment).

``Workflow.advance`` is pure: it decides whether ``actor`` may take ``action`` now and returns a
``Transition`` — the audit record of the step (who in what role, from and to which state, the
comment, the document number, the checks and effects it carried). The shell
(jixiao.apps.core.approval) locks the request, calls ``advance``, runs the checks and effects,
stores the new state, and writes the transition as an approval step and an audit event.

The workflows on it (issue 18): 用款申请 (payment-request.yaml); 调剂 (transfer.yaml, with the
money checks of jixiao.domain.transfers at every step); 资产处置 (disposal.yaml: draft → submitted
→ head_approved → [bureau_filed] → disposed, ``when: needs_bureau`` above the filing limit). To
follow: 专项 立项/验收 are
steps between stages with ``checks`` (goals set, milestones done); report review is submitted →
returned (reason) | approved → published, in the bureau scope.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed

READ_ONLY_ROLES = frozenset({"auditor"})

ROLE_LABELS = {
    "finance_officer": "部门财务人员",
    "department_head": "部门负责人",
    "bureau_staff": "财政局工作人员",
    "auditor": "审计",
}


class Scope(enum.StrEnum):
    DEPARTMENT = "department"
    BUREAU = "bureau"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks to act, as the rules see them."""

    role: str
    is_creator: bool
    same_department: bool
    same_bureau: bool

    def in_scope(self, scope: Scope) -> bool:
        return self.same_department if scope is Scope.DEPARTMENT else self.same_bureau


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    scope: Scope = Scope.DEPARTMENT
    not_own: bool = False
    needs_reason: bool = False
    doc_no: str = ""  # "" (not asked), "optional" or "required"
    needs_date: bool = False
    when: str = ""
    checks: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    consequence: str = ""
    verb: str = ""  # the step's verb without who takes it ("批准" for "部门负责人批准")

    def applies(self, flags: frozenset[str]) -> bool:
        if not self.when:
            return True
        if self.when.startswith("!"):
            return self.when[1:] not in flags
        return self.when in flags

    @property
    def awaiting(self) -> str:
        """ "本单位部门负责人办理“部门负责人批准”": who takes this step, in a sentence."""
        return f"{self.who}办理“{self.label}”"

    @property
    def who(self) -> str:
        where = "本单位" if self.scope is Scope.DEPARTMENT else "主管财政局"
        return where + "或".join(ROLE_LABELS.get(role, role) for role in sorted(self.roles))


@dataclass(frozen=True, slots=True)
class Transition:
    """One step taken: what the audit record of the step holds."""

    workflow: str
    action: str
    label: str
    from_state: str
    to_state: str
    actor_role: str
    reason: str = ""
    doc_no: str = ""
    checks: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()

    def audit(self) -> dict:
        return {
            "workflow": self.workflow,
            "action": self.action,
            "from": self.from_state,
            "to": self.to_state,
            "role": self.actor_role,
            "doc_no": self.doc_no,
            "checks": list(self.checks),
            "effects": list(self.effects),
        }


@dataclass(frozen=True, slots=True)
class Workflow:
    key: str
    label: str
    states: dict[str, str]
    initial: str
    closed: frozenset[str]
    steps: tuple[Step, ...]
    path: tuple[str, ...] = ()
    flag_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def state_label(self, state: str) -> str:
        return self.states.get(state, state)

    def is_closed(self, state: str) -> bool:
        return state in self.closed

    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(step.action for step in self.steps))

    def steps_for(self, action: str, state: str, flags: frozenset[str]) -> list[Step]:
        return [
            step
            for step in self.steps
            if step.action == action and state in step.sources and step.applies(flags)
        ]

    def steps_for_state(self, state: str, flags: frozenset[str] | set[str] = frozenset()) -> list[Step]:
        """Every step that may start from ``state`` for a request with these flags."""
        return [step for step in self.steps if state in step.sources and step.applies(frozenset(flags))]

    def waiting(self, state: str, flags: frozenset[str] | set[str] = frozenset()) -> list[Step]:
        """The steps that move a request on from ``state`` (not those that end it with a reason)."""
        if self.is_closed(state):
            return []
        return [step for step in self.steps_for_state(state, flags) if not step.needs_reason]

    def advance(
        self,
        state: str,
        action: str,
        *,
        actor: Actor,
        flags: frozenset[str] | set[str] = frozenset(),
        reason: str = "",
        doc_no: str = "",
    ) -> Transition:
        """The step ``actor`` takes, or TransitionNotAllowed / PermissionRefused with the reason."""
        flags = frozenset(flags)
        label = self._action_label(action)
        if actor.role in READ_ONLY_ROLES:
            raise PermissionRefused(f"审计账号只能查看，不能办理{self.label}。")
        if state not in self.states:
            raise TransitionNotAllowed(f"{self.label}的状态“{state}”无效。")
        if self.is_closed(state):
            raise TransitionNotAllowed(f"该{self.label}{self.state_label(state)}，不能再{label}。")
        if action not in self.actions():
            raise TransitionNotAllowed(f"未知操作：{action}")
        candidates = self.steps_for(action, state, flags)
        if not candidates:
            pending = self.waiting(state, flags)
            waiting = "：尚待" + "或".join(s.awaiting for s in pending) if pending else ""
            raise TransitionNotAllowed(
                f"该{self.label}当前为“{self.state_label(state)}”，不能{label}{waiting}。"
            )
        permitted = [s for s in candidates if s.roles and actor.role in s.roles and actor.in_scope(s.scope)]
        if not permitted:
            raise PermissionRefused(f"只有{'、'.join(s.who for s in candidates)}可以{label}该{self.label}。")
        step = permitted[0]
        if step.not_own and actor.is_creator:
            raise PermissionRefused(f"不能{step.verb or step.label}自己提交的{self.label}。")
        reason = reason.strip()
        if step.needs_reason and not reason:
            raise TransitionNotAllowed(f"{step.label}必须填写原因。")
        doc_no = doc_no.strip()
        if step.doc_no == "required" and not doc_no:
            raise TransitionNotAllowed(f"{step.label}必须填写批复文号。")
        return Transition(
            workflow=self.key,
            action=step.action,
            label=step.label,
            from_state=state,
            to_state=step.target,
            actor_role=actor.role,
            reason=reason,
            doc_no=doc_no if step.doc_no else "",
            checks=step.checks,
            effects=step.effects,
        )

    def allowed(
        self, state: str, *, actor: Actor, flags: frozenset[str] | set[str] = frozenset()
    ) -> list[Step]:
        """The steps ``actor`` may take now (for showing buttons; the service checks again)."""
        result = []
        for action in self.actions():
            try:
                self.advance(state, action, actor=actor, flags=flags, reason="（预检）", doc_no="（预检）")
            except (TransitionNotAllowed, PermissionRefused):
                continue
            result.extend(self.steps_for(action, state, frozenset(flags))[:1])
        return result

    def main_path(self, flags: frozenset[str] | set[str] = frozenset()) -> tuple[str, ...]:
        for flag, path in self.flag_paths.items():
            if flag in flags:
                return path
        return self.path

    def _action_label(self, action: str) -> str:
        for step in self.steps:
            if step.action == action:
                return step.label
        return action


def workflow_from_data(data: dict) -> Workflow:
    states = {str(k): str(v) for k, v in data["states"].items()}
    steps = []
    for entry in data["steps"]:
        sources = entry["from"] if isinstance(entry["from"], list) else [entry["from"]]
        for state in (*sources, entry["to"]):
            if state not in states:
                raise ValueError(f"workflow {data['key']}: unknown state {state}")
        steps.append(
            Step(
                action=entry["action"],
                label=entry["label"],
                sources=frozenset(sources),
                target=entry["to"],
                roles=frozenset(entry.get("roles", ())),
                scope=Scope(entry.get("scope", "department")),
                not_own=bool(entry.get("not_own", False)),
                needs_reason=bool(entry.get("reason", False)),
                doc_no=str(entry.get("doc_no", "") or ""),
                needs_date=bool(entry.get("date", False)),
                when=str(entry.get("when", "") or ""),
                checks=tuple(entry.get("checks", ())),
                effects=tuple(entry.get("effects", ())),
                consequence=str(entry.get("consequence", "")),
                verb=str(entry.get("verb", "")),
            )
        )
    return Workflow(
        key=data["key"],
        label=data["label"],
        states=states,
        initial=data["initial"],
        closed=frozenset(data.get("closed", ())),
        steps=tuple(steps),
        path=tuple(data.get("path", ())),
        flag_paths={str(k): tuple(v) for k, v in (data.get("flag_paths") or {}).items()},
    )


@cache
def load_workflow(key: str) -> Workflow:
    return workflow_from_data(load_yaml(f"workflows/{key.replace('_', '-')}.yaml"))
