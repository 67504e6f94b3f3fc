"""Roster import speed with the production password hasher (PBKDF2), on a fresh SQLite database.

    python bench/bench_roster.py [--departments 30] [--users 3]     # full size: --departments 300

Prints, side by side: the dry run (read + check + diff, no hashing), the import, the same file
again (nothing to change), and the cost that dominated a first import: hashing every new user's
initial password. With the full PBKDF2 work factor (1,000,000 iterations) 900 users took minutes;
generated passwords (random, must be changed at the first login, re-hashed in full then) are
hashed with fewer iterations on a thread pool (hashlib releases the GIL).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=30)
    parser.add_argument("--users", type=int, default=3, help="users per department")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jixiao-bench-roster-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["JIXIAO_VAR_DIR"] = str(work / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.config.settings.base"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from openpyxl import Workbook

    from jixiao.apps.orgs.models import FinanceBureau
    from jixiao.apps.orgs.roster import roster_import
    from jixiao.apps.orgs.services import GENERATED_PASSWORD_ITERATIONS, generate_password, hash_passwords
    from jixiao.domain.department_types import department_type_names
    from jixiao.domain.roster import roster_spec

    call_command("migrate", verbosity=0, interactive=False)
    bureau = FinanceBureau.objects.create(code="BENCH", name="基准测试财政局")
    book = Workbook()
    book.remove(book.active)
    sheets = {s.name: book.create_sheet(s.name) for s in roster_spec().sheets}
    for spec in roster_spec().sheets:
        sheets[spec.name].append([c.header for c in spec.columns])
    types = department_type_names()
    roles = ["部门财务人员", "部门负责人"]
    for n in range(args.departments):
        code = f"B{n:05d}"
        sheets["单位"].append([code, f"基准单位{n:05d}", types[n % len(types)], 1, "办公室、业务股", "款"])
        sheets["年度概况"].append([code, 2023, 5, 5, 0, 1, "（一）履行职责\n（二）做好服务"])
        for k in range(args.users):
            sheets["用户"].append([f"b{n:05d}_{k}", f"用户{n}-{k}", roles[k % 2], code])
    path = work / "roster.xlsx"
    book.save(path)
    users = args.departments * args.users
    print(
        f"roster: {args.departments} departments, {users} users; hasher {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}"
    )

    def timed(label: str, function):
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
        print(f"  {label:<44} {seconds:8.2f} s")
        return result, seconds

    outcome, dry = timed(
        "dry run (read, check, diff; no hashing)",
        lambda: roster_import(actor=None, bureau=bureau, path=path, dry_run=True),
    )
    assert outcome.ok, outcome.errors[:3]
    sample = [generate_password() for _ in range(min(users, 40))]
    few = sample[:4]
    _, full_cost = timed(
        f"hash {len(few)} passwords, full work factor", lambda: [make_password(p) for p in few]
    )
    _, pooled = timed(
        f"hash {len(sample)} generated ({GENERATED_PASSWORD_ITERATIONS} iterations, threads)",
        lambda: hash_passwords(sample),
    )
    outcome, full = timed("import (new: all)", lambda: roster_import(actor=None, bureau=bureau, path=path))
    assert outcome.ok and len(outcome.passwords) == users
    outcome, again = timed(
        "same file again (nothing to change)", lambda: roster_import(actor=None, bureau=bureau, path=path)
    )
    assert outcome.ok and not outcome.changes
    per_user = pooled / len(sample)
    print(
        f"generated-password hashing vs full work factor: {(full_cost / len(few)) / per_user:.0f}x faster a user"
    )
    print(
        f"import {full:.2f} s = hashing about {per_user * users:.2f} s ({per_user * 1000:.0f} ms a user on threads) "
        f"+ the rest {max(0.0, full - per_user * users):.2f} s; dry run / import = {dry / full:.2f}; again / import = {again / full:.2f}"
    )


if __name__ == "__main__":
    main()
