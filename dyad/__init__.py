"""dyad: an evidence-linked model of relations between states, built from documents."""

__version__ = "0.1.0"
__all__ = ["__version__"]
