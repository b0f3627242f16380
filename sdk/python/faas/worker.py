"""The worker process the runner agent starts, one per concurrency slot (docs/worker-protocol.md)::

    python3 -u -m faas.worker --codebase DIR --entry-point main.py --class-name ServiceRunner

It reads requests (init, invoke, terminate, shutdown) as JSON lines on stdin and writes messages (ready,
initFailed, progress, log, result, error) as JSON lines on stdout. It leads its own session (process group), so
the agent can kill it with everything it started; when stdin reaches EOF (the agent is gone) it kills that group,
itself included, at once.
"""

from __future__ import annotations

import argparse
import inspect
import logging
import os
import platform
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO, TextIO

from . import __version__
from .binding import bind_inputs
from .calls import Call, DuplicateExecution, Executor
from .capture import DEFAULT_MAX_LOG_BYTES, OutputRouter
from .context import Context
from .entities import convert_input
from .errors import ExecutionTerminated
from .loader import load_service_class
from .progress import Progress
from .protocol import (
    ProtocolWriter,
    clip,
    encode,
    error_info,
    read_requests,
    simple_error,
    timestamp,
    utf8_size,
    warn,
)
from .runner import BaseServiceRunner

INIT_FAILED_EXIT_CODE = 3
AGENT_GONE_EXIT_CODE = 4
DEFAULT_MAX_OUTPUT_BYTES = 10 * 1024 * 1024
TERMINATE_GRACE_SECONDS = 2.0
"""After the drain, how long terminated calls get to report their error before the worker exits anyway."""

CONTEXT_FIELDS = ("execution", "service", "project", "trigger", "event", "bot")

_EOF = object()
_WAKE = object()


class InvalidRequest(ValueError):
    """A request whose fields do not follow the protocol."""


class Worker:
    """Serves the requests of one runner agent for one service class."""

    def __init__(
        self,
        codebase: str,
        entry_point: str,
        class_name: str,
        writer: ProtocolWriter,
        stderr: TextIO,
        on_eof: Callable[[], None] | None = None,
    ) -> None:
        """``on_eof`` runs on the reader thread when stdin ends (the agent died); by default the worker drains."""
        self._codebase = codebase
        self._entry_point = entry_point
        self._class_name = class_name
        self._writer = writer
        self._router = OutputRouter(self._send_log, stderr)
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._service: BaseServiceRunner | None = None
        self._functions: dict[str, dict[str, str]] | None = None
        self._init_context: dict[str, Any] = {}
        self._executor: Executor | None = None
        self._stopping = False
        self._max_output_bytes = DEFAULT_MAX_OUTPUT_BYTES
        self._on_eof = on_eof if on_eof is not None else lambda: self._inbox.put(_EOF)

    def capture_output(self) -> None:
        """Routes print and logging of calls to their executions (see faas.capture)."""
        self._router.install()

    def _send_log(self, execution_id: str, attempt: int, stream: str, level: str, message: str, created: float) -> None:
        self._writer.send({
            "type": "log",
            "id": execution_id,
            "attempt": attempt,
            "stream": stream,
            "level": level,
            "message": message,
            "timestamp": timestamp(created),
        })

    def serve(self, requests: Iterable[dict[str, Any]]) -> int:
        """Handles requests until shutdown or EOF; returns the exit code."""
        threading.Thread(target=self._read, args=(requests,), name="faas-reader", daemon=True).start()
        while True:
            request = self._inbox.get()
            if request is _WAKE:
                continue
            if request is _EOF:
                return self._shutdown(None)
            kind = request["type"]
            if kind == "init":
                if self._service is not None:
                    warn("ignoring a second init: the service is already initialised")
                elif not self._init(request):
                    return INIT_FAILED_EXIT_CODE
            elif kind == "shutdown":
                return self._shutdown(_drain_seconds(request))
            else:
                self._handle_during_run(request)

    def _read(self, requests: Iterable[dict[str, Any]]) -> None:
        # A reader thread keeps terminate requests flowing while the main thread runs init or a drain, and
        # sees EOF even while init is stuck in C code.
        for request in requests:
            self._inbox.put(request)
        self._on_eof()

    def _handle_during_run(self, request: dict[str, Any]) -> None:
        kind = request["type"]
        if kind == "invoke":
            self._invoke(request)
        elif kind == "terminate":
            self._terminate(request)
        else:
            warn(f"ignoring a request of unknown type {kind!r}")

    # init

    def _init(self, request: dict[str, Any]) -> bool:
        try:
            init_params = _object_field(request, "initParams")
            functions = _functions_field(request)
            concurrency = _concurrency_field(request)
            context = _object_field(request, "context")
            max_output_bytes, max_log_bytes = _limits_field(request)
            service_class = load_service_class(self._codebase, self._entry_point, self._class_name)
            args, kwargs = bind_inputs(service_class, init_params, label=f"{service_class.__name__}.__init__")
            service = service_class(*args, **kwargs)
        except BaseException as error:  # SystemExit from an import is an init failure too, not our exit
            self._writer.send({"type": "initFailed", "error": error_info(error)})
            return False
        self._service = service
        self._functions = functions
        self._max_output_bytes = max_output_bytes
        self._router.max_log_bytes = max_log_bytes
        self._init_context = context
        self._executor = Executor(concurrency, self._run, self._writer.send_line, lambda: self._inbox.put(_WAKE))
        for name in functions or ():
            if problem := self._method_problem(name):
                warn(f"declared function will fail when invoked: {problem}")
        self._writer.send({
            "type": "ready",
            "pid": os.getpid(),
            "python": platform.python_version(),
            "sdkVersion": __version__,
        })
        return True

    # invoke

    def _invoke(self, request: dict[str, Any]) -> None:
        execution_id = request.get("id")
        if not isinstance(execution_id, str) or not execution_id:
            warn(f"ignoring an invoke without a string id: {_preview(request)}")
            return
        attempt = request.get("attempt", 1)
        if not _is_int(attempt):
            return self._reject(execution_id, 1, "InvalidRequest", "invoke 'attempt' must be an integer")
        if self._executor is None:
            return self._reject(execution_id, attempt, "NotReady", "the worker is not initialised: send init first")
        if self._stopping:
            return self._reject(execution_id, attempt, "ShuttingDown", "the worker is shutting down and takes no new calls")
        function = request.get("function")
        problem = self._function_problem(function)
        if problem is not None:
            return self._reject(execution_id, attempt, "FunctionNotFound", problem)
        try:
            inputs = _object_field(request, "input")
            context = _object_field(request, "context")
            self._executor.submit(Call(execution_id, attempt, function, inputs, context))
        except InvalidRequest as error:
            self._reject(execution_id, attempt, "InvalidRequest", str(error))
        except DuplicateExecution as error:
            self._reject(execution_id, attempt, "DuplicateExecution", str(error))

    def _reject(self, execution_id: str, attempt: int, error_type: str, message: str) -> None:
        self._writer.send({
            "type": "error",
            "id": execution_id,
            "attempt": attempt,
            "error": simple_error(error_type, message),
            "terminated": False,
            "durationMs": 0,
        })

    def _function_problem(self, name: Any) -> str | None:
        if not isinstance(name, str) or not name:
            return "invoke has no 'function' name"
        if self._functions is not None and name not in self._functions:
            declared = ", ".join(sorted(self._functions)) or "none"
            return f"function {name!r} is not declared for this module (declared: {declared})"
        return self._method_problem(name)

    def _method_problem(self, name: str) -> str | None:
        class_name = type(self._service).__name__
        if name.startswith("_") or hasattr(BaseServiceRunner, name):
            return f"{name!r} cannot be invoked: it is private or a hook of faas.BaseServiceRunner"
        if not callable(getattr(self._service, name, None)):
            return f"{class_name} has no method {name!r}"
        return None

    def _run(self, call: Call) -> str:
        """Runs a call on a pool thread; returns its result or error line. Never raises."""
        self._router.attach(call.execution_id, call.attempt)
        try:
            return self._execute(call)
        except BaseException as error:  # a worker bug must not lose the call or kill its pool thread
            warn(f"internal error running {call.execution_id}:\n{traceback.format_exc()}")
            return self._error_line(call, error_info(error), terminated=call.terminate_requested)
        finally:
            self._router.detach()

    def _execute(self, call: Call) -> str:
        label = f"{type(self._service).__name__}.{call.function}"
        try:
            method = getattr(self._service, call.function)
            args, kwargs = bind_inputs(method, self._convert_inputs(call), self._injected(call), label=label)
        except Exception as error:
            return self._error_line(call, error_info(error))
        try:
            try:
                call.enter_user_code()
                output = method(*args, **kwargs)
                if inspect.iscoroutine(output):
                    # Imported on first use: it is the worker's heaviest import and most services never need it.
                    import asyncio

                    output = asyncio.run(output)
            finally:
                call.leave_user_code()
        except BaseException as error:  # SystemExit/KeyboardInterrupt in a call fail the call, not the worker
            call.leave_user_code()
            info = error_info(error)
            if isinstance(error, ExecutionTerminated) and not info["message"]:
                info["message"] = "execution terminated"
            return self._error_line(call, info, terminated=call.terminate_requested)
        try:
            encoded = encode(output)
        except (TypeError, ValueError, RecursionError) as error:
            return self._error_line(call, simple_error(
                "OutputNotSerializable", f"the output of {label}() is not JSON-serialisable: {error}"))
        del output
        size = utf8_size(encoded)
        if size > self._max_output_bytes:
            return self._error_line(call, simple_error(
                "OutputTooLarge",
                f"the output of {label}() is {size} bytes of JSON, more than the limit of {self._max_output_bytes} "
                "bytes (maxOutputBytes); store large results elsewhere (an item, a dataset) and return a reference"))
        head = encode({"type": "result", "id": call.execution_id, "attempt": call.attempt, "durationMs": call.duration_ms})
        # Spliced rather than encoded again: the output may be megabytes, one copy of it is enough.
        return head[:-1] + ',"output":' + encoded + "}"

    def _convert_inputs(self, call: Call) -> dict[str, Any]:
        types = (self._functions or {}).get(call.function, {})
        return {name: convert_input(name, types.get(name), value) for name, value in call.inputs.items()}

    def _injected(self, call: Call) -> dict[str, Any]:
        def send_progress(message: dict[str, Any]) -> None:
            if call.finished:
                warn(f"dropping progress of {call.execution_id}: the call already ended")
                return
            if isinstance(message.get("message"), str):
                message["message"] = clip(message["message"])
            self._writer.send(message)

        merged = {**self._init_context, **{key: value for key, value in call.context.items() if value is not None}}
        context = Context(call.execution_id, call.attempt, **{key: merged.get(key) for key in CONTEXT_FIELDS})
        return {"progress": Progress(call.execution_id, call.attempt, send=send_progress), "context": context}

    def _error_line(self, call: Call, info: dict[str, str], *, terminated: bool = False) -> str:
        return encode({
            "type": "error",
            "id": call.execution_id,
            "attempt": call.attempt,
            "error": info,
            "terminated": terminated,
            "durationMs": call.duration_ms,
        })

    # terminate and shutdown

    def _terminate(self, request: dict[str, Any]) -> None:
        execution_id = request.get("id")
        if self._executor is None or self._executor.terminate(execution_id) is None:
            warn(f"terminate {execution_id!r}: no such call in flight")

    def _shutdown(self, drain_seconds: float | None) -> int:
        """Stops taking calls, waits for running ones (``None``: as long as they run), terminates the rest,
        calls ``on_shutdown`` and returns exit code 0."""
        self._stopping = True
        if self._executor is not None:
            deadline = None if drain_seconds is None else time.monotonic() + drain_seconds
            self._wait_for_calls(self._executor, deadline)
            left = self._executor.in_flight()
            if left:
                warn(f"terminating {len(left)} call(s) still running after the drain")
                for call in left:
                    self._executor.terminate(call.execution_id)
                self._wait_for_calls(self._executor, time.monotonic() + TERMINATE_GRACE_SECONDS)
                stuck = self._executor.in_flight()
                if stuck:
                    warn(f"exiting with {len(stuck)} call(s) that did not stop (blocked outside Python code)")
        if self._service is not None:
            try:
                self._service.on_shutdown()
            except BaseException:
                warn("on_shutdown raised:\n" + traceback.format_exc())
        return 0

    def _wait_for_calls(self, executor: Executor, deadline: float | None) -> None:
        """Serves terminate (and refuses invoke) until no call is in flight or the deadline passes; a later
        shutdown with a shorter drain moves the deadline closer."""
        while executor.in_flight():
            timeout = None if deadline is None else deadline - time.monotonic()
            if timeout is not None and timeout <= 0:
                break
            try:
                request = self._inbox.get(timeout=timeout)
            except queue.Empty:
                break
            if request is _WAKE or request is _EOF:
                continue
            if request["type"] == "shutdown":
                sooner = time.monotonic() + _drain_seconds(request)
                deadline = sooner if deadline is None else min(deadline, sooner)
            elif request["type"] == "init":
                warn("ignoring init: the worker is shutting down")
            else:
                self._handle_during_run(request)


def _object_field(request: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = request.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidRequest(f"{request['type']} '{name}' must be an object, got {type(value).__name__}")
    return value


def _functions_field(request: Mapping[str, Any]) -> dict[str, dict[str, str]] | None:
    """Function name -> {input name -> schema type}; None when init names no functions (any public method
    may be invoked, inputs untyped: handy when driving a worker by hand)."""
    functions = request.get("functions")
    if functions is None:
        return None
    if not isinstance(functions, list):
        raise InvalidRequest("init 'functions' must be a list")
    result: dict[str, dict[str, str]] = {}
    for function in functions:
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            raise InvalidRequest(f"init 'functions' entries need a string 'name': {_preview(function)}")
        inputs = function.get("input") or []
        if not isinstance(inputs, list) or not all(isinstance(entry, dict) for entry in inputs):
            raise InvalidRequest(f"function {function['name']!r}: 'input' must be a list of objects")
        result[function["name"]] = {
            entry["name"]: entry.get("type") for entry in inputs if isinstance(entry.get("name"), str)
        }
    return result


def _concurrency_field(request: Mapping[str, Any]) -> int:
    concurrency = request.get("concurrency", 1)
    if not _is_int(concurrency) or concurrency < 1:
        raise InvalidRequest(f"init 'concurrency' must be an integer of at least 1, got {concurrency!r}")
    return concurrency


def _limits_field(request: Mapping[str, Any]) -> tuple[int, int]:
    """(maxOutputBytes, maxLogBytes) of init's optional ``limits``; each defaults to 10 MiB."""
    limits = _object_field(request, "limits")
    values = []
    for name, default in (("maxOutputBytes", DEFAULT_MAX_OUTPUT_BYTES), ("maxLogBytes", DEFAULT_MAX_LOG_BYTES)):
        value = limits.get(name, default)
        if not _is_int(value) or value < 1:
            raise InvalidRequest(f"init 'limits.{name}' must be an integer of at least 1, got {value!r}")
        values.append(value)
    return values[0], values[1]


def _drain_seconds(request: Mapping[str, Any]) -> float:
    drain = request.get("drainSeconds", 0)
    if isinstance(drain, bool) or not isinstance(drain, (int, float)) or not drain >= 0:
        warn(f"shutdown 'drainSeconds' must be a number >= 0, got {drain!r}: not waiting")
        return 0.0
    return min(float(drain), threading.TIMEOUT_MAX)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def _take_protocol_streams() -> tuple[BinaryIO, TextIO]:
    """The protocol's own copies of stdin/stdout; fd 0 becomes /dev/null and fd 1 the stderr.

    User code, C extensions and child processes that write to fd 1 or read fd 0 would otherwise corrupt
    the protocol or steal requests.
    """
    requests = os.fdopen(os.dup(0), "rb")
    messages = os.fdopen(os.dup(1), "w", encoding="utf-8", errors="replace", newline="\n")
    sys.stdout.flush()
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return requests, messages


def _lead_own_session() -> None:
    """Makes this process the leader of a new session and process group, so that killing the group (the
    agent on timeout or terminate, this worker when the agent is gone) also stops what user code started."""
    try:
        os.setsid()
    except OSError:
        pass  # already a group leader (started by hand from a shell): its group is ours


def _exit_with_group() -> None:
    """stdin reached EOF: the agent is gone (killed, crashed). Nobody is left to receive results, and the
    host will run the calls again elsewhere, so stop at once instead of finishing them."""
    warn("stdin closed: the runner agent is gone; killing this worker's process group")
    if os.getpgrp() == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os._exit(AGENT_GONE_EXIT_CODE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m faas.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--codebase", required=True, help="the extracted codebase folder")
    parser.add_argument("--entry-point", default="main.py", help="the module's entry point, relative to the codebase")
    parser.add_argument("--class-name", default="ServiceRunner", help="the service class in the entry point")
    args = parser.parse_args(argv)

    _lead_own_session()
    requests, messages = _take_protocol_streams()
    # The agent owns this process's life (shutdown, EOF): a Ctrl-C sent to the whole process group must
    # not kill running calls before the agent drains them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = Worker(
        args.codebase, args.entry_point, args.class_name, ProtocolWriter(messages), sys.__stderr__, _exit_with_group)
    worker.capture_output()
    return worker.serve(read_requests(requests))


if __name__ == "__main__":
    exit_code = main()
    logging.shutdown()
    sys.__stderr__.flush()
    # Not sys.exit: non-daemon threads started by user code, or a call stuck in C, must not keep a worker
    # that was told to stop alive. on_shutdown is the place for cleanup.
    os._exit(exit_code)
