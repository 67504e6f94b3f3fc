from tests.apps.projects.conftest import base_template  # noqa: F401  (the same stand-in base.html)
