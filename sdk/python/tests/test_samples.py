"""The repository's sample packages run unmodified on the worker."""

from __future__ import annotations

import tempfile
import unittest

from harness import SAMPLES_DIR, sample_module, start_worker


class SampleTestCase(unittest.TestCase):
    def start_module(self, sample: str, module: str, init_params: dict | None = None, env: dict | None = None):
        schema = sample_module(sample, module)
        worker = start_worker(self, SAMPLES_DIR / sample / "src", entry_point=schema["entryPoint"],
                              class_name=schema["className"], env=env)
        worker.send(type="init", initParams=init_params or {}, functions=schema["functions"], concurrency=2,
                    context={"service": {"id": "svc", "name": sample}, "project": {"id": "p"}, "bot": None})
        return worker


class HelloWorldTests(SampleTestCase):
    def test_run_and_echo_return_their_outputs(self):
        worker = self.start_module("hello-world", "default_module")
        self.assertEqual("ready", worker.next_message()["type"])
        self.assertEqual({"greeting": "Hello Ada"}, worker.call("run", execution_id="r", name="Ada")["output"])
        payload = {"nested": [1, 2.5, None, True], "text": "ünïcode"}
        self.assertEqual(payload, worker.call("echo", execution_id="e", payload=payload)["output"])


class ImageTaggerTests(SampleTestCase):
    def test_tag_reports_five_progress_updates_then_tags(self):
        worker = self.start_module("image-tagger", "default_module", {"model_name": "resnet-lite", "threshold": 0.5})
        self.assertEqual("ready", worker.next_message()["type"])
        worker.invoke("t", "tag", item={"id": "i1", "name": "dog on the beach.jpg", "metadata": {"system": {}}})
        messages = worker.until(lambda m: m["type"] in ("result", "error"))
        progress = [m["percentComplete"] for m in messages if m["type"] == "progress"]
        self.assertEqual([0, 25, 50, 75, 100], progress)
        output = messages[-1]["output"]
        self.assertEqual(("i1", "resnet-lite", 0.5), (output["itemId"], output["model"], output["threshold"]))
        labels = [tag["label"] for tag in output["tags"]]
        self.assertIn("animal", labels)
        self.assertIn("landscape", labels)

    def test_tag_item_given_as_id_only(self):
        worker = self.start_module("image-tagger", "default_module", {"model_name": "m", "threshold": 1.0})
        worker.next_message()
        self.assertEqual({"itemId": "only-id", "model": "m", "threshold": 1.0, "tags": []},
                         worker.call("tag", item="only-id")["output"])

    def test_flaky_fails_first_attempt_then_succeeds(self):
        state = tempfile.TemporaryDirectory()
        self.addCleanup(state.cleanup)
        worker = self.start_module("image-tagger", "default_module", {"model_name": "m", "threshold": 0.5},
                                   env={"FAAS_SAMPLE_STATE_DIR": state.name})
        worker.next_message()
        worker.invoke("f", "flaky", attempt=1, key="k")
        first = worker.outcome("f")
        self.assertEqual(("error", "RuntimeError", False), (first["type"], first["error"]["type"], first["terminated"]))
        worker.invoke("f", "flaky", attempt=2, key="k")
        second = worker.outcome("f")
        self.assertEqual(("result", 2, "succeeded"), (second["type"], second["attempt"], second["output"]["status"]))

    def test_threshold_out_of_range_fails_init(self):
        worker = self.start_module("image-tagger", "default_module", {"model_name": "m", "threshold": 2})
        message = worker.next_message()
        self.assertEqual(("initFailed", "ValueError"), (message["type"], message["error"]["type"]))
        self.assertIn("threshold must be between 0 and 1", message["error"]["message"])
        self.assertEqual(3, worker.wait_exit())


class MultiModuleTests(SampleTestCase):
    def test_ingest_module_uses_shared_code_from_codebase_root(self):
        worker = self.start_module("multi-module", "ingest")
        self.assertEqual("ready", worker.next_message()["type"])
        self.assertEqual({"text": "creme brulee", "words": 2},
                         worker.call("normalize", execution_id="n", text="  Crème   BRÛLÉE ")["output"])
        counted = worker.call("count_words", execution_id="c", text="a b a")["output"]
        self.assertEqual({"total": 3, "distinct": 2, "counts": {"a": 2, "b": 1}}, counted)

    def test_report_module_takes_its_title_init_param(self):
        worker = self.start_module("multi-module", "report", {"title": "Weekly"})
        self.assertEqual("ready", worker.next_message()["type"])
        output = worker.call("summary", documents=["the cat", "the dog"])["output"]
        self.assertEqual(("Weekly", 2, 4), (output["title"], output["documents"], output["words"]))
        self.assertEqual({"word": "the", "count": 2}, output["topWords"][0])


if __name__ == "__main__":
    unittest.main()
