"""Scoring exports against gold files (see ../shared/gold/GUIDELINES.md)."""
