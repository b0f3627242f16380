"""The worker as the runner agent sees it: a subprocess speaking JSON lines."""

from __future__ import annotations

import os
import signal
import time
import unittest
from pathlib import Path

from harness import start_worker, write_codebase

SERVICE = '''
import asyncio
import logging
import os
import sys
import threading
import time

import faas

log = logging.getLogger("user.code")


class ServiceRunner(faas.BaseServiceRunner):
    def __init__(self, greeting="Hello", shutdown_marker=None):
        self.greeting = greeting
        self.shutdown_marker = shutdown_marker

    def hello(self, name):
        return {"greeting": f"{self.greeting} {name}"}

    def chatty(self, tag, delay=0.2):
        print(f"start {tag}")
        time.sleep(delay)
        log.warning("logged %s", tag)
        print(f"error {tag}", file=sys.stderr)
        print(f"partial {tag}", end="")
        return tag

    def steps(self, progress: faas.Progress):
        progress.update(status="inProgress", progress=10, message="ten")
        progress.update(status="in-progress", progress=55)
        progress.update(status="completed", progress=100, message="done")
        return "stepped"

    def bad_progress(self, progress):
        progress.update(progress=101)

    def fail(self):
        def inner():
            raise ValueError("boom")
        inner()

    def loop(self, progress):
        progress.update(status="inProgress", progress=0, message="looping")
        while True:
            time.sleep(0.01)

    def stubborn(self, progress):
        try:
            progress.update(status="inProgress", progress=0)
            while True:
                time.sleep(0.01)
        except faas.ExecutionTerminated:
            print("cleaning up")
            raise

    def sleep(self, seconds):
        time.sleep(seconds)
        return seconds

    def about(self, context: faas.Context):
        return {
            "executionId": context.execution_id,
            "attempt": context.attempt,
            "execution": context.execution.id,
            "service": context.service.name,
            "project": context.project["id"],
            "bot": context.bot.email,
            "trigger": context.trigger,
            "event": context.event.kind,
        }

    def entities(self, item: faas.Item, datasets, note=None):
        return {
            "item": [type(item).__name__, item.id, getattr(item, "name", None)],
            "datasets": [[type(d).__name__, d.id] for d in datasets],
            "note": note,
        }

    def everything(self, **kwargs):
        return {name: type(value).__name__ for name, value in sorted(kwargs.items())}

    def optional(self, a, b=2):
        return [a, b]

    def not_json(self):
        return {"values": {1, 2}}

    def nan(self):
        return [float("nan")]

    def item_out(self, item: faas.Item):
        return {"item": item}

    async def doubled(self, x):
        await asyncio.sleep(0)
        return x * 2

    def exits(self):
        sys.exit(5)

    def raw_stdout(self):
        os.write(1, b"raw bytes on fd 1\\n")
        sys.__stdout__.write("through sys.__stdout__\\n")
        threading.Thread(target=print, args=("from a child thread",)).start()
        return "ok"

    def child_logger(self, context):
        worker = threading.Thread(target=lambda: context.logger.info("child says hi"))
        worker.start()
        worker.join()
        return "ok"

    def late_progress(self, progress):
        threading.Timer(0.1, progress.update, kwargs={"progress": 5}).start()
        return "ok"

    def big_output(self, megabytes):
        return "x" * int(megabytes * 1024 * 1024)

    def big_print(self, megabytes):
        print(("y" * 99 + "\\n") * int(megabytes * 1024 * 1024 / 100), end="")
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def many_lines(self, count):
        for index in range(count):
            print(f"line {index}")
            log.info("record %d", index)
        return count

    def spawn_sleeper(self, progress):
        import subprocess
        child = subprocess.Popen(["sleep", "60"])
        progress.update(message=str(child.pid))
        time.sleep(60)

    def _private(self):
        return "secret"

    def on_shutdown(self):
        if self.shutdown_marker:
            with open(self.shutdown_marker, "w") as handle:
                handle.write("bye")
'''

FUNCTIONS = [
    {"name": "hello", "input": [{"name": "name", "type": "String"}]},
    {"name": "chatty", "input": [{"name": "tag", "type": "String"}, {"name": "delay", "type": "Float"}]},
    {"name": "steps", "input": []},
    {"name": "bad_progress", "input": []},
    {"name": "fail", "input": []},
    {"name": "loop", "input": []},
    {"name": "stubborn", "input": []},
    {"name": "sleep", "input": [{"name": "seconds", "type": "Float"}]},
    {"name": "about", "input": []},
    {"name": "entities", "input": [{"name": "item", "type": "Item"}, {"name": "datasets", "type": "dataset[]"}]},
    {"name": "everything", "input": [{"name": "a", "type": "Json"}]},
    {"name": "optional", "input": [{"name": "a", "type": "Integer"}, {"name": "b", "type": "Integer"}]},
    {"name": "not_json", "input": []},
    {"name": "nan", "input": []},
    {"name": "item_out", "input": [{"name": "item", "type": "Item"}]},
    {"name": "doubled", "input": [{"name": "x", "type": "Integer"}]},
    {"name": "exits", "input": []},
    {"name": "raw_stdout", "input": []},
    {"name": "child_logger", "input": []},
    {"name": "late_progress", "input": []},
    {"name": "big_output", "input": [{"name": "megabytes", "type": "Float"}]},
    {"name": "big_print", "input": [{"name": "megabytes", "type": "Float"}]},
    {"name": "many_lines", "input": [{"name": "count", "type": "Integer"}]},
    {"name": "spawn_sleeper", "input": []},
    {"name": "_private", "input": []},
    {"name": "declared_only", "input": []},
]


class WorkerTestCase(unittest.TestCase):
    def start(self, files: dict[str, str] | None = None, **options):
        codebase = write_codebase(self, files or {"main.py": SERVICE})
        return start_worker(self, codebase, **options), codebase

    def ready_worker(self, concurrency: int = 1, **init):
        worker, codebase = self.start()
        worker.init(functions=FUNCTIONS, concurrency=concurrency, **init)
        return worker, codebase


class InitTests(WorkerTestCase):
    def test_init_succeeds_sends_ready_with_pid_python_and_sdk_version(self):
        worker, _ = self.start()
        ready = worker.init(functions=FUNCTIONS)
        self.assertEqual(worker.process.pid, ready["pid"])
        self.assertRegex(ready["python"], r"^3\.\d+\.\d+")
        self.assertRegex(ready["sdkVersion"], r"^\d+\.\d+\.\d+")

    def test_init_params_passed_to_init_by_name(self):
        worker, _ = self.start()
        worker.init(functions=FUNCTIONS, initParams={"greeting": "Hej"})
        self.assertEqual({"greeting": "Hej Ada"}, worker.call("hello", name="Ada")["output"])

    def test_init_raises_init_failed_with_traceback_and_exit_3(self):
        worker, _ = self.start({"main.py": """
            import faas

            class ServiceRunner(faas.BaseServiceRunner):
                def __init__(self, threshold):
                    if threshold > 1:
                        raise ValueError(f"threshold must be at most 1, got {threshold}")
        """})
        worker.send(type="init", initParams={"threshold": 7}, functions=[], concurrency=1, context={})
        message = worker.next_message()
        self.assertEqual("initFailed", message["type"])
        self.assertEqual("ValueError", message["error"]["type"])
        self.assertEqual("threshold must be at most 1, got 7", message["error"]["message"])
        self.assertIn("main.py", message["error"]["traceback"])
        self.assertIn('raise ValueError(f"threshold must be at most 1', message["error"]["traceback"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_class_missing_init_failed_naming_the_classes_found(self):
        worker, _ = self.start({"main.py": "import faas\n\nclass Other(faas.BaseServiceRunner):\n    pass\n"})
        worker.send(type="init", functions=[])
        message = worker.next_message()
        self.assertEqual("initFailed", message["type"])
        self.assertEqual("ClassNotFound", message["error"]["type"])
        self.assertIn("'ServiceRunner' not found", message["error"]["message"])
        self.assertIn("Other", message["error"]["message"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_class_not_base_service_runner_init_failed(self):
        worker, _ = self.start({"main.py": "class ServiceRunner:\n    pass\n"})
        worker.send(type="init", functions=[])
        message = worker.next_message()
        self.assertEqual("InvalidServiceClass", message["error"]["type"])
        self.assertIn("faas.BaseServiceRunner", message["error"]["message"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_import_error_init_failed_with_user_frames(self):
        worker, _ = self.start({"main.py": "import faas\nimport not_installed_anywhere\n"})
        worker.send(type="init", functions=[])
        message = worker.next_message()
        self.assertEqual("ModuleNotFoundError", message["error"]["type"])
        self.assertIn("not_installed_anywhere", message["error"]["message"])
        self.assertIn("main.py\", line 2", message["error"]["traceback"])
        self.assertNotIn("frozen importlib", message["error"]["traceback"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_unknown_init_param_init_failed_naming_it(self):
        worker, _ = self.start()
        worker.send(type="init", initParams={"colour": "red"}, functions=FUNCTIONS)
        message = worker.next_message()
        self.assertEqual("TypeError", message["error"]["type"])
        self.assertIn("'colour'", message["error"]["message"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_missing_entry_point_init_failed(self):
        worker, _ = self.start(entry_point="nowhere/main.py")
        worker.send(type="init", functions=[])
        message = worker.next_message()
        self.assertEqual("EntryPointNotFound", message["error"]["type"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_invalid_fields_init_failed_invalid_request(self):
        worker, _ = self.start()
        worker.send(type="init", functions=FUNCTIONS, concurrency=0)
        message = worker.next_message()
        self.assertEqual(("initFailed", "InvalidRequest"), (message["type"], message["error"]["type"]))
        self.assertIn("concurrency", message["error"]["message"])
        self.assertEqual(3, worker.wait_exit())

    def test_init_without_functions_public_methods_invocable_hooks_not(self):
        worker, _ = self.start()
        worker.send(type="init")
        self.assertEqual("ready", worker.next_message()["type"])
        self.assertEqual({"greeting": "Hello x"}, worker.call("hello", execution_id="h", name="x")["output"])
        self.assertEqual("FunctionNotFound", worker.call("on_shutdown", execution_id="s")["error"]["type"])

    def test_invoke_before_init_not_ready(self):
        worker, _ = self.start()
        worker.invoke("e1", "hello", name="x")
        message = worker.next_message()
        self.assertEqual(("error", "NotReady"), (message["type"], message["error"]["type"]))


class InvokeTests(unittest.TestCase):
    """One worker for all these tests (each waits for its own outcome), which keeps the suite fast."""

    @classmethod
    def setUpClass(cls):
        cls.worker = start_worker(cls, write_codebase(cls, {"main.py": SERVICE}))
        cls.worker.init(functions=FUNCTIONS, concurrency=2, context={
            "service": {"id": "s1", "name": "svc"}, "project": {"id": "p1"}, "bot": {"email": "bot@x"}})

    def test_invoke_sends_result_with_output_and_duration(self):
        message = self.worker.call("hello", execution_id="abc", name="Ada")
        self.assertEqual("result", message["type"])
        self.assertEqual(("abc", 1), (message["id"], message["attempt"]))
        self.assertEqual({"greeting": "Hello Ada"}, message["output"])
        self.assertIsInstance(message["durationMs"], int)

    def test_invoke_non_ascii_output_written_as_utf8(self):
        self.assertEqual({"greeting": "Hello Zoë 🌍"}, self.worker.call("hello", name="Zoë 🌍")["output"])

    def test_invoke_progress_sent_for_the_execution(self):
        self.worker.invoke("p1", "steps", attempt=2)
        messages = self.worker.until(lambda m: m["type"] == "result")
        progress = [m for m in messages if m["type"] == "progress"]
        self.assertEqual([
            {"type": "progress", "id": "p1", "attempt": 2, "status": "inProgress", "percentComplete": 10, "message": "ten"},
            {"type": "progress", "id": "p1", "attempt": 2, "status": "in-progress", "percentComplete": 55, "message": None},
            {"type": "progress", "id": "p1", "attempt": 2, "status": "completed", "percentComplete": 100, "message": "done"},
        ], progress)
        self.assertEqual("stepped", messages[-1]["output"])

    def test_invoke_invalid_progress_call_fails_with_value_error(self):
        message = self.worker.call("bad_progress")
        self.assertEqual("ValueError", message["error"]["type"])
        self.assertIn("0 to 100", message["error"]["message"])

    def test_invoke_that_raises_sends_error_with_traceback(self):
        message = self.worker.call("fail")
        self.assertEqual("error", message["type"])
        self.assertFalse(message["terminated"])
        self.assertEqual({"type": "ValueError", "message": "boom"}, {k: message["error"][k] for k in ("type", "message")})
        traceback = message["error"]["traceback"]
        self.assertTrue(traceback.startswith("Traceback (most recent call last):"), traceback)
        self.assertIn("in fail", traceback)
        self.assertIn("in inner", traceback)
        self.assertNotIn("faas/worker.py", traceback)

    def test_invoke_context_carries_execution_service_project_bot_and_event(self):
        self.worker.invoke("c1", "about", attempt=3,
                           context={"execution": {"id": "c1"}, "trigger": None, "event": {"kind": "created"}})
        self.assertEqual({
            "executionId": "c1", "attempt": 3, "execution": "c1", "service": "svc", "project": "p1",
            "bot": "bot@x", "trigger": None, "event": "created",
        }, self.worker.outcome("c1")["output"])

    def test_invoke_entity_inputs_converted_to_entities(self):
        message = self.worker.call("entities", item={"id": "i1", "name": "dog.jpg"}, datasets=["d1", {"id": "d2"}])
        self.assertEqual({
            "item": ["Item", "i1", "dog.jpg"], "datasets": [["Dataset", "d1"], ["Dataset", "d2"]], "note": None,
        }, message["output"])

    def test_invoke_entity_without_id_fails_naming_the_input(self):
        message = self.worker.call("entities", item={"name": "x"}, datasets=[])
        self.assertEqual("ValueError", message["error"]["type"])
        self.assertIn("'item'", message["error"]["message"])

    def test_invoke_entity_output_written_as_its_json(self):
        message = self.worker.call("item_out", item={"id": "i1", "name": "n"})
        self.assertEqual({"item": {"id": "i1", "name": "n"}}, message["output"])

    def test_invoke_kwargs_function_receives_inputs_progress_and_context(self):
        message = self.worker.call("everything", a=1, b="x")
        self.assertEqual({"a": "int", "b": "str", "context": "Context", "progress": "Progress"}, message["output"])

    def test_invoke_missing_input_type_error_naming_it(self):
        message = self.worker.call("optional", b=3)
        self.assertEqual("TypeError", message["error"]["type"])
        self.assertEqual("ServiceRunner.optional() missing required input 'a'", message["error"]["message"])

    def test_invoke_optional_input_omitted_default_used(self):
        self.assertEqual([1, 2], self.worker.call("optional", a=1)["output"])

    def test_invoke_extra_input_type_error_naming_it(self):
        message = self.worker.call("optional", a=1, c=3)
        self.assertEqual("TypeError", message["error"]["type"])
        self.assertIn("unexpected input 'c'", message["error"]["message"])

    def test_invoke_output_not_json_output_not_serializable(self):
        for function in ("not_json", "nan"):
            with self.subTest(function):
                message = self.worker.call(function, execution_id=function)
                self.assertEqual("OutputNotSerializable", message["error"]["type"])
                self.assertFalse(message["terminated"])

    def test_invoke_coroutine_function_awaited(self):
        self.assertEqual(42, self.worker.call("doubled", x=21)["output"])

    def test_invoke_system_exit_fails_only_the_call(self):
        self.assertEqual("SystemExit", self.worker.call("exits", execution_id="x1")["error"]["type"])
        self.assertEqual("result", self.worker.call("hello", execution_id="x2", name="still here")["type"])

    def test_invoke_unknown_function_function_not_found(self):
        for function in ("missing", "declared_only", "_private", "on_shutdown"):
            with self.subTest(function):
                message = self.worker.call(function, execution_id=function)
                self.assertEqual("FunctionNotFound", message["error"]["type"])
                self.assertEqual(0, message["durationMs"])

    def test_invoke_duplicate_id_while_running_is_an_error(self):
        self.worker.invoke("dup", "sleep", seconds=0.3)
        self.worker.invoke("dup", "sleep", attempt=2, seconds=0.3)
        first = self.worker.next_message()
        self.assertEqual(("error", "DuplicateExecution", 2), (first["type"], first["error"]["type"], first["attempt"]))
        self.assertEqual(("result", 1), (lambda m: (m["type"], m["attempt"]))(self.worker.outcome("dup")))

    def test_invoke_input_not_an_object_invalid_request(self):
        self.worker.send(type="invoke", id="bad", attempt=1, function="hello", input=["x"], context={})
        message = self.worker.outcome("bad")
        self.assertEqual("InvalidRequest", message["error"]["type"])
        self.assertIn("'input' must be an object", message["error"]["message"])

    def test_progress_after_the_call_ended_dropped(self):
        self.assertEqual("ok", self.worker.call("late_progress", execution_id="late")["output"])
        time.sleep(0.3)
        self.worker.invoke("after", "hello", name="x")
        messages = self.worker.until(lambda m: m["type"] == "result" and m["id"] == "after")
        self.assertEqual([], [m for m in messages if m.get("id") == "late"])
        self.worker.wait_for_stderr("dropping progress of late")

    def test_invoke_same_id_after_completion_runs_again(self):
        self.assertEqual("result", self.worker.call("hello", execution_id="again", name="a")["type"])
        self.assertEqual("result", self.worker.call("hello", execution_id="again", name="b")["type"])

    def test_malformed_lines_ignored_and_reported_on_stderr(self):
        for line in ("not json", "[1, 2]", '{"type": 5}', '{"no": "type"}', '{"type": "dance"}', ""):
            self.worker.send_line(line)
        self.worker.send(type="invoke", function="hello", input={"name": "x"})
        self.assertEqual("result", self.worker.call("hello", name="after garbage")["type"])
        stderr = self.worker.wait_for_stderr("without a string id")
        self.assertIn("not JSON", stderr)
        self.assertIn("unknown type 'dance'", stderr)


class OutputCaptureTests(WorkerTestCase):
    def test_print_and_logging_two_concurrent_calls_each_attributed_to_its_execution(self):
        worker, _ = self.ready_worker(concurrency=2)
        worker.invoke("a", "chatty", tag="A", delay=0.2)
        worker.invoke("b", "chatty", tag="B", delay=0.1)
        finished: set[str] = set()
        messages = worker.until(lambda m: m["type"] == "result" and not finished.add(m["id"]) and len(finished) == 2)
        for execution_id, tag in (("a", "A"), ("b", "B")):
            mine = [m for m in messages if m.get("id") == execution_id]
            logs = [(m["stream"], m["level"], m["message"]) for m in mine if m["type"] == "log"]
            self.assertEqual([
                ("stdout", "INFO", f"start {tag}"),
                ("logging", "WARNING", f"logged {tag}"),
                ("stderr", "ERROR", f"error {tag}"),
                ("stdout", "INFO", f"partial {tag}"),
            ], logs)
            self.assertEqual("result", mine[-1]["type"], "logs come before the result")
            for log in (m for m in mine if m["type"] == "log"):
                self.assertRegex(log["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
                self.assertEqual(1, log["attempt"])

    def test_output_outside_calls_goes_to_stderr_never_to_protocol(self):
        worker, _ = self.ready_worker()
        self.assertEqual("ok", worker.call("raw_stdout")["output"])
        worker.wait_for_stderr("from a child thread")
        worker.send(type="shutdown", drainSeconds=5)
        self.assertEqual(0, worker.wait_exit())
        self.assertIn("raw bytes on fd 1", worker.stderr)
        self.assertIn("through sys.__stdout__", worker.stderr)
        self.assertIn("from a child thread", worker.stderr)

    def test_context_logger_from_a_child_thread_attributed_to_the_execution(self):
        worker, _ = self.ready_worker()
        worker.invoke("c", "child_logger")
        messages = worker.until(lambda m: m["type"] == "result")
        self.assertIn(("c", "logging", "INFO", "child says hi"),
                      [(m["id"], m["stream"], m["level"], m["message"]) for m in messages if m["type"] == "log"])


class TerminateTests(WorkerTestCase):
    def test_terminate_sleep_loop_error_terminated(self):
        worker, _ = self.ready_worker()
        worker.invoke("t1", "loop")
        worker.until(lambda m: m["type"] == "progress")
        worker.send(type="terminate", id="t1")
        message = worker.outcome("t1")
        self.assertEqual("error", message["type"])
        self.assertTrue(message["terminated"])
        self.assertEqual("ExecutionTerminated", message["error"]["type"])
        self.assertIn("in loop", message["error"]["traceback"])
        self.assertEqual("result", worker.call("hello", execution_id="t2", name="next")["type"])

    def test_terminate_user_cleans_up_and_reraises_terminated_with_cleanup_logged(self):
        worker, _ = self.ready_worker()
        worker.invoke("t1", "stubborn")
        worker.until(lambda m: m["type"] == "progress")
        worker.send(type="terminate", id="t1")
        messages = worker.until(lambda m: m["type"] == "error")
        self.assertTrue(messages[-1]["terminated"])
        self.assertIn("cleaning up", [m["message"] for m in messages if m["type"] == "log"])

    def test_terminate_queued_call_error_terminated_at_once(self):
        worker, _ = self.ready_worker(concurrency=1)
        worker.invoke("running", "sleep", seconds=0.5)
        worker.invoke("queued", "sleep", seconds=0.5)
        worker.send(type="terminate", id="queued")
        first = worker.next_message()
        self.assertEqual(("error", "queued", True, 0), (first["type"], first["id"], first["terminated"], first["durationMs"]))
        self.assertEqual("result", worker.outcome("running")["type"])

    def test_terminate_unknown_id_ignored(self):
        worker, _ = self.ready_worker()
        worker.send(type="terminate", id="nobody")
        self.assertEqual("result", worker.call("hello", name="x")["type"])
        worker.wait_for_stderr("terminate 'nobody': no such call in flight")


class ConcurrencyAndShutdownTests(WorkerTestCase):
    def test_concurrency_calls_run_in_parallel(self):
        calls, seconds = 4, 0.3
        worker, _ = self.ready_worker(concurrency=calls)
        started = time.monotonic()
        ids = [f"s{index}" for index in range(calls)]
        for execution_id in ids:
            worker.invoke(execution_id, "sleep", seconds=seconds)
        outcomes = worker.outcomes(ids)
        self.assertEqual(["result"] * calls, [outcomes[execution_id]["type"] for execution_id in ids])
        self.assertLess(time.monotonic() - started, 0.8 * calls * seconds)

    def test_shutdown_drain_waits_for_running_call_then_calls_on_shutdown(self):
        marker = Path(write_codebase(self, {})) / "shutdown.txt"
        worker, _ = self.ready_worker(initParams={"shutdown_marker": str(marker)})
        worker.invoke("slow", "sleep", seconds=0.3)
        worker.send(type="shutdown", drainSeconds=5)
        worker.invoke("late", "hello", name="x")
        refused = worker.next_message()
        self.assertEqual(("late", "ShuttingDown"), (refused["id"], refused["error"]["type"]))
        self.assertEqual("result", worker.outcome("slow")["type"])
        self.assertEqual(0, worker.wait_exit())
        self.assertEqual("bye", marker.read_text())

    def test_shutdown_drain_expires_running_call_terminated(self):
        worker, _ = self.ready_worker()
        worker.invoke("forever", "loop")
        worker.until(lambda m: m["type"] == "progress")
        worker.send(type="shutdown", drainSeconds=0.2)
        message = worker.outcome("forever")
        self.assertTrue(message["terminated"])
        self.assertEqual(0, worker.wait_exit())

    def test_shutdown_terminate_during_drain_served(self):
        worker, _ = self.ready_worker()
        worker.invoke("forever", "loop")
        worker.until(lambda m: m["type"] == "progress")
        worker.send(type="shutdown", drainSeconds=30)
        worker.send(type="terminate", id="forever")
        self.assertTrue(worker.outcome("forever", timeout=5)["terminated"])
        self.assertEqual(0, worker.wait_exit(5))

    def test_eof_kills_running_call_and_its_children_at_once(self):
        worker, _ = self.ready_worker()
        worker.invoke("busy", "spawn_sleeper")
        child = int(worker.until(lambda m: m["type"] == "progress")[-1]["message"])
        started = time.monotonic()
        worker.close_stdin()
        self.assertEqual(-signal.SIGKILL, worker.wait_exit(2))
        self.assertLess(time.monotonic() - started, 2)
        self.assertFalse(any(m["type"] in ("result", "error") for m in worker.drain()))
        deadline = time.monotonic() + 2
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertFalse(_alive(child), "the call's child process outlived the worker")

    def test_worker_leads_its_own_process_group(self):
        worker, _ = self.ready_worker()
        self.assertEqual(worker.process.pid, os.getpgid(worker.process.pid))


class LimitTests(WorkerTestCase):
    def test_output_over_limit_output_too_large_with_size_and_limit(self):
        worker, _ = self.ready_worker(limits={"maxOutputBytes": 1000})
        message = worker.call("big_output", megabytes=0.001)
        self.assertEqual(("error", "OutputTooLarge"), (message["type"], message["error"]["type"]))
        self.assertIn("1050 bytes", message["error"]["message"])
        self.assertIn("limit of 1000 bytes", message["error"]["message"])
        self.assertEqual("result", worker.call("big_output", execution_id="e2", megabytes=0.0009)["type"])

    def test_output_default_limit_50_mb_output_too_large(self):
        worker, _ = self.ready_worker()
        message = worker.call("big_output", megabytes=50)
        self.assertEqual("OutputTooLarge", message["error"]["type"])
        self.assertIn("limit of 10485760 bytes", message["error"]["message"])

    def test_logs_over_limit_dropped_and_one_truncation_line_before_result(self):
        worker, _ = self.ready_worker(limits={"maxLogBytes": 100})
        worker.invoke("e1", "many_lines", count=50)
        messages = worker.until(lambda m: m["type"] == "result")
        logs = [m["message"] for m in messages if m["type"] == "log"]
        written = [text for index in range(50) for text in (f"line {index}", f"record {index}")]
        kept, size = [], 0
        while size + len(written[len(kept)]) <= 100:
            size += len(written[len(kept)])
            kept.append(written[len(kept)])
        self.assertEqual([*kept, f"[truncated: {100 - len(kept)} lines dropped]"], logs)
        self.assertEqual(("stderr", "WARNING"), (messages[-2]["stream"], messages[-2]["level"]))

    def test_huge_print_memory_bounded_and_truncated(self):
        worker, _ = self.ready_worker()
        worker.invoke("e1", "big_print", megabytes=100)
        messages = worker.until(lambda m: m["type"] in ("result", "error"), timeout=60)
        self.assertEqual("result", messages[-1]["type"])
        logs = [m for m in messages if m["type"] == "log"]
        dropped = 100 * 1024 * 1024 // 100 - (len(logs) - 1)
        self.assertEqual(f"[truncated: {dropped} lines dropped]", logs[-1]["message"])
        self.assertTrue(all(m["message"] == "y" * 99 for m in logs[:-1]))
        self.assertLessEqual(sum(len(m["message"]) for m in logs[:-1]), 10 * 1024 * 1024)
        peak_mb = messages[-1]["output"] / 1024
        self.assertLess(peak_mb, 250, "the capture copied the 100 MB print")

    def test_invalid_limits_init_failed(self):
        worker, _ = self.start()
        worker.send(type="init", initParams={}, functions=FUNCTIONS, limits={"maxOutputBytes": 0})
        message = worker.next_message()
        self.assertEqual(("initFailed", "InvalidRequest"), (message["type"], message["error"]["type"]))
        self.assertIn("limits.maxOutputBytes", message["error"]["message"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its new parent) is not running code.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


if __name__ == "__main__":
    unittest.main()
