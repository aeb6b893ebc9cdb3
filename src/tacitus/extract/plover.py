"""The PLOVER-strict view of an event (type + modality); it lives in tacitus.ontology."""
from ..ontology import COOPERATIVE, MATERIAL_CONFLICT, plover_view

__all__ = ["COOPERATIVE", "MATERIAL_CONFLICT", "plover_view"]
