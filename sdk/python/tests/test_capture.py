"""Routing of print and logging output to executions, in process."""

from __future__ import annotations

import io
import logging
import threading
import unittest

from faas.capture import MAX_LINE, CapturingStream, OutputRouter
from faas.context import ExecutionLogger


class CaptureTestCase(unittest.TestCase):
    def setUp(self):
        self.sent = []
        self.fallback = io.StringIO()
        self.router = OutputRouter(lambda *entry: self.sent.append(entry[:5]), self.fallback)
        self.stdout = CapturingStream(self.router, "stdout", self.fallback)
        self.stderr = CapturingStream(self.router, "stderr", self.fallback)


class CapturingStreamTests(CaptureTestCase):
    def test_complete_lines_sent_as_they_are_written(self):
        self.router.attach("e1", 2)
        print("one\ntwo", file=self.stdout)
        self.assertEqual([("e1", 2, "stdout", "INFO", "one"), ("e1", 2, "stdout", "INFO", "two")], self.sent)

    def test_partial_line_waits_for_newline_or_the_end_of_the_call(self):
        self.router.attach("e1", 1)
        self.stdout.write("a")
        self.stdout.flush()
        self.stdout.write("b\nc")
        self.stderr.write("err")
        self.assertEqual([("e1", 1, "stdout", "INFO", "ab")], self.sent)
        self.router.detach()
        self.assertEqual([("e1", 1, "stdout", "INFO", "ab"), ("e1", 1, "stdout", "INFO", "c"),
                          ("e1", 1, "stderr", "ERROR", "err")], self.sent)

    def test_crlf_line_endings_and_empty_lines(self):
        self.router.attach("e1", 1)
        self.stdout.write("x\r\n\n")
        self.assertEqual(["x", ""], [entry[4] for entry in self.sent])

    def test_long_output_without_newline_cut_into_bounded_lines(self):
        self.router.attach("e1", 1)
        self.stdout.write("x" * (MAX_LINE * 2 + 5))
        self.router.detach()
        self.assertEqual([MAX_LINE, MAX_LINE, 5], [len(entry[4]) for entry in self.sent])

    def test_threads_without_an_execution_write_to_the_fallback(self):
        self.router.attach("e1", 1)
        thread = threading.Thread(target=lambda: print("elsewhere", file=self.stdout))
        thread.start()
        thread.join()
        self.assertEqual([], self.sent)
        self.assertEqual("elsewhere\n", self.fallback.getvalue())

    def test_output_after_detach_goes_to_the_fallback(self):
        self.router.attach("e1", 1)
        self.router.detach()
        print("late", file=self.stdout)
        self.assertEqual("late\n", self.fallback.getvalue())

    def test_stream_looks_like_a_text_file(self):
        self.assertEqual("utf-8", self.stdout.encoding)
        self.assertFalse(self.stdout.isatty())
        self.assertTrue(self.stdout.writable())
        self.stdout.close()
        self.assertFalse(self.stdout.closed)
        with self.assertRaises(TypeError):
            self.stdout.write(b"bytes")


class LoggingRoutingTests(CaptureTestCase):
    def setUp(self):
        super().setUp()
        self.logger = logging.getLogger(f"test.capture.{self.id()}")
        self.logger.propagate = False
        self.logger.setLevel(logging.DEBUG)
        self.logger.addHandler(self.router.handler)
        self.addCleanup(self.logger.removeHandler, self.router.handler)

    def test_record_from_a_call_thread_goes_to_its_execution(self):
        self.router.attach("e1", 1)
        self.logger.debug("value=%d", 3)
        self.assertEqual([("e1", 1, "logging", "DEBUG", "value=3")], self.sent)

    def test_exception_info_included_in_the_message(self):
        self.router.attach("e1", 1)
        try:
            raise KeyError("k")
        except KeyError:
            self.logger.exception("failed")
        self.assertTrue(self.sent[0][4].startswith("failed\nTraceback"))
        self.assertIn("KeyError: 'k'", self.sent[0][4])

    def test_execution_logger_routes_from_any_thread_while_the_call_runs(self):
        self.router.attach("e1", 1)
        logger = ExecutionLogger("e1", self.logger)
        thread = threading.Thread(target=lambda: logger.warning("from child"))
        thread.start()
        thread.join()
        self.assertEqual([("e1", 1, "logging", "WARNING", "from child")], self.sent)

    def test_record_outside_calls_goes_to_the_fallback(self):
        self.logger.error("no call")
        self.assertEqual([], self.sent)
        self.assertRegex(self.fallback.getvalue(), r"ERROR test\.capture\..*: no call\n$")


if __name__ == "__main__":
    unittest.main()
