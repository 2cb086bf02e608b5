"""Lower case as a case-blind regular expression reads ASCII letters, for quick word tests before a search.

A pattern compiled with ``re.IGNORECASE`` matches an ASCII letter with its capital and with a few other
characters that ``str.lower`` does not turn into it: a dotted capital I, a dotless i and a long s. A
paragraph in which :func:`blind` finds none of a pattern's required words cannot match the pattern, so
the pattern need not be run (the time scan, the quantities' number lexer).

>>> blind("Thirty DAYS pa\u017ft \u0130stanbul")
'thirty days past istanbul'
"""

from __future__ import annotations

#: What case-blind matching equates with an ASCII letter beyond ``str.lower`` (the Kelvin sign it lowers itself).
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def blind(text: str) -> str:
    """``text`` lower-cased, with the characters a case-blind pattern takes for ASCII letters made those letters
    (for containment tests only: a dotted capital I is one character here, two in ``str.lower``)."""
    for odd, letter in _FOLD:
        if odd in text:
            text = text.replace(odd, letter)
    return text.lower()
