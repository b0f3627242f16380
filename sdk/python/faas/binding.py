"""Maps inputs, which arrive by name, onto a callable's parameters."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

_NAMED_KINDS = (
    inspect.Parameter.POSITIONAL_ONLY,
    inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.KEYWORD_ONLY,
)


def bind_inputs(
    target: Callable[..., Any],
    inputs: Mapping[str, Any],
    injected: Mapping[str, Any] | None = None,
    *,
    label: str,
) -> tuple[list[Any], dict[str, Any]]:
    """The ``(args, kwargs)`` that call ``target`` with ``inputs`` mapped onto its parameters by name.

    ``injected`` values (the SDK's ``progress`` and ``context``) are passed only to parameters of the same
    name, or to ``**kwargs``; an input with the same name wins, because the package declared it. A function
    with ``**kwargs`` receives every input and injected value. Raises TypeError naming ``label`` and the
    input when a required parameter has no input, or an input matches no parameter.
    """
    injected = injected or {}
    try:
        parameters = list(inspect.signature(target).parameters.values())
    except (TypeError, ValueError):
        # Some callables (C extensions, odd metaclasses) expose no signature: let the call itself check.
        return [], {**injected, **inputs}

    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    missing: list[str] = []
    named: set[str] = set()
    takes_kwargs = False
    for parameter in parameters:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            takes_kwargs = True
            continue
        if parameter.kind not in _NAMED_KINDS:
            continue
        named.add(parameter.name)
        if parameter.name in inputs:
            value = inputs[parameter.name]
        elif parameter.name in injected:
            value = injected[parameter.name]
        elif parameter.default is inspect.Parameter.empty:
            missing.append(parameter.name)
            continue
        elif parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            # Later positional-only parameters may have inputs: keep their positions by passing the default.
            value = parameter.default
        else:
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value

    if missing:
        raise TypeError(f"{label}() missing required input{_plural(missing)} {_names(missing)}")
    unknown = [name for name in inputs if name not in named]
    if unknown and not takes_kwargs:
        accepted = _names(sorted(named)) if named else "none"
        raise TypeError(f"{label}() got unexpected input{_plural(unknown)} {_names(unknown)}; its parameters are {accepted}")
    if takes_kwargs:
        kwargs.update((name, value) for name, value in injected.items() if name not in named)
        kwargs.update((name, inputs[name]) for name in unknown)
    return args, kwargs


def _names(names: list[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _plural(names: list[str]) -> str:
    return "s" if len(names) > 1 else ""
