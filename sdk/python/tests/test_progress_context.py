"""Progress validation and the Context given to calls."""

from __future__ import annotations

import logging
import unittest

import faas
from faas.context import EXECUTION_ID_ATTRIBUTE


class ProgressTests(unittest.TestCase):
    def test_update_sends_a_progress_message_for_its_execution(self):
        sent = []
        faas.Progress("e1", 2, send=sent.append).update(status="inProgress", progress=40, message="m")
        self.assertEqual([{"type": "progress", "id": "e1", "attempt": 2, "status": "inProgress",
                           "percentComplete": 40, "message": "m"}], sent)

    def test_every_status_spelling_passes_through_as_sent(self):
        progress = faas.Progress()
        for status in ("inProgress", "in-progress", "completed", "success", "failed"):
            progress.update(status=status)
        self.assertEqual(["inProgress", "in-progress", "completed", "success", "failed"],
                         [update["status"] for update in progress.updates])

    def test_omitted_parts_are_none(self):
        progress = faas.Progress()
        progress.update(progress=0)
        progress.update()
        self.assertEqual([(None, 0, None), (None, None, None)],
                         [(u["status"], u["percentComplete"], u["message"]) for u in progress.updates])

    def test_bounds_are_inclusive(self):
        progress = faas.Progress()
        progress.update(progress=0)
        progress.update(progress=100)
        self.assertEqual(2, len(progress.updates))

    def test_invalid_progress_raises_value_error(self):
        for value in (-1, 101, 50.0, "50", True):
            with self.subTest(value=value), self.assertRaisesRegex(ValueError, "int from 0 to 100"):
                faas.Progress().update(progress=value)

    def test_invalid_status_or_message_raises_value_error(self):
        with self.assertRaisesRegex(ValueError, "status must be one of"):
            faas.Progress().update(status="InProgress")
        with self.assertRaisesRegex(ValueError, "message must be a string"):
            faas.Progress().update(message=5)

    def test_nothing_is_sent_when_validation_fails(self):
        progress = faas.Progress()
        with self.assertRaises(ValueError):
            progress.update(status="inProgress", progress=200)
        self.assertEqual([], progress.updates)


class ContextTests(unittest.TestCase):
    def test_resources_get_attribute_access_and_missing_ones_are_none(self):
        context = faas.Context("e1", 3, execution={"id": "e1"}, service={"id": "s", "name": "svc"}, event=[1])
        self.assertEqual(("e1", 3), (context.execution_id, context.attempt))
        self.assertEqual("svc", context.service.name)
        self.assertEqual("e1", context.execution["id"])
        self.assertIsNone(context.trigger)
        self.assertIsNone(context.project)
        self.assertIsNone(context.bot)
        self.assertEqual([1], context.event)

    def test_logger_tags_records_with_the_execution_and_keeps_caller_extra(self):
        records = []

        class Collect(logging.Handler):
            def emit(self, record):
                records.append(record)

        logger = logging.getLogger("test.context.logger")
        logger.propagate = False
        logger.addHandler(Collect())
        self.addCleanup(lambda: setattr(logger, "propagate", True))
        context = faas.Context("e9", logger=faas.ExecutionLogger("e9", logger))
        context.logger.warning("hello %s", "there", extra={"custom": 1})
        self.assertEqual("hello there", records[0].getMessage())
        self.assertEqual("e9", getattr(records[0], EXECUTION_ID_ATTRIBUTE))
        self.assertEqual(1, records[0].custom)


if __name__ == "__main__":
    unittest.main()
