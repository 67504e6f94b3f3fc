"""Round trip: export a department's books, import the files into a FRESH database with the
``jixiao`` command line, export again — both exports have the same figures, cell by cell.

The source books are written by the ordinary services (budget lines, vouchers, the “三公”
budget), not by the importer, for two years (the 三公 table compares with the previous year).
The fresh side is a new SQLite file in a separate process: the schema is migrated, the
department is created with the same name and code, and everything else arrives only through
``jixiao import budget|vouchers|sangong`` of the exported .xlsx files. 调剂 and 红字冲销 are
not part of these file formats and are left out of the source books.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from jixiao.apps.budgets.models import Voucher
from jixiao.apps.budgets.services import expenditure_post, sangong_budget_set
from jixiao.cli import main
from jixiao.formats.tabular import read_rows
from tests.factories import make_line, make_project

ROOT = Path(__file__).resolve().parents[2]
TABLES = {  # table → years exported
    "execution": (2022, 2023),
    "vouchers": (2022, 2023),
    "function": (2023,),
    "economic": (2023,),
    "sangong": (2023,),
}
IMPORTS = [  # (kind, table, year): the order a finance officer would follow
    ("budget", "execution", 2022),
    ("vouchers", "vouchers", 2022),
    ("budget", "execution", 2023),
    ("vouchers", "vouchers", 2023),
    ("sangong", "sangong", 2023),
]

# The fresh database's process: migrate, create the department, then run the CLI commands.
DRIVER = """
import json, sys
from jixiao.cli._django import migrate_if_needed, setup_django
setup_django()
migrate_if_needed()
from jixiao.apps.orgs.models import Department, FinanceBureau
from jixiao.cli import main
spec = json.loads(sys.argv[1])
bureau = FinanceBureau.objects.create(code=spec["bureau_code"], name=spec["bureau_name"])
Department.objects.create(bureau=bureau, code=spec["code"], name=spec["name"],
                          econ_control_level=spec["econ_level"])
for argv in spec["commands"]:
    code = main(argv)
    print("EXIT", code, " ".join(argv[:2]), flush=True)
    if code:
        sys.exit(code)
"""


def _books(officer, department):
    """Two years of books with real amounts, 三公 spending in both years and a 三公 budget."""
    for year, scale in ((2022, Decimal("1.00")), (2023, Decimal("1.10"))):
        personnel = make_line(
            actor=officer, department=department, year=year, fund_type="basic_personnel",
            econ_code="301", amount="1204049.00", name="工资福利", )  # fmt: skip
        public = make_line(
            actor=officer, department=department, year=year, econ_code="302", amount="440000.00",
            name="商品和服务支出")  # fmt: skip
        project = make_project(
            actor=officer, department=department, year=year, code=f"P{year}", name="科普活动"
        )
        project_line = make_line(
            actor=officer, department=department, year=year, fund_type="project", func_code="2060702",
            econ_code="302", amount="440000.00", project=project, name="科普活动经费")  # fmt: skip
        spending = [
            (personnel, "30101", "basic_personnel", None, "1月基本工资", "98765.43"),
            (personnel, "30102", "basic_personnel", None, "1月津贴补贴", "45678.90"),
            (public, "30201", "basic_public", None, "购买办公用品", "3456.78"),
            (public, "30217", "basic_public", None, "接待省科协调研组", "2200.00"),
            (public, "30231", "basic_public", None, "公务用车加油维修", "8000.00"),
            (project_line, "30201", "project", project, "科普资料印刷", "12345.60"),
            (project_line, "30211", "project", project, "科普讲师差旅", "2345.00"),
        ]
        for month, (line, econ, fund, proj, summary, amount) in enumerate(spending, start=3):
            expenditure_post(
                actor=officer, line=line, date=dt.date(year, month, 8 + month),
                amount=(Decimal(amount) * scale).quantize(Decimal("0.01")), summary=summary,
                econ_code=econ, fund_type=fund, project=proj, payee="常宁市某某公司",
            )  # fmt: skip
    for item, amount in (("reception", "5000.00"), ("vehicle_running", "12000.00"), ("abroad", "0.00")):
        sangong_budget_set(actor=officer, department=department, year=2023, item=item, amount=Decimal(amount))


def _export_all(folder: Path, department_code: str, run) -> dict[tuple[str, int], Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for table, years in TABLES.items():
        for year in years:
            path = folder / f"{table}-{year}.xlsx"
            assert (
                run(
                    [
                        "export",
                        table,
                        "--department",
                        department_code,
                        "--year",
                        str(year),
                        "--out",
                        str(path),
                    ]
                )
                == 0
            )
            paths[(table, year)] = path
    return paths


def test_export_import_into_a_fresh_database_and_export_again_gives_the_same_figures(
    officer, department, tmp_path
):
    _books(officer, department)
    first = _export_all(tmp_path / "first", department.code, main)

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    second_folder = tmp_path / "second"
    commands = [
        ["import", kind, str(first[(table, year)]), "--department", department.code, "--year", str(year)]
        for kind, table, year in IMPORTS
    ]
    commands += [
        ["export", table, "--department", department.code, "--year", str(year),
         "--out", str(second_folder / f"{table}-{year}.xlsx")]
        for table, years in TABLES.items() for year in years
    ]  # fmt: skip
    second_folder.mkdir()
    spec = {
        "bureau_code": department.bureau.code,
        "bureau_name": department.bureau.name,
        "code": department.code,
        "name": department.name,
        "econ_level": department.econ_control_level,
        "commands": commands,
    }
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{fresh / 'fresh.sqlite3'}",
        "JIXIAO_VAR_DIR": str(fresh / "var"),
        "DJANGO_SETTINGS_MODULE": "jixiao.config.settings.base",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(spec)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.count("EXIT 0 import") == len(IMPORTS), done.stdout

    compared = 0
    for key, path in first.items():
        before, after = list(read_rows(path)), list(read_rows(second_folder / path.name))
        assert len(after) == len(before), key
        for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
            assert new == old, f"{path.name} row {number}"
            compared += sum(1 for cell in old if isinstance(cell, int | Decimal))
    # The comparison covered real figures: every voucher and the 三公 budget among them.
    assert compared > 150
    sangong = list(read_rows(first[("sangong", 2023)]))
    assert next(r for r in sangong if r[0] == "合计")[1] == 17000
    vouchers = list(read_rows(first[("vouchers", 2023)]))
    assert (
        len([r for r in vouchers if r and isinstance(r[0], dt.date)])
        == Voucher.objects.filter(year=2023).count()
        == 7
    )
