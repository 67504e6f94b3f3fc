"""Left navigation grouped by job (docs/ui.md). Apps add entries by URL name; entries whose
URL does not resolve yet are left out, and each entry says which roles may see it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

DEPT = ("finance_officer", "department_head")
BUREAU = ("bureau_staff", "auditor")
ALL = DEPT + BUREAU
ADMIN = ("system_admin",)
OFFICER = ("finance_officer",)  # entering the books is the finance officer's job, not the head's
PROVINCE = ("province_staff", "province_auditor")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ALL


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: tuple[NavItem, ...]


NAVIGATION: tuple[NavGroup, ...] = (
    NavGroup(
        "预算与支出",
        (
            NavItem("预算执行情况", "home"),
            NavItem("支出录入", "budgets:voucher-create", OFFICER),
            NavItem("支出凭证", "budgets:voucher-list"),
            NavItem("用款申请", "budgets:payment-list"),
            NavItem("预算调剂", "budgets:transfer-list"),
            NavItem("被拒绝的操作", "budgets:refusal-list"),
            NavItem("决算补充与政府采购", "budgets:settlement"),
            NavItem("上年数（录入）", "budgets:prior-year"),
            NavItem("预警阈值", "budgets:thresholds"),
            NavItem("导入", "exchange:import-start", OFFICER),
            NavItem("导出", "exchange:export"),
        ),
    ),
    NavGroup(
        "绩效目标",
        (
            NavItem("指标库", "goals:indicator-list"),
            NavItem("指标库版本", "goals:library-versions", BUREAU),
            NavItem("绩效目标", "goals:goal-list"),
        ),
    ),
    NavGroup("履职活动", (NavItem("履职活动", "goals:activity-list"),)),
    NavGroup("运行监控", (NavItem("双监控", "goals:monitoring"),)),
    NavGroup("专项项目", (NavItem("专项项目", "projects:project-list"),)),
    NavGroup("资产", (NavItem("固定资产", "assets:asset-list"),)),
    NavGroup("自评与报告", (NavItem("自评与报告", "reports:report-list"),)),
    NavGroup("报告体检", (NavItem("报告体检", "checks:check"),)),
    NavGroup(
        "全局概览",
        (
            NavItem("各财政局概览", "oversight:province", PROVINCE),
            NavItem("全局概览", "oversight:overview", BUREAU),
        ),
    ),
    NavGroup("审核发布", (NavItem("审核发布", "oversight:review-list", BUREAU),)),
    NavGroup(
        "系统管理",
        (
            NavItem("单位", "orgs:department-list", ADMIN),
            NavItem("用户", "orgs:user-list", ADMIN),
            NavItem("批量导入名册", "orgs:roster", ADMIN),
            NavItem("登录锁定", "core:login-locks", ADMIN),
        ),
    ),
    NavGroup(
        "系统",
        (
            NavItem("审计记录", "core:audit-list", ALL + ADMIN + PROVINCE),
            NavItem("修改密码", "password-change", ALL + ADMIN + PROVINCE),
        ),
    ),
)


def navigation_for(user) -> list[dict]:
    groups = []
    for group in NAVIGATION:
        items = []
        for item in group.items:
            if user.role not in item.roles:
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "url_name": item.url_name})
        if items:
            groups.append({"label": group.label, "items": items})
    return groups
