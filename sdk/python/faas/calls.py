"""Calls in flight: the thread pool that runs them and their termination."""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from .errors import ExecutionTerminated
from .protocol import encode, simple_error

# Two prototypes of one C function: raising takes an exception class, clearing takes NULL (which a
# py_object argument cannot carry: None would be passed as Py_None).
_raise_async = ctypes.pythonapi["PyThreadState_SetAsyncExc"]
_raise_async.argtypes = (ctypes.c_ulong, ctypes.py_object)
_raise_async.restype = ctypes.c_int
_clear_async = ctypes.pythonapi["PyThreadState_SetAsyncExc"]
_clear_async.argtypes = (ctypes.c_ulong, ctypes.c_void_p)
_clear_async.restype = ctypes.c_int


class DuplicateExecution(Exception):
    """An invoke reused the id of a call that is still queued or running."""


class Call:
    """One invocation, from the invoke request until its result or error is sent.

    Termination raises :class:`ExecutionTerminated` in the call's thread with PyThreadState_SetAsyncExc. The
    exception is only raised while the thread is inside user code (``enter``/``leave`` bracket it under a
    lock), at most once, and a pending one is cleared when user code returns, so it never lands in the
    worker's own bookkeeping. Python raises it at the next bytecode the thread runs: a call blocked in C
    (a long ``time.sleep``, a socket read, a NumPy kernel) is interrupted only when that returns.
    """

    def __init__(
        self, execution_id: str, attempt: int, function: str, inputs: dict[str, Any], context: dict[str, Any]
    ) -> None:
        self.execution_id = execution_id
        self.attempt = attempt
        self.function = function
        self.inputs = inputs
        self.context = context
        self.started = time.monotonic()
        self.finished = False
        self.terminate_requested = False
        self._lock = threading.Lock()
        self._thread_id: int | None = None
        self._in_user_code = False
        self._interrupt_sent = False

    @property
    def duration_ms(self) -> int:
        return int((time.monotonic() - self.started) * 1000)

    def start(self) -> bool:
        """Claims the call for the current thread; False when it was terminated while queued."""
        with self._lock:
            if self.terminate_requested:
                return False
            self._thread_id = threading.get_ident()
            self.started = time.monotonic()
            return True

    def enter_user_code(self) -> None:
        """Called right before user code runs; raises ExecutionTerminated if termination already came."""
        with self._lock:
            if self.terminate_requested:
                raise ExecutionTerminated("execution terminated before the function started")
            self._in_user_code = True

    def leave_user_code(self) -> None:
        """Called as soon as user code returned or raised; idempotent."""
        with self._lock:
            self._in_user_code = False
            if self._interrupt_sent and self._thread_id is not None:
                _clear_async(self._thread_id, None)

    def request_terminate(self) -> bool:
        """Marks the call terminated and interrupts user code if it is running; True when it had not started."""
        with self._lock:
            self.terminate_requested = True
            if self._thread_id is None:
                return True
            if self._in_user_code and not self._interrupt_sent:
                self._interrupt_sent = True
                if _raise_async(self._thread_id, ExecutionTerminated) > 1:
                    # Cannot happen for a live thread id; undo rather than interrupt unrelated threads.
                    _clear_async(self._thread_id, None)
            return False


class Executor:
    """A fixed pool of daemon threads running calls in arrival order, and the registry of calls in flight.

    Daemon threads, so that a call stuck in C code cannot keep a shut-down worker alive.
    """

    def __init__(
        self,
        size: int,
        run: Callable[[Call], str],
        send: Callable[[str], None],
        on_complete: Callable[[], None],
    ) -> None:
        self._run = run
        self._send = send
        self._on_complete = on_complete
        self._queue: queue.SimpleQueue[Call] = queue.SimpleQueue()
        self._calls: dict[str, Call] = {}
        self._lock = threading.Lock()
        for index in range(size):
            threading.Thread(target=self._work, name=f"faas-call-{index + 1}", daemon=True).start()

    def submit(self, call: Call) -> None:
        with self._lock:
            if call.execution_id in self._calls:
                raise DuplicateExecution(f"execution {call.execution_id!r} is already queued or running on this worker")
            self._calls[call.execution_id] = call
        self._queue.put(call)

    def terminate(self, execution_id: str) -> Call | None:
        """Terminates a call; a queued one is answered at once. None when no such call is in flight."""
        with self._lock:
            call = self._calls.get(execution_id)
        if call is not None and call.request_terminate():
            self.complete(call, None)
        return call

    def in_flight(self) -> list[Call]:
        with self._lock:
            return list(self._calls.values())

    def complete(self, call: Call, line: str | None) -> None:
        """Sends a call's final message (an encoded protocol line) and forgets the call, at most once.

        ``None`` means terminated before it started. The registry entry goes in the same critical section as
        the send, so an agent that retries the id as soon as it reads the outcome is not told it is a duplicate.
        """
        with self._lock:
            if call.finished:
                return
            call.finished = True
            self._calls.pop(call.execution_id, None)
            self._send(line if line is not None else encode(terminated_before_start(call)))
        self._on_complete()

    def _work(self) -> None:
        while True:
            call = self._queue.get()
            if call.start():
                self.complete(call, self._run(call))


def terminated_before_start(call: Call) -> dict[str, Any]:
    return {
        "type": "error",
        "id": call.execution_id,
        "attempt": call.attempt,
        "error": simple_error(ExecutionTerminated.__name__, "execution terminated before the function started"),
        "terminated": True,
        "durationMs": 0,
    }
