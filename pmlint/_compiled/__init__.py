"""The validators pmlint ships, generated from its schemas (see pmlint.checking.quickschema).

``config_schema.py`` and ``postmortem_schema.py`` are written by
``python -m pmlint._compiled``, never by hand; tests/test_quickschema.py fails
when they differ from what the schemas and the installed fastjsonschema give.
"""

from __future__ import annotations

from pathlib import Path


def sources() -> dict[Path, str]:
    """Each generated file and the text it must hold."""
    from pmlint import resources
    from pmlint.checking import quickschema, schema
    from pmlint.config import Config

    folder = Path(__file__).parent
    shipped = [resources.load_json("config.schema.json"), schema.effective_schema(Config())]
    return {folder / f"{quickschema.SHIPPED[s['$id']]}.py": quickschema.source(s) for s in shipped}
