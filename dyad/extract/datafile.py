"""Moved to :mod:`dyad.datafile` (the one YAML reader, for every layer); this name stays for one session."""

from dyad.datafile import read_yaml

__all__ = ["read_yaml"]
