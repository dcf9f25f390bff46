"""Running: lint every postmortem of a repository.

``files`` finds the files, ``workers`` spreads them over processes, ``cache``
remembers each file's problems and facts by content (under the ``keys`` that
decide them), ``repository`` lints each file once and then runs the cross-file
rules over the facts (the other files read from Git's index by ``staged`` under
pre-commit), ``linter`` is the public entry, and ``baseline`` hides the problems
a repository has recorded as known.
"""
