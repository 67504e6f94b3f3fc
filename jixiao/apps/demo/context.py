"""What each area's demo step receives."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    bureau: object
    department: object  # 常宁市科学技术协会
    users: dict = field(default_factory=dict)  # role value → User
    years: tuple[int, ...] = (2022, 2023)
