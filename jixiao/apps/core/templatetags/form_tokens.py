"""``{% csrf_token %}`` with a one-time form token beside the CSRF token.

Loaded as a template builtin (settings TEMPLATES OPTIONS "builtins"), after Django's own, so this
``csrf_token`` replaces Django's in every template: every form protected against CSRF is also
protected against a double submit (jixiao.apps.core.form_tokens).
"""

from __future__ import annotations

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from jixiao.apps.core.form_tokens import FIELD, new_token

register = template.Library()


class CsrfAndFormTokenNode(CsrfTokenNode):
    def render(self, context):
        csrf = super().render(context)
        if not csrf:
            return csrf
        return mark_safe(csrf + format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token()))


@register.tag
def csrf_token(parser, token):
    return CsrfAndFormTokenNode()
