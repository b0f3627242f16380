"""Test codebase for the runner agent's component tests; runs on the real SDK and on the stand-in."""
import os
import sys
import time

import faas

Base = getattr(faas, "BaseServiceRunner", object)


class ServiceRunner(Base):
    def __init__(self, fail_init=False, fail_if_exists=None):
        super().__init__()
        if fail_init or (fail_if_exists and os.path.exists(fail_if_exists)):
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
        sys.__stderr__.write("about to crash\n")
        sys.__stderr__.flush()
        os._exit(17)

    def kill_self(self):
        os.kill(os.getpid(), 9)

    def block(self, progress, seconds, marker=None):
        """One sleep in C code: only killing the process stops it early."""
        progress.update(status="inProgress", progress=0, message=str(os.getpid()))
        time.sleep(float(seconds))
        if marker:
            with open(marker, "w") as handle:
                handle.write("finished")
        return "woke"

    def detach_child(self, progress):
        """Starts a process whose parent exits at once (a daemon): only its process group still ties it to the call."""
        import subprocess

        started = subprocess.run(["sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True, check=True)
        progress.update(status="inProgress", progress=0, message=started.stdout.strip())
        time.sleep(60)

    def environ(self):
        return sorted(os.environ)

    def big_output(self, megabytes):
        return "x" * int(float(megabytes) * 1024 * 1024)

    def big_print(self, megabytes):
        print(("y" * 99 + "\n") * int(float(megabytes) * 1024 * 1024 / 100), end="")
        return "printed"

    def report(self, progress):
        progress.update(status="inProgress", progress=50, message="halfway")
        print("after progress")
        return "done"
