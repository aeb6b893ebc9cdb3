"""Fixtures for the serve tests: stores on SQLite and PostgreSQL, in-process clients, and the
README's own store (the sample and the Ukraine corpus, ingested by the README's commands)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import uuid

import pytest
from apihelpers import README_SERVE, ROOT, SHARED, env, fill, make_client, sandbox, section_commands  # noqa: F401
from storehelpers import pg_schema_url, pg_url

from tacitus.store import Store, connect



def pytest_configure(config):
    # Starlette's TestClient warns that it will move to httpx2; nothing for these tests to do.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")



@pytest.fixture(params=["sqlite", "postgresql"])
def api_db(request, tmp_path):
    """A filled store (apihelpers.fill) on each backend: its URL."""
    if request.param == "sqlite":
        url = str(tmp_path / "api.db")
        with Store.open(url) as s:
            fill(s)
        yield url
        return
    url = pg_url()
    schema = "a_" + uuid.uuid4().hex[:10]
    admin = connect(url)
    admin.execute(f"CREATE SCHEMA {schema}")
    surl = pg_schema_url(url, schema)
    try:
        with Store.open(surl) as s:
            fill(s)
        yield surl
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture
def sqlite_db(tmp_path):
    """A filled SQLite store: its path."""
    url = str(tmp_path / "api.db")
    with Store.open(url) as s:
        fill(s)
    return url


@pytest.fixture
def client(api_db):
    with make_client(api_db) as c:
        yield c


@pytest.fixture(scope="session")
def readme_store(tmp_path_factory):
    """The README's serve section run as shown in a checkout-like sandbox: the sample and the
    Ukraine corpus ingested into ./tacitus.db. Yields (sandbox, [(command, exit status)])."""
    if not (SHARED / "corpus/ukraine-war-2022-2024/corpus.jsonl").exists():
        pytest.skip("../shared/corpus/ukraine-war-2022-2024 not found: this test needs the team's shared data "
                    "(present in CI)")
    repo = sandbox(tmp_path_factory.mktemp("readme"))
    ran = []
    reuse = os.environ.get("TACITUS_TEST_SERVE_DB")
    if reuse:  # a local shortcut while iterating: a store already made by these commands
        shutil.copy(reuse, repo / "tacitus.db")
        yield repo, ran
        return
    for line in section_commands(ROOT / "README.md", README_SERVE):
        if line.startswith("tacitus ingest"):
            r = subprocess.run(shlex.split(line), cwd=repo, env=env(), capture_output=True, text=True, timeout=1800)
            assert r.returncode == 0, f"{line}: {r.stderr[-2000:]}"
            ran.append((line, r.returncode))
    assert (repo / "tacitus.db").exists()
    yield repo, ran


@pytest.fixture(scope="session")
def corpus_db(readme_store) -> str:
    """Path of the README's ingested store (the sample and the 447-article corpus)."""
    return str(readme_store[0] / "tacitus.db")

