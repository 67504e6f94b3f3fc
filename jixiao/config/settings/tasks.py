"""Background tasks: django-tasks with the database backend of django-tasks-db.

django-tasks 0.12 moved its database backend into the separate package ``django-tasks-db``.
Settings that run a real worker (``jixiao worker``) import this module::

    from jixiao.config.settings.tasks import TASKS, TASKS_APPS
    INSTALLED_APPS += TASKS_APPS

Tests keep the immediate backend, which runs a task when it is enqueued.
"""

TASKS_APPS = ["django_tasks_db"]

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
