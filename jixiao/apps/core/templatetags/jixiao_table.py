"""Template tags of the one table component (``jixiao.apps.core.listing``).

``{% table_head listing %}`` the header row with sort links; ``{% table_foot listing unit %}`` the
pinned 合计 row of the filtered rows; ``{% table_pager listing %}`` the pages;
``{% table_columns listing %}`` the chooser of hideable columns (a GET form: works without
JavaScript, and the choice stays in the URL); ``{% table_style listing %}`` hides the chosen ones.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _query(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("core/table/_head.html", takes_context=True)
def table_head(context, listing):
    request = context["request"]
    cells = []
    current = listing.sort.lstrip("-")
    descending = listing.sort.startswith("-")
    for index, column in enumerate(listing.columns):
        cell = {"column": column, "first": index == 0, "aria": "none", "arrow": "", "href": ""}
        if column.can_sort:
            if column.key == current:
                cell["aria"] = "descending" if descending else "ascending"
                cell["arrow"] = " ▼" if descending else " ▲"
                following = column.key if descending else f"-{column.key}"
            else:
                following = column.key
            cell["href"] = _query(request, sort=following, page=None)
        cells.append(cell)
    return {"cells": cells}


@register.inclusion_tag("core/table/_foot.html")
def table_foot(listing, unit="yuan", label="合计"):
    cells = []
    for column in listing.columns[listing.leading_span :]:
        shown = column.total or column.foot is not None
        cells.append(
            {"column": column, "value": listing.totals.get(column.key) if shown else None, "shown": shown}
        )
    return {
        "listing": listing,
        "cells": cells,
        "span": listing.leading_span,
        "unit": unit,
        "label": label,
    }


@register.inclusion_tag("core/table/_pager.html", takes_context=True)
def table_pager(context, listing):
    request = context["request"]
    links = [
        {
            "number": n,
            "href": _query(request, page=n if n != 1 else None) if n else "",
            "current": n == listing.page,
        }
        for n in listing.page_numbers
    ]
    return {
        "listing": listing,
        "links": links,
        "previous": _query(request, page=listing.page - 1 if listing.page > 2 else None),
        "next": _query(request, page=listing.page + 1),
    }


@register.inclusion_tag("core/table/_columns.html", takes_context=True)
def table_columns(context, listing):
    request = context["request"]
    keep = [(k, v) for k, v in request.GET.items() if k not in {"cols", "show", "page"}]
    return {"listing": listing, "keep": keep, "hidden": set(listing.hidden)}


@register.simple_tag
def table_style(listing) -> str:
    """A style rule hiding the chosen columns of this table (by position, header and body alike)."""
    positions = [(i + 1, c.key) for i, c in enumerate(listing.columns) if c.key in listing.hidden]
    if not positions:
        return ""
    table = f"#{listing.table_id}"
    # the 合计 row spans its leading columns, so its cells are found by class, not position
    selectors = ",".join(
        f"{table}>thead>tr>:nth-child({p}),{table}>tbody>tr>:nth-child({p}),{table}>tfoot .col-{key}"
        for p, key in positions
    )
    # the selectors are built from column keys and the table id, both written in code (never input)
    return mark_safe(f"<style>{selectors}{{display:none}}</style>")


@register.simple_tag
def table_colgroup(listing) -> str:
    return format_html(
        "<colgroup>{}</colgroup>",
        format_html_join("", '<col class="col-{}">', ((c.key,) for c in listing.columns)),
    )
