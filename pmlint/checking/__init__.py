"""Checking: the JSON Schema and the Python rules judge one document model.

``lint`` runs them over one file and yields its problems and its ``facts``;
``schema`` (with its compiled fast path, ``quickschema``) states the shape;
``rules`` holds the catalog and the checks a schema cannot state, ``registry``
finds each rule's check and page. The cross-file rules judge facts, not
documents.
"""
