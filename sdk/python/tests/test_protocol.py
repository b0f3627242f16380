"""Encoding, reading and writing protocol lines."""

from __future__ import annotations

import io
import json
import threading
import unittest
from unittest import mock

import faas
from faas.protocol import ProtocolWriter, encode, error_info, read_requests, timestamp


class EncodeTests(unittest.TestCase):
    def test_one_compact_line_with_unicode_kept(self):
        line = encode({"type": "log", "message": "zoë\nnext line 🌍"})
        self.assertNotIn("\n", line)
        self.assertIn("zoë", line)
        self.assertEqual("zoë\nnext line 🌍", json.loads(line)["message"])

    def test_nan_and_infinity_rejected(self):
        for value in (float("nan"), float("inf")):
            with self.subTest(value=value), self.assertRaises(ValueError):
                encode({"output": value})

    def test_entities_written_as_their_json(self):
        self.assertEqual('{"output":[{"id":"i1","name":"n"}]}', encode({"output": [faas.Item(id="i1", name="n")]}))

    def test_other_objects_rejected(self):
        with self.assertRaises(TypeError):
            encode({"output": object()})


class WriterTests(unittest.TestCase):
    def test_concurrent_senders_never_interleave_lines(self):
        stream = io.StringIO()
        writer = ProtocolWriter(stream)

        def send_many(thread: int) -> None:
            for index in range(200):
                writer.send({"type": "log", "id": str(thread), "message": "x" * 500, "n": index})

        threads = [threading.Thread(target=send_many, args=(thread,)) for thread in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        lines = stream.getvalue().splitlines()
        self.assertEqual(1600, len(lines))
        self.assertTrue(all(json.loads(line)["type"] == "log" for line in lines))

    def test_closed_stream_drops_messages_instead_of_raising(self):
        stream = io.StringIO()
        stream.close()
        writer = ProtocolWriter(stream)
        with mock.patch("faas.protocol.warn") as warn:
            writer.send({"type": "ready"})
            writer.send({"type": "ready"})
        warn.assert_called_once()


class ReadRequestsTests(unittest.TestCase):
    def test_valid_objects_yielded_and_everything_else_skipped(self):
        raw = b'{"type":"init"}\n\nnot json\n[1]\n{"type":3}\n\xff\xfe\n{"type":"shutdown","drainSeconds":1}\n'
        with mock.patch("faas.protocol.warn") as warn:
            types = [request["type"] for request in read_requests(io.BytesIO(raw))]
        self.assertEqual(["init", "shutdown"], types)
        self.assertEqual(4, warn.call_count)
        self.assertIn("line 3", warn.call_args_list[0].args[0])


class ErrorInfoTests(unittest.TestCase):
    def test_type_message_and_traceback_with_causes(self):
        def user_code():
            try:
                {}["missing"]
            except KeyError as error:
                raise RuntimeError("wrapped") from error

        try:
            user_code()
        except RuntimeError as error:
            info = error_info(error)
        self.assertEqual(("RuntimeError", "wrapped"), (info["type"], info["message"]))
        self.assertIn("KeyError: 'missing'", info["traceback"])
        self.assertIn("direct cause", info["traceback"])
        self.assertIn("in user_code", info["traceback"])


class TimestampTests(unittest.TestCase):
    def test_iso_utc_with_milliseconds(self):
        self.assertEqual("1970-01-01T00:00:01.250Z", timestamp(1.25))


if __name__ == "__main__":
    unittest.main()
