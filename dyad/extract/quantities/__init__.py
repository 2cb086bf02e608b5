"""The quantities stage: figures stated in the prose (:mod:`.prose`) and in charts the repair took out of
the body (:mod:`.chart`), both read with the number and unit lexer (:mod:`.lex`, ``data/units.yaml``)."""

from dyad.extract.quantities.chart import extract_chart_series, merge_chart
from dyad.extract.quantities.prose import extract_quantities

__all__ = ["extract_chart_series", "extract_quantities", "merge_chart"]
