"""What a call knows about its execution and service."""

from __future__ import annotations

import logging
from collections.abc import Mapping, MutableMapping
from typing import Any

from .entities import Resource

EXECUTION_LOGGER = "faas.execution"
EXECUTION_ID_ATTRIBUTE = "faas_execution_id"
"""The LogRecord attribute that ties a record to its execution, whichever thread logs it."""


class ExecutionLogger(logging.LoggerAdapter):
    """A logger whose records belong to one execution, even when logged from a thread the call started."""

    def __init__(self, execution_id: str, logger: logging.Logger | None = None) -> None:
        super().__init__(logger or logging.getLogger(EXECUTION_LOGGER), {EXECUTION_ID_ATTRIBUTE: execution_id})

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        # LoggerAdapter replaces the caller's `extra`; merge instead, keeping the execution id authoritative.
        kwargs["extra"] = {**(kwargs.get("extra") or {}), **(self.extra or {})}
        return msg, kwargs


def _resource(value: Any) -> Any:
    return Resource(value) if isinstance(value, Mapping) else value


class Context:
    """The execution a call runs for, and the service, project, trigger, event and bot around it.

    Functions receive one when their signature has a parameter named ``context``. ``execution``,
    ``service``, ``project``, ``trigger``, ``event`` and ``bot`` are :class:`faas.Resource` objects
    (attribute and ``[]`` access to the JSON fields) or None when the platform sent none (e.g. no trigger
    for a manual run). ``logger`` writes to this execution's log from any thread.
    """

    def __init__(
        self,
        execution_id: str = "local",
        attempt: int = 1,
        *,
        execution: Mapping[str, Any] | None = None,
        service: Mapping[str, Any] | None = None,
        project: Mapping[str, Any] | None = None,
        trigger: Mapping[str, Any] | None = None,
        event: Any = None,
        bot: Mapping[str, Any] | None = None,
        logger: logging.LoggerAdapter | logging.Logger | None = None,
    ) -> None:
        self.execution_id = execution_id
        self.attempt = attempt
        self.execution = _resource(execution)
        self.service = _resource(service)
        self.project = _resource(project)
        self.trigger = _resource(trigger)
        self.event = _resource(event)
        self.bot = _resource(bot)
        self.logger = logger if logger is not None else ExecutionLogger(execution_id)

    def __repr__(self) -> str:
        return f"Context(execution_id={self.execution_id!r}, attempt={self.attempt})"
