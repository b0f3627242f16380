"""The end-to-end tests' package: small functions whose effects the tests can observe and count."""

import os
import time

import faas


STATE_DIR = None
"""Set by the tests when they push the package: a function's environment holds none of the host's variables."""


def _state_dir():
    path = STATE_DIR or "/tmp/faas-e2e"
    os.makedirs(path, exist_ok=True)
    return path


def _count(key):
    """Appends one line per call, so a test can count how often user code ran for a key."""
    fd = os.open(os.path.join(_state_dir(), key), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        # Replicas run as uids of their own: the next attempt may run on another one and must append too.
        os.fchmod(fd, 0o666)
    except PermissionError:
        pass
    with open(fd, "a", encoding="utf-8") as handle:
        handle.write("x\n")
    with open(os.path.join(_state_dir(), key), encoding="utf-8") as handle:
        return len(handle.readlines())


class ServiceRunner(faas.BaseServiceRunner):
    def __init__(self, greeting):
        self.greeting = greeting

    def greet(self, name):
        print(f"greeting {name}")
        return {"message": f"{self.greeting} {name}", "version": VERSION}

    def work(self, key: str, seconds: float, progress: faas.Progress):
        progress.update(status="inProgress", progress=10, message="started")
        # Short sleeps keep the call interruptible: a termination lands between them.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
        progress.update(status="inProgress", progress=90, message="almost done")
        return {"runs": _count(key)}

    def flaky(self, key: str):
        if _count(key) == 1:
            raise RuntimeError(f"first attempt for {key} fails")
        return {"key": key}

    def big(self, key: str, size: int):
        """Returns an output of about size bytes."""
        _count(key)
        return {"data": "x" * size}

    def broken(self, key: str):
        _count(key)
        raise ValueError("always broken")

    def nap(self, key: str, seconds: float):
        """Counts its start, then one sleep in C code: only killing the worker stops it early."""
        _count(key + "-started")
        time.sleep(seconds)
        return {"runs": _count(key)}


VERSION = 1
