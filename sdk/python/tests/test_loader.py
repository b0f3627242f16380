"""Importing entry points from a codebase, in process."""

from __future__ import annotations

import sys
import unittest

import faas
from faas.loader import ClassNotFound, EntryPointNotFound, InvalidServiceClass, load_service_class
from harness import write_codebase

RUNNER = "import faas\n\nclass ServiceRunner(faas.BaseServiceRunner):\n    pass\n"


class LoaderTests(unittest.TestCase):
    def setUp(self):
        path, modules = list(sys.path), set(sys.modules)

        def restore():
            sys.path[:] = path
            for name in set(sys.modules) - modules:
                del sys.modules[name]

        self.addCleanup(restore)

    def test_nested_entry_point_in_packages_imported_by_dotted_name_with_relative_imports(self):
        root = write_codebase(self, {
            "shared/__init__.py": "",
            "shared/words.py": "WORD = 'shared'\n",
            "jobs/__init__.py": "",
            "jobs/helper.py": "VALUE = 'sibling'\n",
            "jobs/main.py": RUNNER + "from shared.words import WORD\nfrom .helper import VALUE\n",
        })
        service = load_service_class(root, "jobs/main.py", "ServiceRunner")
        self.assertEqual("jobs.main", service.__module__)
        self.assertEqual(("shared", "sibling"), (sys.modules["jobs.main"].WORD, sys.modules["jobs.main"].VALUE))
        self.assertEqual(str(root), sys.path[0])

    def test_nested_entry_point_outside_packages_imports_its_siblings(self):
        root = write_codebase(self, {"tools/util.py": "NAME = 'util'\n", "tools/run.py": RUNNER + "import util\n"})
        service = load_service_class(root, "tools/run.py", "ServiceRunner")
        self.assertEqual("run", service.__module__)
        self.assertEqual(str(root / "tools"), sys.path[1])

    def test_entry_point_named_like_a_loaded_module_does_not_replace_it(self):
        root = write_codebase(self, {"json.py": RUNNER})
        standard_json = sys.modules["json"]
        service = load_service_class(root, "json.py", "ServiceRunner")
        self.assertEqual("__faas_entry__", service.__module__)
        self.assertIs(standard_json, sys.modules["json"])

    def test_subclass_of_base_service_runner_returned(self):
        root = write_codebase(self, {"main.py": RUNNER})
        self.assertTrue(issubclass(load_service_class(root, "main.py", "ServiceRunner"), faas.BaseServiceRunner))

    def test_missing_file_or_path_outside_the_codebase_rejected(self):
        root = write_codebase(self, {"main.py": RUNNER})
        for entry_point in ("other.py", "../main.py", "/etc/hostname"):
            with self.subTest(entry_point), self.assertRaises(EntryPointNotFound):
                load_service_class(root, entry_point, "ServiceRunner")

    def test_missing_class_lists_the_classes_defined(self):
        root = write_codebase(self, {"main.py": RUNNER})
        with self.assertRaisesRegex(ClassNotFound, r"'Runner' not found .*classes defined there: ServiceRunner"):
            load_service_class(root, "main.py", "Runner")

    def test_not_a_subclass_or_not_a_class_rejected(self):
        root = write_codebase(self, {"main.py": "class ServiceRunner:\n    pass\n\nrun = 1\n"})
        with self.assertRaisesRegex(InvalidServiceClass, "is a class that does not extend faas.BaseServiceRunner"):
            load_service_class(root, "main.py", "ServiceRunner")
        with self.assertRaisesRegex(InvalidServiceClass, "is a value of type int"):
            load_service_class(write_codebase(self, {"main.py": "run = 1\n"}), "main.py", "run")

    def test_failed_import_leaves_no_half_module(self):
        root = write_codebase(self, {"broken.py": "raise RuntimeError('at import')\n"})
        with self.assertRaisesRegex(RuntimeError, "at import"):
            load_service_class(root, "broken.py", "ServiceRunner")
        self.assertNotIn("broken", sys.modules)


if __name__ == "__main__":
    unittest.main()
