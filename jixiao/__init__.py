"""jixiao (绩效): 部门整体支出绩效管理与评价系统.

Layout: ``domain`` is pure Python (money, wording, rules, checker); ``apps`` are the Django
apps around it; ``formats`` reads and writes files (docx/xlsx/pdf) without Django; ``cli``
is the one console script; ``config`` is Django wiring.
"""

__version__ = "0.1.0"
