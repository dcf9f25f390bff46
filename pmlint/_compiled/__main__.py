"""Write the shipped validators again: run after editing a schema or upgrading fastjsonschema."""

from pmlint._compiled import sources

for path, text in sources().items():
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
