"""Authoring: writing postmortems in pmlint's format.

``template`` scaffolds a new postmortem (``pmlint new``); ``adopt`` converts one
written in another style.
"""
