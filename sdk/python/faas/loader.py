"""Imports a module's entry point from the codebase and finds its service class."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import sys
from pathlib import Path
from types import ModuleType

from .runner import BaseServiceRunner

FALLBACK_MODULE_NAME = "__faas_entry__"


class EntryPointNotFound(ImportError):
    """The entry point file is not in the codebase."""


class ClassNotFound(LookupError):
    """The entry point defines no attribute with the module's className."""


class InvalidServiceClass(TypeError):
    """className names something that is not a subclass of faas.BaseServiceRunner."""


def load_service_class(codebase: str | os.PathLike[str], entry_point: str, class_name: str) -> type[BaseServiceRunner]:
    """Imports ``entry_point`` (a path relative to ``codebase``) and returns its class ``class_name``.

    The codebase root goes first on sys.path, so entry points in sub-folders import shared code from the root
    (``from common.text import ...``), then the entry point's own folder, so it imports its siblings as
    ``python folder/main.py`` would. An entry point inside packages (folders with ``__init__.py``) is imported
    under its dotted name (``ingest.main``), which keeps its relative imports working.
    """
    root = Path(codebase).resolve()
    path = (root / entry_point).resolve()
    if not path.is_file() or not path.is_relative_to(root):
        raise EntryPointNotFound(f"entry point {entry_point!r} is not a file in the codebase {str(root)!r}")
    for folder in (path.parent, root):
        if str(folder) in sys.path:
            sys.path.remove(str(folder))
        sys.path.insert(0, str(folder))

    module = _import_file(path, _module_name(root, path))
    found = getattr(module, class_name, None)
    if found is None:
        defined = sorted(name for name, value in vars(module).items()
                         if inspect.isclass(value) and value.__module__ == module.__name__)
        raise ClassNotFound(
            f"class {class_name!r} not found in entry point {entry_point!r} "
            f"(classes defined there: {', '.join(defined) or 'none'})"
        )
    if not inspect.isclass(found) or not issubclass(found, BaseServiceRunner):
        kind = "a class" if inspect.isclass(found) else f"a value of type {type(found).__name__}"
        raise InvalidServiceClass(
            f"{class_name!r} in entry point {entry_point!r} is {kind} that does not extend faas.BaseServiceRunner; "
            f"declare it as: class {class_name}(faas.BaseServiceRunner)"
        )
    return found


def _module_name(root: Path, path: Path) -> str:
    """The dotted name when every folder up to the root is a package, else the file's stem; a private name
    when that name is already taken (an entry point called ``json.py`` must not replace the standard one)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    folders = [root.joinpath(*parts[:depth]) for depth in range(1, len(parts))]
    if not all((folder / "__init__.py").is_file() for folder in folders):
        parts = parts[-1:]
    name = ".".join(parts)
    taken = any(".".join(parts[:depth]) in sys.modules for depth in range(1, len(parts) + 1))
    return FALLBACK_MODULE_NAME if taken or not all(part.isidentifier() for part in parts) else name


def _import_file(path: Path, name: str) -> ModuleType:
    parent, _, _ = name.rpartition(".")
    if parent:
        importlib.import_module(parent)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise EntryPointNotFound(f"cannot import {str(path)!r} as Python code")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    if parent:
        setattr(sys.modules[parent], name.rpartition(".")[2], module)
    return module
