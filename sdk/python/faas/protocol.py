"""The JSON-lines channel to the runner agent (docs/worker-protocol.md)."""

from __future__ import annotations

import datetime
import json
import os
import sys
import threading
import traceback
from collections.abc import Iterator
from types import TracebackType
from typing import Any, BinaryIO, TextIO

_SDK_DIR = os.path.dirname(os.path.abspath(__file__))

MAX_TEXT = 32 * 1024
"""Error messages, tracebacks, progress messages and log records are cut to this many characters, so that no
line but a result can grow large (the agent refuses lines much longer than the output limit)."""


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, marked when cut."""
    return text if len(text) <= limit else text[:limit] + "… [truncated]"


def clip_start(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` without its beginning beyond ``limit`` characters: a traceback's end names the error."""
    return text if len(text) <= limit else "[truncated] \u2026" + text[-limit:]


def utf8_size(text: str) -> int:
    """The UTF-8 size of ``text``, without a copy when it is ASCII."""
    return len(text) if text.isascii() else len(text.encode("utf-8", errors="replace"))


def encode(message: dict[str, Any]) -> str:
    """One protocol line (without its newline). Raises ValueError for NaN/Infinity, TypeError for other values
    JSON cannot hold; entities and resources are written as their JSON."""
    return json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_to_json)


def _to_json(value: Any) -> Any:
    to_json = getattr(type(value), "to_json", None)
    if callable(to_json):
        return to_json(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class ProtocolWriter:
    """The only writer of the protocol stream: one JSON object per line, whole lines, from any thread."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._broken = False

    def send(self, message: dict[str, Any]) -> None:
        """Encodes (raising like :func:`encode`) and writes one message."""
        self.send_line(encode(message))

    def send_line(self, line: str) -> None:
        with self._lock:
            if self._broken:
                return
            try:
                self._stream.write(line + "\n")
                self._stream.flush()
            except (BrokenPipeError, ValueError, OSError) as error:
                # The agent is gone; stdin's EOF will shut the worker down, so keep running until then.
                self._broken = True
                warn(f"protocol stream closed, dropping further messages: {error}")


def read_requests(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    """The requests on ``stream`` until EOF. Lines that are not a JSON object with a string ``type`` are
    reported on stderr and skipped, so a bad line never stops the worker."""
    for number, raw in enumerate(stream, start=1):
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as error:
            warn(f"ignoring request line {number}: not JSON ({error}): {line[:200]!r}")
            continue
        if not isinstance(request, dict) or not isinstance(request.get("type"), str):
            warn(f"ignoring request line {number}: not an object with a string 'type': {line[:200]!r}")
            continue
        yield request


def error_info(error: BaseException) -> dict[str, str]:
    """The protocol's ``{type, message, traceback}`` for an exception, its causes included.

    Leading frames of the SDK itself (the worker calling into user code, the import machinery) are left out: they are the same
    for every call and hide the user's own frames. An error the SDK raised itself (an input that matches no
    parameter...) is then just its message line.
    """
    tb: TracebackType | None = error.__traceback__
    while tb is not None and _is_sdk_frame(tb):
        tb = tb.tb_next
    lines = traceback.format_exception(type(error), error, tb)
    return {"type": type(error).__name__, "message": clip(str(error)), "traceback": clip_start("".join(lines))}


def _is_sdk_frame(tb: TracebackType) -> bool:
    filename = tb.tb_frame.f_code.co_filename
    # The import system's frames sit between the loader and the user's module-level code.
    if filename.startswith("<frozen importlib."):
        return True
    return os.path.dirname(os.path.abspath(filename)) == _SDK_DIR


def simple_error(error_type: str, message: str) -> dict[str, str]:
    """An error the worker itself reports (no user frames to show)."""
    return {"type": error_type, "message": clip(message), "traceback": ""}


def timestamp(seconds: float) -> str:
    """ISO 8601 UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z."""
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def warn(message: str) -> None:
    """A worker diagnostic on the real stderr, which the agent forwards to its own log."""
    stream = sys.__stderr__
    if stream is not None:
        try:
            stream.write(f"faas.worker: {message}\n")
            stream.flush()
        except (OSError, ValueError):
            pass
