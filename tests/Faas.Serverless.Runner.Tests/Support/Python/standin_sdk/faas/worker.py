"""Stand-in worker (tests only): python -u -m faas.worker --codebase D --entry-point E --class-name C."""
import argparse
import ctypes
import datetime
import importlib
import inspect
import json
import os
import platform
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from faas import ExecutionTerminated, Progress

_out = sys.stdout
_out_lock = threading.Lock()
_local = threading.local()
_running = {}
_running_lock = threading.Lock()


def send(message):
    line = json.dumps(message)
    with _out_lock:
        _out.write(line + "\n")
        _out.flush()


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


class Capture:
    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        current = getattr(_local, "call", None)
        if current is None:
            sys.__stderr__.write(text)
            return len(text)
        buffer = getattr(_local, "buffer", "") + text
        *lines, rest = buffer.split("\n")
        _local.buffer = rest
        for line in lines:
            send({"type": "log", "id": current[0], "attempt": current[1], "stream": self.stream,
                  "level": "INFO" if self.stream == "stdout" else "ERROR", "message": line, "timestamp": now()})
        return len(text)

    def flush(self):
        pass


def error_info(error):
    return {"type": type(error).__name__, "message": str(error), "traceback": traceback.format_exc()}


def run_call(service, request):
    execution_id, attempt = request["id"], request["attempt"]
    _local.call = (execution_id, attempt)
    _local.buffer = ""
    with _running_lock:
        _running[execution_id] = threading.get_ident()
    started = time.time()
    try:
        function = getattr(service, request["function"])
        kwargs = dict(request.get("input") or {})
        if "progress" in inspect.signature(function).parameters:
            kwargs["progress"] = Progress(send, execution_id, attempt)
        output = function(**kwargs)
        send({"type": "result", "id": execution_id, "attempt": attempt, "output": output,
              "durationMs": (time.time() - started) * 1000})
    except ExecutionTerminated as error:
        send({"type": "error", "id": execution_id, "attempt": attempt, "error": error_info(error),
              "terminated": True, "durationMs": (time.time() - started) * 1000})
    except Exception as error:  # noqa: BLE001 - every user error is reported
        send({"type": "error", "id": execution_id, "attempt": attempt, "error": error_info(error),
              "terminated": False, "durationMs": (time.time() - started) * 1000})
    finally:
        with _running_lock:
            _running.pop(execution_id, None)
        _local.call = None


def terminate(execution_id):
    with _running_lock:
        thread_id = _running.get(execution_id)
    if thread_id is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(ExecutionTerminated))


def main():
    os.setsid()
    parser = argparse.ArgumentParser()
    parser.add_argument("--codebase", required=True)
    parser.add_argument("--entry-point", required=True)
    parser.add_argument("--class-name", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.codebase)
    sys.stdout = Capture("stdout")
    sys.stderr = Capture("stderr")
    service = None
    pool = None
    for line in sys.stdin:
        request = json.loads(line)
        kind = request["type"]
        if kind == "init":
            try:
                module = importlib.import_module(args.entry_point[:-3].replace("/", "."))
                service = getattr(module, args.class_name)(**request.get("initParams", {}))
            except Exception as error:  # noqa: BLE001
                send({"type": "initFailed", "error": error_info(error)})
                sys.exit(3)
            pool = ThreadPoolExecutor(max_workers=request.get("concurrency", 1))
            send({"type": "ready", "pid": os.getpid(), "python": platform.python_version(), "sdkVersion": "stand-in"})
        elif kind == "invoke":
            pool.submit(run_call, service, request)
        elif kind == "terminate":
            terminate(request["id"])
        elif kind == "shutdown":
            deadline = time.time() + float(request.get("drainSeconds", 0))
            while time.time() < deadline:
                with _running_lock:
                    if not _running:
                        break
                time.sleep(0.02)
            os._exit(0)
    os._exit(0)


if __name__ == "__main__":
    main()
