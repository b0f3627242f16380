"""The call pool and termination, in process."""

from __future__ import annotations

import threading
import time
import unittest

from faas.calls import Call, DuplicateExecution, Executor
from faas.errors import ExecutionTerminated


def make_call(execution_id: str = "e1") -> Call:
    return Call(execution_id, 1, "f", {}, {})


class CallTests(unittest.TestCase):
    def test_terminate_interrupts_python_code_in_the_calls_thread(self):
        call = make_call()
        outcome = []
        running = threading.Event()

        def target():
            call.start()
            try:
                call.enter_user_code()
                running.set()
                while True:
                    time.sleep(0.005)
            except ExecutionTerminated:
                outcome.append("terminated")
            finally:
                call.leave_user_code()

        thread = threading.Thread(target=target)
        thread.start()
        running.wait(5)
        self.assertFalse(call.request_terminate())
        thread.join(5)
        self.assertEqual(["terminated"], outcome)
        self.assertTrue(call.terminate_requested)

    def test_terminate_before_user_code_stops_it_from_starting(self):
        call = make_call()
        call.start()
        call.request_terminate()
        with self.assertRaises(ExecutionTerminated):
            call.enter_user_code()

    def test_terminate_after_user_code_returned_raises_nothing_later(self):
        call = make_call()
        call.start()
        call.enter_user_code()
        call.leave_user_code()
        call.request_terminate()
        for _ in range(1000):  # would raise here if an interrupt had been sent
            time.sleep(0)

    def test_terminate_of_a_queued_call_prevents_its_start(self):
        call = make_call()
        self.assertTrue(call.request_terminate())
        self.assertFalse(call.start())


class ExecutorTests(unittest.TestCase):
    def setUp(self):
        self.sent: list[str] = []
        self.release = threading.Event()
        self.addCleanup(self.release.set)

    def run_call(self, call: Call) -> str:
        self.release.wait(5)
        return f"done {call.execution_id}"

    def test_duplicate_id_rejected_while_in_flight_and_accepted_after(self):
        executor = Executor(1, self.run_call, self.sent.append, lambda: None)
        executor.submit(make_call("a"))
        with self.assertRaises(DuplicateExecution):
            executor.submit(make_call("a"))
        self.release.set()
        deadline = time.monotonic() + 5
        while executor.in_flight() and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertEqual(["done a"], self.sent)
        executor.submit(make_call("a"))

    def test_terminating_a_queued_call_answers_at_once_and_it_never_runs(self):
        completed = threading.Semaphore(0)
        executor = Executor(1, self.run_call, self.sent.append, completed.release)
        executor.submit(make_call("running"))
        executor.submit(make_call("queued"))
        executor.terminate("queued")
        self.assertIn('"id":"queued"', self.sent[0])
        self.assertIn('"terminated":true', self.sent[0])
        self.release.set()
        completed.acquire(timeout=5)
        completed.acquire(timeout=5)
        self.assertEqual(2, len(self.sent))
        self.assertEqual("done running", self.sent[1])

    def test_terminate_unknown_id_returns_none(self):
        self.assertIsNone(Executor(1, self.run_call, self.sent.append, lambda: None).terminate("nobody"))


if __name__ == "__main__":
    unittest.main()
