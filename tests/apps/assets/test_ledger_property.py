"""Property: whatever random sequence of register operations is tried — registrations, status
changes, disposal requests, approvals, rejections, executions, 盘点 write-offs and 盘盈 —
including the refused ones, the 台账's closing balance equals the register's sum of 原值,
at every year end and now."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.apps.assets import selectors, services
from jixiao.apps.assets.models import Asset, Disposal, StockTake
from jixiao.domain.errors import DomainError

START = dt.date(2020, 1, 1)

values = st.integers(min_value=1, max_value=12_000_000).map(lambda cents: Decimal(cents).scaleb(-2))
index = st.integers(min_value=0, max_value=30)
add = st.tuples(st.just("add"), values, st.sampled_from(["in_use", "idle"]))
operation = st.one_of(
    add,
    st.tuples(st.just("status"), index, st.sampled_from(["in_use", "idle", "disposed", "pending"])),
    st.tuples(
        st.just("request"), st.lists(index, min_size=1, max_size=3), st.sampled_from(["scrap", "transfer"])
    ),
    st.tuples(st.just("approve"), index, st.sampled_from(["head", "officer", "bureau"])),
    st.tuples(st.just("reject"), index),
    st.tuples(st.just("complete"), index),
    st.tuples(st.just("loss"), index),
    st.tuples(st.just("surplus"), values),
    st.tuples(st.just("dispose"), index, st.sampled_from(["scrap", "sale"])),
)


class Cast:
    def __init__(self, department, officer, head, bureau_staff):
        self.department, self.officer, self.head, self.bureau = department, officer, head, bureau_staff
        self.count = 0

    def pick(self, model, i, **filters):
        rows = list(model.objects.filter(department=self.department, **filters).order_by("pk"))
        return rows[i % len(rows)] if rows else None

    def open_disposal(self, i):
        return self.pick(Disposal, i, state__in=["submitted", "head_approved", "bureau_filed"])

    def run(self, op, on: dt.date):
        kind = op[0]
        if kind == "add":
            self.count += 1
            services.asset_register(
                actor=self.officer,
                department=self.department,
                number=f"KX-{self.count:04d}",
                name="台式计算机",
                category="2",
                acquired_on=on,
                original_value=op[1],
                custodian_unit="办公室",
                custodian_person="李会计",
                location="二楼",
                status=op[2],
            )
        elif kind == "status" and (asset := self.pick(Asset, op[1])):
            services.asset_status_change(actor=self.officer, asset=asset, status=op[2], reason="调整使用")
        elif kind == "request":
            assets = {self.pick(Asset, i) for i in op[1]} - {None}
            services.disposal_request(
                actor=self.officer,
                department=self.department,
                assets=list(assets),
                method=op[2],
                reason="到期报废",
                counterparty="常宁市老科协",
                requested_on=on,
            )
        elif kind == "approve" and (disposal := self.open_disposal(op[1])):
            actor = {"head": self.head, "officer": self.officer, "bureau": self.bureau}[op[2]]
            services.disposal_approve(
                actor=actor, disposal=disposal, approved_on=on, doc_no="常财资〔2024〕1号"
            )
        elif kind == "reject" and (disposal := self.open_disposal(op[1])):
            services.disposal_reject(actor=self.head, disposal=disposal, reason="暂缓处置")
        elif kind == "complete" and (disposal := self.open_disposal(op[1])):
            services.disposal_complete(actor=self.officer, disposal=disposal, completed_on=on)
        elif kind == "dispose" and (asset := self.pick(Asset, op[1], status__in=["in_use", "idle"])):
            # the whole approved path in one step, so that executed disposals are frequent
            disposal = services.disposal_request(
                actor=self.officer,
                department=self.department,
                assets=[asset],
                method=op[2],
                reason="到期处置",
                counterparty="常宁市再生资源公司",
                requested_on=on,
            )
            services.disposal_approve(actor=self.head, disposal=disposal, approved_on=on)
            if disposal.needs_bureau:
                services.disposal_approve(
                    actor=self.bureau, disposal=disposal, approved_on=on, doc_no="常财资〔2024〕2号"
                )
            services.disposal_complete(
                actor=self.officer,
                disposal=disposal,
                completed_on=on,
                proceeds=Decimal("100.00") if op[2] == "sale" else None,
            )
        elif kind == "loss" and (asset := self.pick(Asset, op[1])):
            diff = services.stocktake_difference_record(
                actor=self.officer,
                stocktake=self.stocktake(on),
                kind="loss",
                asset=asset,
                description="未找到实物",
            )
            services.stocktake_difference_resolve(
                actor=self.head, difference=diff, resolution="报批核销", resolved_on=on
            )
        elif kind == "surplus":
            diff = services.stocktake_difference_record(
                actor=self.officer, stocktake=self.stocktake(on), kind="surplus", description="发现未入账资产"
            )
            self.count += 1
            services.stocktake_difference_resolve(
                actor=self.officer,
                difference=diff,
                resolution="补登记",
                resolved_on=on,
                new_asset={
                    "number": f"KX-{self.count:04d}",
                    "name": "投影仪",
                    "category": "2",
                    "acquired_on": START,
                    "original_value": op[1],
                    "custodian_unit": "办公室",
                    "custodian_person": "李会计",
                    "location": "会议室",
                },
            )

    def stocktake(self, on: dt.date) -> StockTake:
        existing = StockTake.objects.filter(department=self.department, year=on.year).first()
        return existing or services.stocktake_open(
            actor=self.officer, department=self.department, year=on.year, taken_on=on, team="盘点小组"
        )


@pytest.mark.django_db
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=25))
def test_ledger_closing_balance_equals_register_sum_after_any_sequence(
    ops, department, officer, head, bureau_staff
):
    with transaction.atomic():
        cast = Cast(department, officer, head, bureau_staff)
        for step, op in enumerate(ops):
            on = START + dt.timedelta(days=47 * step)
            with contextlib.suppress(DomainError):  # a refusal changes nothing; the property still holds
                cast.run(op, on)
        last_year = (START + dt.timedelta(days=47 * len(ops))).year
        for year in range(START.year, last_year + 1):
            report = selectors.ledger_for(department, year)
            assert report.ledger.closing == report.register_total, (year, ops)
            assert report.findings == []
        assert selectors.ledger_balance_now(department) == selectors.held_total(department)
        transaction.set_rollback(True)
