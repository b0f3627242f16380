"""chaos: the function bench/chaos/chaos.py keeps busy while it kills the platform's processes."""

import os
import time

import faas

RUNS_DIR = None
"""Set by chaos.py when it pushes the package: a folder every replica may write (the host's SharedPaths)."""


class ServiceRunner(faas.BaseServiceRunner):
    def work(self, key: str, seconds: float):
        # Short sleeps: the call stays interruptible, and a worker in a call is seen sleeping (chaos.py looks for one).
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
        # Counted when the body ends: a call killed half-way leaves no line.
        fd = os.open(os.path.join(RUNS_DIR, key), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.fchmod(fd, 0o666)
        except PermissionError:
            pass
        try:
            os.write(fd, b"x\n")
        finally:
            os.close(fd)
        return {"key": key}
