"""Entity and resource objects."""

from __future__ import annotations

import copy
import pickle
import unittest

import faas
from faas.entities import convert_input, entity_type


class EntityTests(unittest.TestCase):
    def test_built_from_id_has_only_id(self):
        item = faas.Item("i1")
        self.assertEqual("i1", item.id)
        self.assertEqual({"id": "i1"}, item.to_json())
        self.assertIsNone(getattr(item, "name", None))

    def test_built_from_resource_exposes_fields_as_attributes_and_items(self):
        item = faas.Item({"id": "i1", "name": "dog.jpg", "metadata": {"system": {"mimetype": "image/jpeg"}}})
        self.assertEqual("dog.jpg", item.name)
        self.assertEqual("image/jpeg", item.metadata["system"]["mimetype"])
        self.assertEqual("dog.jpg", item["name"])
        self.assertIn("metadata", item)
        self.assertEqual("fallback", item.get("missing", "fallback"))

    def test_built_from_keywords_and_from_another_entity(self):
        item = faas.Item(id="i1", name="a")
        self.assertEqual("a", faas.Item(item).name)
        self.assertEqual("b", faas.Item({"id": "i1"}, name="b").name)

    def test_snake_case_attribute_reads_camel_case_field(self):
        item = faas.Item({"id": "i1", "datasetId": "d1", "createdAt": "2024"})
        self.assertEqual("d1", item.dataset_id)
        self.assertEqual("2024", item.created_at)

    def test_missing_field_raises_attribute_error_listing_fields(self):
        with self.assertRaisesRegex(AttributeError, r"Item 'i1' has no field 'name' \(fields: id\)"):
            faas.Item("i1").name

    def test_missing_or_invalid_id_raises_value_error(self):
        for resource in ({}, {"id": ""}, {"id": 5}, ""):
            with self.subTest(resource=resource), self.assertRaisesRegex(ValueError, "non-empty string 'id'"):
                faas.Dataset(resource)

    def test_wrong_resource_type_raises_type_error(self):
        with self.assertRaises(TypeError):
            faas.Model(42)

    def test_equality_and_hash_by_type_and_id(self):
        self.assertEqual(faas.Item("a"), faas.Item({"id": "a", "name": "other"}))
        self.assertNotEqual(faas.Item("a"), faas.Item("b"))
        self.assertNotEqual(faas.Item("a"), faas.Dataset("a"))
        self.assertEqual(1, len({faas.Task("t"), faas.Task({"id": "t", "name": "x"})}))

    def test_repr_shows_id_and_name(self):
        self.assertEqual("Item(id='i1', name='dog.jpg')", repr(faas.Item({"id": "i1", "name": "dog.jpg"})))
        self.assertEqual("Annotation(id='a1')", repr(faas.Annotation("a1")))

    def test_to_json_is_a_deep_copy(self):
        item = faas.Item({"id": "i1", "metadata": {"tags": []}})
        item.to_json()["metadata"]["tags"].append("x")
        self.assertEqual([], item.metadata["tags"])

    def test_setting_a_field_updates_json_but_id_is_fixed(self):
        item = faas.Item({"id": "i1", "datasetId": "d1"})
        item.name = "renamed"
        item.dataset_id = "d2"
        self.assertEqual({"id": "i1", "datasetId": "d2", "name": "renamed"}, item.to_json())
        with self.assertRaises(AttributeError):
            item.id = "other"

    def test_copy_and_pickle_round_trip(self):
        item = faas.Assignment({"id": "a1", "name": "n"})
        for clone in (copy.deepcopy(item), pickle.loads(pickle.dumps(item))):
            self.assertEqual(item.to_json(), clone.to_json())
            self.assertIsInstance(clone, faas.Assignment)

    def test_dir_lists_fields_for_completion(self):
        self.assertIn("name", dir(faas.Item({"id": "i", "name": "n"})))


class ResourceTests(unittest.TestCase):
    def test_resource_without_id_compares_by_content(self):
        self.assertEqual(faas.Resource({"a": 1}), faas.Resource(a=1))
        self.assertNotEqual(faas.Resource({"a": 1}), faas.Resource({"a": 2}))
        self.assertEqual("x", faas.Resource({"name": "x"}).name)


class ConvertInputTests(unittest.TestCase):
    def test_entity_types_parsed_case_insensitively_with_list_forms(self):
        self.assertEqual((faas.Item, False), entity_type("Item"))
        self.assertEqual((faas.Dataset, True), entity_type("dataset[]"))
        self.assertEqual((None, False), entity_type("String"))
        self.assertEqual((None, True), entity_type("Json[]"))
        self.assertEqual((None, False), entity_type(None))

    def test_entity_value_from_id_or_object(self):
        self.assertEqual(faas.Item("i1"), convert_input("item", "Item", "i1"))
        self.assertEqual("n", convert_input("item", "Item", {"id": "i1", "name": "n"}).name)

    def test_list_of_entities(self):
        converted = convert_input("models", "Model[]", ["m1", {"id": "m2"}, None])
        self.assertEqual([faas.Model("m1"), faas.Model("m2"), None], converted)

    def test_non_entity_types_and_none_pass_through(self):
        payload = {"id": "not converted"}
        self.assertIs(payload, convert_input("payload", "Json", payload))
        self.assertIsNone(convert_input("item", "Item", None))
        self.assertEqual(3, convert_input("n", "Integer", 3))

    def test_invalid_entity_value_names_the_input(self):
        with self.assertRaisesRegex(ValueError, r"input 'items\[1\]'"):
            convert_input("items", "Item[]", ["ok", {"name": "no id"}])
        with self.assertRaisesRegex(TypeError, r"input 'items' of type Item\[\] expects a list"):
            convert_input("items", "Item[]", "i1")
        with self.assertRaisesRegex(TypeError, r"input 'item'"):
            convert_input("item", "Item", 12)


if __name__ == "__main__":
    unittest.main()
