"""jixiao export TABLE --department … --year … --out FILE [--unit 元|万元]"""

from __future__ import annotations

import argparse
import datetime as dt

from jixiao.cli._django import EXIT_NOT_READY, database_ready

TABLES = {
    "execution": "预算执行情况表（按指标）",
    "function": "一般公共预算支出表（按功能分类）",
    "economic": "一般公共预算基本支出表（按经济分类）",
    "sangong": "“三公”经费支出表",
    "vouchers": "支出凭证清单（可筛选）",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="导出 Excel 表格（中文表头、冻结表头、合计行）")
    parser.add_argument(
        "table", choices=sorted(TABLES), help="；".join(f"{k}={v}" for k, v in TABLES.items())
    )
    parser.add_argument("--department", required=True, help="单位全称或预算单位编码")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--out", required=True, help="输出文件（.xlsx）")
    parser.add_argument("--unit", choices=["元", "万元"], default="元")
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="凭证清单：起始日期")
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="凭证清单：截止日期")
    parser.add_argument("--fund-type", choices=["basic_personnel", "basic_public", "project"])
    parser.add_argument("--econ", dest="econ_prefix", help="凭证清单：经济分类（前缀）")
    parser.add_argument("--project", dest="project_code", help="凭证清单：项目编码")
    parser.add_argument("--q", help="凭证清单：摘要/凭证号/收款人包含")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.exchange.selectors import export_table
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.formats.exports import write_table

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        print(f"错误：{error}")
        return 1
    filters = {}
    if args.table == "vouchers":
        filters = {
            k: getattr(args, k)
            for k in ("date_from", "date_to", "fund_type", "econ_prefix", "project_code", "q")
            if getattr(args, k)
        }
    table = export_table(table=args.table, department=department, year=args.year, unit=args.unit, **filters)
    write_table(table, args.out, stream=args.table == "vouchers")
    print(f"已导出：{table.title} → {args.out}")
    return 0
