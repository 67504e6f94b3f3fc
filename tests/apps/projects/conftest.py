"""Until the shared base.html lands, render the pages with a minimal stand-in of the same blocks."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

FALLBACK = Path(__file__).resolve().parent / "templates"


@pytest.fixture(autouse=True)
def base_template(settings):
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [*templates[0]["DIRS"], FALLBACK]
        settings.TEMPLATES = templates
