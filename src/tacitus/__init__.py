"""Tacitus: news articles to PLOVER event data with modality, attribution and evidence."""
__version__ = "0.1.0"
