"""Platform resources as Python objects: the entity inputs (Item, Dataset, ...) and the context's resources."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

_CAMEL_BOUNDARY = re.compile(r"_([a-z0-9])")


def _camel_case(name: str) -> str:
    """``dataset_id`` -> ``datasetId``: resources are camelCase JSON, Python code is snake_case."""
    return _CAMEL_BOUNDARY.sub(lambda match: match.group(1).upper(), name)


class Resource:
    """A JSON object from the platform with attribute access to its top-level fields.

    ``resource.name`` and ``resource["name"]`` read the field ``name``; a snake_case attribute also finds the
    camelCase field (``resource.dataset_id`` reads ``datasetId``). Nested values are the plain JSON values
    (dicts, lists, strings...). A field the platform did not send raises AttributeError (KeyError for ``[]``),
    so ``getattr(resource, "name", None)`` is the way to read an optional field.
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Any] | None = None, /, **more: Any) -> None:
        if fields is not None and not isinstance(fields, Mapping):
            raise TypeError(f"{type(self).__name__} expects a mapping of fields, got {type(fields).__name__}")
        object.__setattr__(self, "_fields", {**(fields or {}), **more})

    def _field_name(self, name: str) -> str | None:
        fields = self._fields
        if name in fields:
            return name
        camel = _camel_case(name)
        return camel if camel in fields else None

    def __getattr__(self, name: str) -> Any:
        # _fields is only missing while copy/pickle machinery builds an instance: never recurse into it.
        if name.startswith("__") or name == "_fields":
            raise AttributeError(name)
        field = self._field_name(name)
        if field is None:
            known = ", ".join(sorted(self._fields)) or "none"
            raise AttributeError(f"{self._describe()} has no field {name!r} (fields: {known})")
        return self._fields[field]

    def __setattr__(self, name: str, value: Any) -> None:
        self._fields[self._field_name(name) or name] = value

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._fields))

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self._fields,)

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value, or ``default`` when the platform did not send it."""
        return self._fields.get(name, default)

    def to_json(self) -> dict[str, Any]:
        """A deep copy of the fields, safe to modify and to return from a function."""
        return copy.deepcopy(self._fields)

    def _describe(self) -> str:
        return type(self).__name__

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields == other._fields

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by content

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._fields!r})"


class Entity(Resource):
    """A platform entity: a resource that always has a string ``id``, compared and hashed by that id.

    Build one from an id (``Item("6f1c...")``), from the resource's JSON (``Item({"id": ..., "name": ...})``)
    or from keywords (``Item(id=..., name=...)``). An entity built from an id alone has only ``id``.
    """

    __slots__ = ()

    def __init__(self, resource: str | Mapping[str, Any] | Resource | None = None, /, **fields: Any) -> None:
        if isinstance(resource, str):
            resource = {"id": resource}
        elif isinstance(resource, Resource):
            resource = resource._fields
        elif resource is not None and not isinstance(resource, Mapping):
            raise TypeError(
                f"{type(self).__name__} is built from an id string or a resource object with an 'id', "
                f"got {type(resource).__name__}"
            )
        super().__init__(resource, **fields)
        entity_id = self._fields.get("id")
        if not isinstance(entity_id, str) or not entity_id:
            raise ValueError(f"{type(self).__name__} needs a non-empty string 'id', got {entity_id!r}")

    @property
    def id(self) -> str:
        return self._fields["id"]

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "id":
            raise AttributeError(f"{type(self).__name__}.id cannot change: entities are identified by it")
        super().__setattr__(name, value)

    def _describe(self) -> str:
        return f"{type(self).__name__} {self.id!r}"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.id))

    def __repr__(self) -> str:
        name = self._fields.get("name")
        suffix = f", name={name!r}" if isinstance(name, str) else ""
        return f"{type(self).__name__}(id={self.id!r}{suffix})"


class Item(Entity):
    """A file in a dataset (image, video, text...)."""

    __slots__ = ()


class Dataset(Entity):
    """A collection of items."""

    __slots__ = ()


class Annotation(Entity):
    """A label on an item."""

    __slots__ = ()


class Task(Entity):
    """An annotation or QA task."""

    __slots__ = ()


class Assignment(Entity):
    """The share of a task given to one annotator."""

    __slots__ = ()


class Model(Entity):
    """A trained or registered model."""

    __slots__ = ()


ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.__name__.lower(): cls for cls in (Item, Dataset, Annotation, Task, Assignment, Model)
}

_LIST_SUFFIX = "[]"


def entity_type(type_name: str | None) -> tuple[type[Entity] | None, bool]:
    """The entity class of a schema type (``Item``, ``item[]``... case-insensitive) and whether it is a list.

    Non-entity types (``String``, ``Json``...) and unknown names give ``(None, is_list)``: their values are
    passed as they arrived.
    """
    if not type_name:
        return None, False
    name = type_name.strip()
    is_list = name.endswith(_LIST_SUFFIX)
    if is_list:
        name = name[: -len(_LIST_SUFFIX)]
    return ENTITY_TYPES.get(name.lower()), is_list


def convert_input(name: str, type_name: str | None, value: Any) -> Any:
    """The value a function receives for input ``name`` of schema type ``type_name``.

    Entity inputs arrive as an id string or an object with ``id`` and become entity objects; ``None`` stays
    ``None``. Raises TypeError/ValueError naming the input when the value cannot be an entity.
    """
    cls, is_list = entity_type(type_name)
    if cls is None or value is None:
        return value
    if not is_list:
        return _to_entity(cls, name, value)
    if not isinstance(value, list):
        raise TypeError(f"input {name!r} of type {type_name} expects a list, got {type(value).__name__}")
    return [None if element is None else _to_entity(cls, f"{name}[{index}]", element)
            for index, element in enumerate(value)]


def _to_entity(cls: type[Entity], name: str, value: Any) -> Entity:
    try:
        return cls(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"input {name!r}: {error}") from None
