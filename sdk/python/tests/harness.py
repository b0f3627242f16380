"""Runs `python3 -m faas.worker` as a real subprocess and talks the protocol with it."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
from pathlib import Path
from typing import Any, Callable

SDK_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = SDK_DIR.parents[1]
SAMPLES_DIR = REPO_ROOT / "samples"
TIMEOUT = 10.0


Owner = "unittest.TestCase | type[unittest.TestCase]"


def _add_cleanup(owner: Owner, cleanup: Callable[[], None]) -> None:
    """A test's cleanup, or a test class's when the resource is shared by its tests (setUpClass)."""
    if isinstance(owner, unittest.TestCase):
        owner.addCleanup(cleanup)
    else:
        owner.addClassCleanup(cleanup)


def write_codebase(owner: Owner, files: dict[str, str]) -> Path:
    """A temporary codebase folder with ``files`` (relative path -> source), removed after the test."""
    folder = tempfile.TemporaryDirectory(prefix="faas-codebase-")
    _add_cleanup(owner, folder.cleanup)
    root = Path(folder.name)
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def sample_module(sample: str, module: str) -> dict[str, Any]:
    """A module of a sample's faas.json."""
    schema = json.loads((SAMPLES_DIR / sample / "faas.json").read_text(encoding="utf-8"))
    return next(entry for entry in schema["modules"] if entry["name"] == module)


class WorkerProcess:
    """A worker subprocess: requests go to its stdin, every stdout line must be a JSON message."""

    def __init__(
        self,
        codebase: Path,
        entry_point: str = "main.py",
        class_name: str = "ServiceRunner",
        env: dict[str, str] | None = None,
    ) -> None:
        environment = {
            **os.environ,
            "PYTHONPATH": f"{SDK_DIR}{os.pathsep}{codebase}",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",  # keep the samples' folders clean
            **(env or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "faas.worker", "--codebase", str(codebase),
             "--entry-point", entry_point, "--class-name", class_name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=codebase,
            env=environment,
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.bad_lines: list[str] = []
        self._stderr: list[str] = []
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode("utf-8")
            try:
                message = json.loads(line)
            except ValueError:
                self.bad_lines.append(line)
                continue
            if not isinstance(message, dict) or not line.endswith("\n") or "\n" in line[:-1]:
                self.bad_lines.append(line)
                continue
            self._messages.put(message)
        self._messages.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            self._stderr.append(raw.decode("utf-8", errors="replace"))

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def wait_for_stderr(self, text: str, timeout: float = TIMEOUT) -> str:
        """The stderr so far once it contains ``text``: it is read by its own thread, so it may lag stdout."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on stderr within {timeout}s; stderr:\n{self.stderr}")
            time.sleep(0.01)
        return self.stderr

    def send(self, **request: Any) -> None:
        self.send_line(json.dumps(request))

    def send_line(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((line + "\n").encode("utf-8"))
        self.process.stdin.flush()

    def close_stdin(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()

    def next_message(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        try:
            message = self._messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message within {timeout}s; stderr:\n{self.stderr}") from None
        if message is None:
            self._messages.put(None)
            raise AssertionError(f"worker closed stdout (exit {self.process.poll()}); stderr:\n{self.stderr}")
        return message

    def drain(self, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The messages left until the worker closes stdout."""
        deadline = time.monotonic() + timeout
        collected: list[dict[str, Any]] = []
        while True:
            try:
                message = self._messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"stdout still open after {timeout}s; stderr:\n{self.stderr}") from None
            if message is None:
                self._messages.put(None)
                return collected
            collected.append(message)

    def until(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """Messages up to and including the first that matches ``predicate``."""
        deadline = time.monotonic() + timeout
        collected: list[dict[str, Any]] = []
        while True:
            collected.append(self.next_message(max(0.01, deadline - time.monotonic())))
            if predicate(collected[-1]):
                return collected

    def outcome(self, execution_id: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The result or error of an execution (messages before it are dropped)."""
        return self.until(lambda m: m["type"] in ("result", "error") and m.get("id") == execution_id, timeout)[-1]

    def outcomes(self, execution_ids: list[str], timeout: float = TIMEOUT) -> dict[str, dict[str, Any]]:
        """The result or error of each execution, by id, whatever order they finish in."""
        found: dict[str, dict[str, Any]] = {}

        def record(message: dict[str, Any]) -> bool:
            if message["type"] in ("result", "error") and message.get("id") in execution_ids:
                found[message["id"]] = message
            return len(found) == len(execution_ids)

        self.until(record, timeout)
        return found

    def init(self, **fields: Any) -> dict[str, Any]:
        self.send(type="init", **{"initParams": {}, "concurrency": 1, "context": {}, **fields})
        message = self.next_message()
        if message["type"] != "ready":
            raise AssertionError(f"expected ready, got {message}; stderr:\n{self.stderr}")
        return message

    def invoke(self, execution_id: str, function: str, attempt: int = 1, context: dict[str, Any] | None = None,
               **inputs: Any) -> None:
        self.send(type="invoke", id=execution_id, attempt=attempt, function=function, input=inputs,
                  context=context or {})

    def call(self, function: str, execution_id: str = "e1", **inputs: Any) -> dict[str, Any]:
        self.invoke(execution_id, function, **inputs)
        return self.outcome(execution_id)

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"worker did not exit within {timeout}s; stderr:\n{self.stderr}") from None
        for reader in self._readers:
            reader.join(timeout)
        return code

    def assert_clean_stdout(self) -> None:
        if self.bad_lines:
            raise AssertionError(f"stdout lines that are not protocol messages: {self.bad_lines}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for reader in self._readers:
            reader.join(TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except BrokenPipeError:
                    pass


def start_worker(owner: Owner, codebase: Path, **options: Any) -> WorkerProcess:
    """A worker stopped after the test (or test class), which also fails if stdout carried non-messages."""
    worker = WorkerProcess(codebase, **options)
    _add_cleanup(owner, worker.stop)
    _add_cleanup(owner, worker.assert_clean_stdout)
    return worker
