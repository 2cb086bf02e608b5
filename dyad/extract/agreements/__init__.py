"""The agreements stage: mentions of the agreements the data knows and of those the text names
(:mod:`.mentions`, ``data/agreements.yaml``), and agreements read from the text alone (:mod:`.text`)."""

from dyad.extract.agreements.mentions import doc_dyad, extract_agreements

__all__ = ["doc_dyad", "extract_agreements"]
