"""``python -m dyad`` runs the command line."""

from dyad.cli.main import main

main()
