"""The rules the checker runs, in order. Each module keeps its own ``RULES`` tuple; this is the
one place that lists the modules. A new module of rules is registered with one line here.
"""

from __future__ import annotations

from jixiao.domain.checker import (
    consistency,
    rules,
    rules_columns,
    rules_compare,
    rules_figures,
    rules_forms,
    rules_indicators,
    rules_levels,
    rules_listed,
    rules_lists,
    rules_marks,
    rules_means,
    rules_measures,
    rules_points,
    rules_rows,
    rules_shares,
    rules_slips,
    rules_standards,
    rules_sums,
    rules_template_hints,
    rules_text,
    rules_titles,
    rules_transposed,
    rules_whole,
    rules_words,
)
from jixiao.domain.checker.base import RULE_DESCRIPTIONS, Rule

ALL_RULES: tuple[Rule, ...] = (
    *rules.RULES,
    *rules_sums.RULES,
    *rules_figures.RULES,
    *rules_points.RULES,
    *rules_compare.RULES,
    *rules_lists.RULES,
    *rules_forms.RULES,
    *rules_indicators.RULES,  # an indicator's actual value in the form against the prose
    *rules_text.RULES,
    *rules_words.RULES,
    *rules_marks.RULES,  # found on the second batch of real reports
    *rules_standards.RULES,
    *rules_slips.RULES,  # found on the fifth batch
    *rules_titles.RULES,  # the title against the text
    *rules_measures.RULES,  # areas, lengths, weights listed and totalled (the parse reads no measures)
    *rules_listed.RULES,  # a list of sources or uses apart from the total it breaks down
    *rules_shares.RULES,  # shares of one whole listed together: at most 100%
    *rules_levels.RULES,  # a township's report against its own level (镇 writing 本乡)
    *rules_columns.RULES,  # a table's 合计 row against its rows
    *rules_means.RULES,  # 人均 against the total and the count
    *rules_template_hints.RULES,  # a template's writing hints left in (warnings)
    *rules_rows.RULES,  # a rate or score column against the identity the table's other rows teach
    *rules_whole.RULES,  # the whole body's execution rate against its budget and spending anywhere
    *rules_transposed.RULES,  # one figure keyed twice with two digits swapped (after the conflict rules)
    *consistency.CONSISTENCY_RULES,  # deductions, problems, measures, charts (warnings)
)

__all__ = ["ALL_RULES", "RULE_DESCRIPTIONS"]
