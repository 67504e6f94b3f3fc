from __future__ import annotations

import pytest

from jixiao.apps.orgs.models import Role
from tests.factories import bureau_user


@pytest.fixture
def sysadmin(bureau):
    return bureau_user(bureau, role=Role.SYSTEM_ADMIN, username="admin", full_name="系统管理员")
