"""Running: lint every postmortem of a repository.

``files`` finds the files, ``workers`` spreads them over processes, ``cache``
remembers results by content, ``linter`` runs each file and the cross-file
rules, and ``baseline`` hides the problems a repository has recorded as known.
"""
