"""Extraction stages; each module registers its stages with `tacitus.extract.registry`."""
