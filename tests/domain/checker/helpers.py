"""What the rule tests ask of the checker: the findings of one rule on a text, or the only one."""

from jixiao.domain.checker import check_text


def findings(text, rule, **kwargs):
    return [f for f in check_text(text, **kwargs).findings if f.rule == rule]


def only(text, rule, **kwargs):
    found = findings(text, rule, **kwargs)
    assert len(found) == 1, [f.message for f in found]
    return found[0]
