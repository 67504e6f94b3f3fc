"""Domain errors: each carries a Chinese message meant for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused an action. ``str(error)`` is the Chinese message."""

    code = "domain_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class InvalidAmount(DomainError):
    code = "invalid_amount"


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


class PermissionRefused(DomainError):
    code = "permission_refused"
