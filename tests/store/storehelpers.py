"""Helpers shared by the store and export tests: hand-built events, a fake pipeline, store fixtures.

Imported by module name (pytest puts this directory on sys.path); fixtures imported into a test
module are registered there.
"""
from __future__ import annotations

import os
import uuid
from datetime import date

import pytest

from tacitus.models import Attribution, Document, Event, Evidence, Location, Party, TimeSpan
from tacitus.store import Store, connect

PG_ENV = "TACITUS_TEST_PG"


NAMES = {"CAN": "Canada", "UKR": "Ukraine", "POL": "Poland", "FRA": "France", "USA": "United States",
         "RUS": "Russia", "DEU": "Germany"}


def party(country: str | None, name: str | None = None, sector: str | None = None, kind: str = "state") -> Party:
    name = name or NAMES.get(country or "", country)
    return Party(text=name or "", name=name, country=country, sector=sector, kind=kind)


def event(doc_id: str, type: str = "AID", modality: str = "asserted", actor: str | None = "CAN",
          target: str | None = "UKR", day: str | None = "2024-03-01", trigger: str = "send",
          sentence: str = "Canada will send troops to Ukraine.", start: int = 0, anchor: str = "explicit",
          speaker: str | None = None, location: str | None = None, cameo: str | None = "074") -> Event:
    t = TimeSpan(day, date.fromisoformat(day), date.fromisoformat(day), "day", anchor) if day else None
    ev = Event(doc_id=doc_id, type=type, modality=modality,
               evidence=Evidence(sentence, start, start + len(sentence), trigger, start, start + len(trigger)),
               actor=party(actor) if actor else None, target=party(target) if target else None, time=t,
               attribution=Attribution(speaker=party(None, speaker, kind="person") if speaker else None,
                                       channel=("Reuters",) if speaker else (), cue="said" if speaker else None),
               location=Location(location, location, location) if location else None, cameo=cameo,
               plover_type=type if modality == "asserted" else "AGREE" if modality != "negated" else "REJECT",
               contexts=("military",), confidence=0.8, rule="test.v1", goldstein=1.0)
    return ev.with_id()


def doc(doc_id: str, text: str | None = None, published: str = "2024-03-01", source: str | None = None) -> Document:
    text = text or f"Article {doc_id}. " + " ".join(f"word{doc_id}{i}" for i in range(60))
    return Document(text=text, id=doc_id, published=date.fromisoformat(published), source=source)


def corpus_docs() -> list[Document]:
    """Five stories: two originals, an exact re-publication and an update of the first, a third."""
    base = "Intro line of the story.\nCanada will send troops to Ukraine, the minister said.\n" + \
        " ".join(f"filler{i}" for i in range(80))
    return [
        doc("a", base, source="Outlet A"),
        doc("b", "Other story.\nFrance could send troops to Ukraine.\n" + " ".join(f"other{i}" for i in range(80)),
            source="Outlet B"),
        doc("a-copy", base, source="Outlet C"),                                  # exact re-publication
        doc("a-update", base.replace("Intro", "UPDATED: intro"), source="Outlet A"),  # near duplicate
        doc("c", "Third.\nCanada to send troops to Ukraine.\n" + " ".join(f"third{i}" for i in range(80)),
            published="2024-03-02", source="Outlet D"),
    ]


class FakePipeline:
    """Stands in for the spaCy pipeline: one AID event per line that mentions "send"; the
    documents named in `fail` are reported through `on_error` as the real pipeline does."""

    def __init__(self, fail: tuple[str, ...] = ()):
        self.seen: list[str] = []
        self.fail = set(fail)

    def extract_documents(self, docs, on_error=None):
        from tacitus.pipeline import extraction_error

        for d in docs:
            d = d.with_id()
            self.seen.append(d.id)
            if d.id in self.fail:
                on_error(d, extraction_error(d, RuntimeError("injected")))
                continue
            evs = []
            pos = 0
            for line in d.text.split("\n"):
                if "send" in line:
                    evs.append(event(d.id, sentence=line, start=pos, day=d.published.isoformat() if d.published else None,
                                     anchor="published"))
                pos += len(line) + 1
            yield d, evs


def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV}=postgresql://user:pass@host/db (.ci/run does)")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as e:  # noqa: BLE001 - any connection failure means skip
        pytest.skip(f"PostgreSQL at {PG_ENV} not reachable: {str(e).splitlines()[0]}")
    return url


def pg_schema_url(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite-memory", "sqlite-file", "postgresql"])
def store(request, tmp_path):
    """A fresh, migrated store on each backend (PostgreSQL: a throw-away schema)."""
    if request.param == "sqlite-memory":
        s = Store.open(":memory:")
        yield s
        s.close()
    elif request.param == "sqlite-file":
        s = Store.open(str(tmp_path / "t.db"))
        yield s
        s.close()
    else:
        url = pg_url()
        schema = "t_" + uuid.uuid4().hex[:10]
        admin = connect(url)
        admin.execute(f"CREATE SCHEMA {schema}")
        s = Store.open(pg_schema_url(url, schema))
        try:
            yield s
        finally:
            s.close()
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
            admin.close()


@pytest.fixture
def sqlite_store():
    s = Store.open(":memory:")
    yield s
    s.close()
