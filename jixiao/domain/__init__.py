"""The functional core: every rule that can be stated without a database.

Nothing in this package imports Django, ``jixiao.apps``, ``jixiao.config`` or any file-format
library; an import-linter contract in pyproject.toml enforces it. Time is passed in, never
read; money is ``Decimal``, never float.
"""
