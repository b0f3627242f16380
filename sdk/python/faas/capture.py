"""Turns what calls print and log into log lines of their own execution.

A replica runs several calls at once on different threads, so ``sys.stdout``/``sys.stderr`` are replaced by
proxies that look up the writing thread, and a root logging handler does the same for log records. Threads
that are not running a call (the worker itself, threads user code started) write to the real stderr: a
thread a call starts does not inherit its execution, use ``context.logger`` there.

Each execution may log at most ``max_log_bytes`` (UTF-8 bytes of its messages); from the first line that does
not fit, its lines are counted instead of sent, and one ``[truncated: N lines dropped]`` line ends its log.
Output is cut into lines as it is written, never copied whole, so a huge ``print`` costs no more memory than
its own argument.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from .context import EXECUTION_ID_ATTRIBUTE
from .protocol import clip, utf8_size

MAX_LINE = 16 * 1024
"""Longer output without a newline (progress bars redrawn with \\r...) is cut into lines of this size."""

DEFAULT_MAX_LOG_BYTES = 10 * 1024 * 1024

STREAM_LEVELS = {"stdout": "INFO", "stderr": "ERROR"}

TRUNCATED_STREAM = "stderr"
TRUNCATED_LEVEL = "WARNING"

LogSink = Callable[[str, int, str, str, str, float], None]
"""(execution id, attempt, stream, level, message, created as a Unix time) -> None."""


class _Attachment:
    """The execution a call thread is running, with the unfinished line of each stream and its log budget."""

    __slots__ = ("execution_id", "attempt", "pending", "budget", "dropped", "lock")

    def __init__(self, execution_id: str, attempt: int, budget: int) -> None:
        self.execution_id = execution_id
        self.attempt = attempt
        self.pending = {"stdout": "", "stderr": ""}
        self.budget = budget
        self.dropped = 0
        self.lock = threading.Lock()

    def admit(self, message: str) -> bool:
        """Whether ``message`` fits in what is left of the budget; once one line did not, none does."""
        with self.lock:
            if not self.dropped:
                size = utf8_size(message)
                if size <= self.budget:
                    self.budget -= size
                    return True
            self.dropped += 1
            return False

    def drop(self) -> None:
        with self.lock:
            self.dropped += 1


class OutputRouter:
    """Knows which thread runs which execution and routes output to that execution's log."""

    def __init__(self, sink: LogSink, fallback: TextIO) -> None:
        self._sink = sink
        self._fallback = fallback
        self.max_log_bytes = DEFAULT_MAX_LOG_BYTES
        self._by_thread: dict[int, _Attachment] = {}
        self._by_execution: dict[str, _Attachment] = {}
        self._lock = threading.Lock()
        self.handler = _RoutingHandler(self)

    def install(self) -> None:
        """Replaces sys.stdout/sys.stderr and adds the handler to the root logger (level INFO, so that
        ``logger.info`` in user code reaches the execution log without configuration)."""
        sys.stdout = CapturingStream(self, "stdout", self._fallback)
        sys.stderr = CapturingStream(self, "stderr", self._fallback)
        root = logging.getLogger()
        root.addHandler(self.handler)
        root.setLevel(logging.INFO)

    def attach(self, execution_id: str, attempt: int) -> None:
        """From now on the current thread's output belongs to this execution."""
        attachment = _Attachment(execution_id, attempt, self.max_log_bytes)
        with self._lock:
            self._by_thread[threading.get_ident()] = attachment
            self._by_execution[execution_id] = attachment

    def detach(self) -> None:
        """Sends the current thread's unfinished lines, then the truncation line if lines were dropped, and
        stops routing its output."""
        with self._lock:
            attachment = self._by_thread.pop(threading.get_ident(), None)
            if attachment is not None and self._by_execution.get(attachment.execution_id) is attachment:
                del self._by_execution[attachment.execution_id]
        if attachment is None:
            return
        created = time.time()
        for stream, rest in attachment.pending.items():
            if rest:
                self._emit(attachment, stream, STREAM_LEVELS[stream], rest, created)
                attachment.pending[stream] = ""
        if attachment.dropped:
            message = f"[truncated: {attachment.dropped} lines dropped]"
            self._sink(attachment.execution_id, attachment.attempt, TRUNCATED_STREAM, TRUNCATED_LEVEL, message, created)

    def write(self, stream: str, text: str) -> None:
        """Sends each line of ``text`` as it completes: a newline, or MAX_LINE characters, end a line."""
        attachment = self._by_thread.get(threading.get_ident())
        if attachment is None:
            self._fallback.write(text)
            return
        created = time.time()
        level = STREAM_LEVELS[stream]
        pending = attachment.pending[stream]
        position, size = 0, len(text)
        while position < size:
            room = MAX_LINE - len(pending)
            newline = text.find("\n", position, position + room + 1)
            if newline >= 0:
                end, resume = newline, newline + 1
            elif size - position <= room:
                pending += text[position:]
                break
            else:
                end = resume = position + room
            if attachment.dropped:
                attachment.drop()  # counted, not sliced: dropped output is never copied
            else:
                line = pending + text[position:end]
                self._emit(attachment, stream, level, line.removesuffix("\r") if newline >= 0 else line, created)
            pending = ""
            position = resume
        attachment.pending[stream] = pending

    def is_attached(self) -> bool:
        return threading.get_ident() in self._by_thread

    def route_record(self, record: logging.LogRecord, message: str) -> bool:
        """Sends a formatted record to its execution's log; False when it belongs to none."""
        execution_id = getattr(record, EXECUTION_ID_ATTRIBUTE, None)
        if isinstance(execution_id, str):
            attachment = self._by_execution.get(execution_id)
        else:
            thread = record.thread if record.thread is not None else threading.get_ident()
            attachment = self._by_thread.get(thread)
        if attachment is None:
            return False
        message = clip(message)
        if attachment.admit(message):
            self._sink(attachment.execution_id, attachment.attempt, "logging", record.levelname, message, record.created)
        return True

    def write_fallback(self, text: str) -> None:
        self._fallback.write(text)
        self._fallback.flush()

    def _emit(self, attachment: _Attachment, stream: str, level: str, line: str, created: float) -> None:
        if attachment.admit(line):
            self._sink(attachment.execution_id, attachment.attempt, stream, level, line, created)


class CapturingStream(io.TextIOBase):
    """sys.stdout/sys.stderr while the worker runs: line-buffered per execution, never the protocol stream."""

    def __init__(self, router: OutputRouter, name: str, fallback: TextIO) -> None:
        super().__init__()
        self._router = router
        self._name = name
        self._fallback = fallback

    @property
    def encoding(self) -> str:
        return "utf-8"

    @property
    def errors(self) -> str:
        return "strict"

    @property
    def name(self) -> str:
        return f"<faas {self._name}>"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._router.write(self._name, text)
        return len(text)

    def flush(self) -> None:
        # Lines are sent as they complete; an unfinished line waits for its newline or the end of the call.
        if not self._router.is_attached():
            self._fallback.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        # Code that hands sys.stdout to a subprocess or faulthandler gets the real stderr, never the protocol.
        return self._fallback.fileno()

    def close(self) -> None:
        """Ignored: a library closing sys.stdout must not break the output of later calls."""


class _RoutingHandler(logging.Handler):
    """Root handler: records of a call go to its execution log, others to the worker's stderr."""

    def __init__(self, router: OutputRouter) -> None:
        super().__init__()
        self._router = router
        self.setFormatter(logging.Formatter("%(message)s"))
        self._fallback_formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if not self._router.route_record(record, self.format(record)):
                self._router.write_fallback(self._fallback_formatter.format(record) + "\n")
        except Exception:  # logging must never raise into user code
            self.handleError(record)
