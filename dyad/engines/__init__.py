"""Engines that run the one pipeline function, :func:`dyad.ingest.pipeline.analyse_file`, somewhere else.

``ray_engine`` runs it on a local or remote Ray cluster with Ray Data.
"""
