"""The packaged knowledge, one bundle for the whole test session (each part read the first time a test asks)."""

from __future__ import annotations

from dyad.config import Options
from dyad.knowledge import Knowledge

KNOWLEDGE = Knowledge.from_options(Options())
