"""``python -m dyad`` runs the command line."""

from dyad.cli.main import app

app(prog_name="dyad")
