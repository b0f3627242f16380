"""Mapping inputs onto parameters by name (signature inspection)."""

from __future__ import annotations

import unittest

import faas
from faas.binding import bind_inputs

PROGRESS = object()
CONTEXT = object()
INJECTED = {"progress": PROGRESS, "context": CONTEXT}


def bind(target, inputs, injected=INJECTED):
    return bind_inputs(target, inputs, injected, label="f")


class BindInputsTests(unittest.TestCase):
    def test_inputs_mapped_by_name_regardless_of_order(self):
        def f(a, b):
            return a, b

        self.assertEqual(([], {"a": 1, "b": 2}), bind(f, {"b": 2, "a": 1}))

    def test_bound_method_excludes_self(self):
        class Runner(faas.BaseServiceRunner):
            def run(self, item):
                return item

        self.assertEqual(([], {"item": "i"}), bind(Runner().run, {"item": "i"}))

    def test_defaults_apply_to_omitted_inputs(self):
        def f(a, b=2, *, c=3):
            return a

        self.assertEqual(([], {"a": 1}), bind(f, {"a": 1}))

    def test_progress_and_context_passed_only_when_named(self):
        def neither(a):
            return a

        def both(a, progress, context=None):
            return a

        def only_context(*, context):
            return context

        self.assertEqual({"a": 1}, bind(neither, {"a": 1})[1])
        self.assertEqual({"a": 1, "progress": PROGRESS, "context": CONTEXT}, bind(both, {"a": 1})[1])
        self.assertEqual({"context": CONTEXT}, bind(only_context, {})[1])

    def test_declared_input_named_context_wins_over_the_sdk_context(self):
        def f(context):
            return context

        self.assertEqual({"context": "mine"}, bind(f, {"context": "mine"})[1])

    def test_kwargs_receive_every_input_and_injected_value(self):
        def f(a, **rest):
            return rest

        self.assertEqual({"a": 1, "b": 2, "progress": PROGRESS, "context": CONTEXT}, bind(f, {"a": 1, "b": 2})[1])

    def test_missing_required_input_raises_type_error_naming_it(self):
        def f(a, b, c=0):
            return a

        with self.assertRaisesRegex(TypeError, r"^f\(\) missing required inputs 'a', 'b'$"):
            bind(f, {"c": 1})

    def test_unexpected_input_raises_type_error_naming_it_and_the_parameters(self):
        def f(a, progress):
            return a

        with self.assertRaisesRegex(TypeError, r"unexpected input 'z'; its parameters are 'a', 'progress'"):
            bind(f, {"a": 1, "z": 2})

    def test_positional_only_parameters_passed_by_position(self):
        def f(a, b=2, /, c=3):
            return a

        self.assertEqual(([1, 2], {"c": 4}), bind(f, {"a": 1, "c": 4}))
        self.assertEqual(([1, 5], {}), bind(f, {"b": 5, "a": 1}))

    def test_var_positional_gets_nothing(self):
        def f(a, *args):
            return a

        self.assertEqual(([], {"a": 1}), bind(f, {"a": 1}))

    def test_class_binds_its_init_parameters(self):
        class Runner(faas.BaseServiceRunner):
            def __init__(self, model_name, threshold=0.5):
                self.model_name = model_name

        self.assertEqual(([], {"model_name": "m"}), bind_inputs(Runner, {"model_name": "m"}, label="Runner.__init__"))
        with self.assertRaisesRegex(TypeError, r"Runner.__init__\(\) got unexpected input 'colour'"):
            bind_inputs(Runner, {"model_name": "m", "colour": 1}, label="Runner.__init__")

    def test_class_without_init_accepts_no_params(self):
        class Runner(faas.BaseServiceRunner):
            pass

        self.assertEqual(([], {}), bind_inputs(Runner, {}, label="Runner.__init__"))
        with self.assertRaisesRegex(TypeError, r"its parameters are none"):
            bind_inputs(Runner, {"x": 1}, label="Runner.__init__")


if __name__ == "__main__":
    unittest.main()
