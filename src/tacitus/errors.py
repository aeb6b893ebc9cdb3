"""Coded errors (E-numbers) so users and tests can tell failures apart, as spaCy's errors.py does.

`CODES` is the one table of every code Tacitus reports; tests check that no code is raised
without a row here. E1xx: a document or input path (the batch goes on), E2xx: data files,
E3xx: the spaCy model, E4xx: settings, E5xx: the event store, E6xx: `tacitus serve`,
E7xx: `tacitus watch`, E8xx: `tacitus batch`.
"""
from __future__ import annotations

CODES: dict[str, str] = {
    "E000": "unclassified error",
    "E100": "input error",
    "E101": "missing or unreadable path",
    "E102": "directory without readable documents",
    "E103": "binary data, not text",
    "E104": "empty document",
    "E105": "text in an encoding Tacitus does not read",
    "E106": "HTML page without article text",
    "E107": "not English",
    "E108": "invalid JSON/JSONL record",
    "E109": "invalid published date",
    "E110": "document or file too large",
    "E111": "same document id twice in one file",
    "E120": "document could not be processed (an internal error; the batch goes on)",
    "E121": "the worker process extracting the document died",
    "E200": "invalid data file",
    "E201": "invalid modality cue file",
    "E203": "invalid extraction rules file (data/lexicon/rules.yaml)",
    "E204": "invalid publishers file (data/actors/publishers.yaml)",
    "E210": "invalid actor dictionary",
    "E300": "spaCy model error",
    "E301": "no English spaCy pipeline installed",
    "E302": "spaCy pipeline cannot be loaded",
    "E303": "unknown spaCy pipeline name",
    "E400": "invalid setting",
    "E401": "not a date",
    "E402": "batch size below 1",
    "E403": "processes below 1",
    "E404": "min_confidence outside [0, 1]",
    "E405": "--since after --until",
    "E406": "--limit or --min-documents below 1",
    "E410": "extraction stage registered twice",
    "E411": "unknown extraction stage",
    "E412": "extraction stage placed before the stages that add what it needs",
    "E413": "sentence stage after a document stage",
    "E414": "stage list that never produces events",
    "E500": "event store cannot be opened, migrated or written",
    "E501": "unknown event type",
    "E502": "unknown modality",
    "E503": "parquet to standard output",
    "E504": "export file cannot be written",
    "E505": "ingest without a path",
    "E506": "no event store at the path",
    "E507": "not a Tacitus event store",
    "E508": "event store schema needs an upgrade but is read-only",
    "E600": "tacitus serve cannot start or answer",
    "E601": "unknown sort",
    "E603": "unknown time bucket",
    "E610": "no event or mention with that id",
    "E611": "no document with that id",
    "E612": "invalid paging cursor",
    "E613": "request body too large",
    "E614": "missing or wrong bearer token",
    "E615": "server is read-only",
    "E616": "unreadable or weak token file",
    "E617": "cannot resolve or listen on the host and port",
    "E618": "no page at that address",
    "E620": "until before since",
    "E621": "page limit out of range",
    "E622": "min_documents below 1",
    "E623": "month not YYYY-MM",
    "E700": "feeds file or watch setting cannot be used",
    "E701": "missing or unreadable feeds file",
    "E702": "not an http(s) feed URL",
    "E703": "feed cannot be fetched",
    "E704": "disallowed by robots.txt",
    "E705": "feed cannot be parsed",
    "E706": "article fetch failed for now (retried at the next poll)",
    "E707": "article refused (not retried)",
    "E708": "invalid --interval",
    "E800": "batch output or cluster cannot be used",
    "E801": "input that tacitus batch does not read",
    "E802": "unreadable batch input file",
    "E810": "document not extracted in a batch",
    "E811": "batch chunk lost (its documents are retried on rerun)",
    "E812": "events of a document cannot be written",
    "E820": "--out is a file or cannot be created",
    "E821": "--out holds something other than a batch output",
    "E822": "Dask scheduler unreachable",
    "E823": "--chunk-size or --workers below 1",
}


class TacitusError(Exception):
    """Base error: `code` is stable, the message says what to do."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        if code:
            self.code = code
        # One line, always: error lines are read by people and by `grep`.
        super().__init__(f"[{self.code}] {' '.join(message.split())}")


class InputError(TacitusError):
    """A document or path that cannot be read as an article (missing, binary, empty, ...)."""

    code = "E100"


class DataFileError(TacitusError):
    """A lexicon, dictionary or ontology data file that fails schema validation."""

    code = "E200"


class ModelError(TacitusError):
    """The spaCy pipeline or a shipped model cannot be loaded."""

    code = "E300"


class SettingsError(TacitusError):
    """An invalid setting (bad date, unknown format, ...)."""

    code = "E400"


def error_line(origin: str, error: BaseException) -> str:
    """The one line a failed document gets on stderr: `tacitus: ORIGIN: [Ennn] message`."""
    return f"tacitus: {origin}: {error}"
