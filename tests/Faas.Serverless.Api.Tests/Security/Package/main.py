"""The security tests' package: user code that tries to escape its project, reporting what it got."""

import os

import faas


def _attempt(action):
    try:
        return {"ok": True, "value": action()}
    except OSError as error:
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


def _read(path):
    with open(path, "rb") as handle:
        return handle.read(65536).decode("utf-8", "replace")


def _write(path, content):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
    return len(content)


class Attacker(faas.BaseServiceRunner):
    def marker(self):
        return {"marker": MARKER}

    def environment(self):
        return {"environ": dict(os.environ)}

    def read(self, path):
        return _attempt(lambda: _read(path))

    def write(self, path, content):
        return _attempt(lambda: _write(path, content))

    def processes(self):
        """Every process this code can see, with the environment and command line it could read of each."""
        found = []
        for name in sorted(os.listdir("/proc")):
            if not name.isdigit() or int(name) == os.getpid():
                continue
            found.append({
                "pid": int(name),
                "environ": _attempt(lambda: _read(f"/proc/{name}/environ")),
                "cmdline": _attempt(lambda: _read(f"/proc/{name}/cmdline")),
                "mem": _attempt(lambda: _read(f"/proc/{name}/mem")),
            })
        return {"self": os.getpid(), "uid": os.getuid(), "processes": found}


MARKER = "attacker"
