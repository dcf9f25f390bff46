"""Let jsonschema look only at the parts of a document that the compiled validators reject.

When a document fails the fast path (pmlint.checking.quickschema), jsonschema
validates all of it to locate every failure. In a file of 100,000 follow-ups
that is 100,000 items walked in Python (seconds), and ``contains`` walks them
all once more, when only the few that fail can yield a problem. For an array
of at least ``LONG`` items (of any length once a process has sent a few
documents to jsonschema), ``items`` and ``contains`` here first ask the
compiled validator of the item schema; an item it accepts yields nothing under
jsonschema either (the fast path's own premise), so it is skipped and the
failures, their messages and their order are jsonschema's. The document's own
properties (front-matter, sections...) are skipped alike (``_properties``).

``contains`` may also trust a rejection, but only by a subschema whose keywords
fastjsonschema can never reject while jsonschema accepts (``_EXACT``): without
that, a file whose follow-ups have none of the apparatus types would still have
every item walked by jsonschema to confirm it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pmlint.checking import quickschema

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

#: Arrays shorter than this go to jsonschema whole, until a process has sent
#: ``quickschema.COMPILE_AFTER`` documents to it: compiling an item's validator costs
#: about as much as jsonschema spends on a few hundred items.
LONG = 100

#: Keywords under which a fastjsonschema rejection implies a jsonschema one (``enum`` and
#: ``const`` only with scalar values, ``type`` only with non-numeric names), and annotations.
_EXACT = {"required", "properties", "enum", "const", "type", "description", "title", "$comment"}
_EXACT_TYPES = {"object", "array", "string", "boolean", "null"}

Keyword = Callable[[Any, Any, Any, dict[str, Any]], Iterator["ValidationError"]]


def validator_class(root: dict[str, Any]) -> type[jsonschema.Draft202012Validator]:
    """A Draft 2020-12 validator of ``root`` whose ``items`` and ``contains`` skip what passes.

    ``root`` must be kept for the process (its subschemas' identities key the
    compiled validators). A schema whose ``$ref`` could resolve elsewhere once a
    subschema is compiled on its own (nested ``$id``, anchors) gets the stock class.
    """
    import jsonschema

    stock = jsonschema.Draft202012Validator
    if not isinstance(root.get("$defs", {}), dict) or quickschema.moves(root, root=True):
        return stock
    fast = _Fast(root)
    keywords = {
        "items": _items(fast, stock.VALIDATORS["items"]),
        "contains": _contains(fast, stock.VALIDATORS["contains"]),
        "properties": _properties(fast, stock.VALIDATORS["properties"]),
    }
    extend = jsonschema.validators.extend
    extended: type[jsonschema.Draft202012Validator] = extend(stock, keywords)  # type: ignore[no-untyped-call]
    return extended


class _Fast:
    """The compiled validator of each item subschema of ``root``, made when first needed."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.compiled: dict[int, Callable[[Any], bool] | None] = {}
        self.seen = 0

    def check(self, subschema: Any, instance: Any) -> Callable[[Any], bool] | None:
        """A test that is True only for valid items, or None to leave the array to jsonschema."""
        if not isinstance(subschema, dict) or not isinstance(instance, list):
            return None
        if len(instance) < LONG and self.seen <= quickschema.COMPILE_AFTER:
            return None
        return self.compiled_for(subschema)

    def documents_seen(self) -> int:
        """Counts the documents jsonschema is asked about, this one included."""
        self.seen += 1
        return self.seen

    def compiled_for(self, subschema: dict[str, Any]) -> Callable[[Any], bool] | None:
        key = id(subschema)
        if key not in self.compiled:
            self.compiled[key] = self._compile(subschema)
        return self.compiled[key]

    def _compile(self, subschema: dict[str, Any]) -> Callable[[Any], bool] | None:
        if quickschema.moves(subschema) or "$defs" in subschema:
            return None
        whole = {**subschema, "$defs": self.root.get("$defs", {})}
        if "$id" in self.root:
            whole["$id"] = self.root["$id"]
        whole["$schema"] = self.root.get("$schema", "https://json-schema.org/draft/2020-12/schema")
        try:
            validate = quickschema.compile_schema(whole)
        except Exception:  # a $ref it cannot resolve on its own, say: jsonschema does it all
            return None
        import fastjsonschema

        def accepts(item: Any) -> bool:
            try:
                validate(item)
            except fastjsonschema.JsonSchemaValueException:
                return False
            return True

        return accepts


def _items(fast: _Fast, stock: Keyword) -> Keyword:
    def items(
        validator: Any, items: Any, instance: Any, schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        accepts = None if "prefixItems" in schema else fast.check(items, instance)
        if accepts is None:
            yield from stock(validator, items, instance, schema)
            return
        for index, item in enumerate(instance):
            if not accepts(item):
                yield from validator.descend(instance=item, schema=items, path=index)

    return items


def _properties(fast: _Fast, stock: Keyword) -> Keyword:
    """The document's own properties (front-matter, sections, follow-ups...) skip what passes.

    A document that fails the fast path usually fails in one part: jsonschema
    then walks that part only. Compiling the parts' validators costs about what
    jsonschema spends on a few documents, so a process does it only once it
    has sent ``quickschema.COMPILE_AFTER`` documents to jsonschema.
    """

    def properties(
        validator: Any, properties: Any, instance: Any, schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        if schema is not fast.root or fast.documents_seen() <= quickschema.COMPILE_AFTER:
            yield from stock(validator, properties, instance, schema)
            return
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name not in instance:
                continue
            accepts = fast.compiled_for(subschema) if isinstance(subschema, dict) else None
            if accepts is None or not accepts(instance[name]):
                yield from validator.descend(instance[name], subschema, path=name, schema_path=name)

    return properties


def _contains(fast: _Fast, stock: Keyword) -> Keyword:
    def contains(
        validator: Any, contains: Any, instance: Any, schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        bounded = "minContains" in schema or "maxContains" in schema
        accepts = None if bounded else fast.check(contains, instance)
        if accepts is None:
            yield from stock(validator, contains, instance, schema)
            return
        exact = rejects_exactly(contains)
        slow = validator.evolve(schema=contains)
        needed = contains.get("required")
        needed = needed if isinstance(needed, list) else []
        for item in instance:
            if isinstance(item, dict) and not all(name in item for name in needed):
                continue  # fails ``required``, as jsonschema sees it too; no exception raised
            if accepts(item) or (not exact and slow.is_valid(item)):
                return
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not contain items matching the given schema")

    return contains


def rejects_exactly(subschema: Any) -> bool:
    """True if fastjsonschema rejects nothing that jsonschema accepts under ``subschema``.

    Each keyword of ``_EXACT`` tests the same thing in both (``in`` and ``==``
    for ``enum``, where jsonschema's equality is only stricter), unlike
    ``integer`` (1.0 is one for jsonschema only) or formats and patterns.
    """
    if not isinstance(subschema, dict):
        return False
    for key, value in subschema.items():
        if key.startswith("x-"):
            continue
        if key not in _EXACT:
            return False
        if key == "type" and value not in _EXACT_TYPES:
            return False
        if key in ("enum", "const") and not all(_scalar(item) for item in _listed(key, value)):
            return False
        if key == "properties" and not (
            isinstance(value, dict) and all(rejects_exactly(sub) for sub in value.values())
        ):
            return False
    return True


def _listed(key: str, value: Any) -> list[Any]:
    if key == "const":
        return [value]
    return value if isinstance(value, list) else [object()]


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool))
