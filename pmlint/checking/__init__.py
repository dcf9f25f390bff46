"""Checking: the JSON Schema and the Python rules judge one document model.

``schema`` (with its compiled fast path, ``quickschema``) states the shape;
``rules`` holds the registry and the checks a schema cannot state.
"""
