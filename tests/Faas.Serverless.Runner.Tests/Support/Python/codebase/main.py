"""Test codebase for the runner agent's component tests; runs on the real SDK and on the stand-in."""
import os
import time

import faas

Base = getattr(faas, "BaseServiceRunner", object)


class ServiceRunner(Base):
    def __init__(self, fail_init=False):
        super().__init__()
        if fail_init:
            raise ValueError("init failed on purpose")

    def echo(self, payload):
        print(f"echo {payload}")
        print("second line")
        return {"echo": payload}

    def sleep(self, seconds):
        end = time.time() + float(seconds)
        while time.time() < end:
            time.sleep(0.02)
        return {"slept": seconds}

    def fail(self):
        raise ValueError("boom")

    def crash(self):
        os._exit(17)

    def report(self, progress):
        progress.update(status="inProgress", progress=50, message="halfway")
        print("after progress")
        return "done"
