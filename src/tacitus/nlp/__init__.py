"""spaCy stays here: everything else works on ParsedDoc."""
from .parser import Parser, load_pipeline, model_info, model_meta, parse_text, resolve_model_name, to_parsed

__all__ = ["Parser", "load_pipeline", "model_info", "model_meta", "parse_text", "resolve_model_name",
           "to_parsed"]
