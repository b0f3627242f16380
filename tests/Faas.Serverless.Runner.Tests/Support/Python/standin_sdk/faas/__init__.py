"""Test stand-in for the faas SDK: just enough of docs/worker-protocol.md to drive the runner agent's tests."""


class ExecutionTerminated(Exception):
    """Raised in a call's thread when the agent terminates it."""


class BaseServiceRunner:
    pass


class Progress:
    def __init__(self, send, execution_id, attempt):
        self._send = send
        self._id = execution_id
        self._attempt = attempt

    def update(self, status=None, progress=None, message=None):
        self._send({"type": "progress", "id": self._id, "attempt": self._attempt,
                    "status": status, "percentComplete": progress, "message": message})
