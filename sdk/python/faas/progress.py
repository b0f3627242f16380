"""Progress reports of one execution."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STATUSES = ("inProgress", "in-progress", "completed", "success", "failed")
"""The status spellings the platform understands; they are sent exactly as given."""

ProgressSender = Callable[[dict[str, Any]], None]


class Progress:
    """Reports the progress of the execution it was created for.

    Functions receive one when their signature has a parameter named ``progress``. Every call to
    :meth:`update` is sent; the platform itself applies its rule that percentages move in steps of five.
    Built without ``send`` (for local tests), it keeps the reports in :attr:`updates` instead.
    """

    def __init__(self, execution_id: str = "local", attempt: int = 1, *, send: ProgressSender | None = None) -> None:
        self.execution_id = execution_id
        self.attempt = attempt
        self.updates: list[dict[str, Any]] = []
        self._send = send if send is not None else self.updates.append

    def update(self, status: str | None = None, progress: int | None = None, message: str | None = None) -> None:
        """Reports a status, a percentage (an int from 0 to 100) and/or a message; None leaves a part out.

        Raises ValueError when the status is not one of :data:`STATUSES`, the percentage is not an int in
        0..100 or the message is not a string.
        """
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
        if progress is not None and (
            isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100
        ):
            raise ValueError(f"progress must be an int from 0 to 100 (use round() for fractions); got {progress!r}")
        if message is not None and not isinstance(message, str):
            raise ValueError(f"message must be a string; got {type(message).__name__}")
        self._send({
            "type": "progress",
            "id": self.execution_id,
            "attempt": self.attempt,
            "status": status,
            "percentComplete": progress,
            "message": message,
        })

    def __repr__(self) -> str:
        return f"Progress(execution_id={self.execution_id!r}, attempt={self.attempt})"
