"""``python -m pmlint`` runs the command line."""

from pmlint.cli import main

main(prog_name="pmlint")
