"""`tacitus serve` as a command: the printed URL, read-only by default, one-line errors, no secrets shown."""
from __future__ import annotations

import os
import signal
import socket
import subprocess

import httpx
import pytest
from apihelpers import BIN, env, serving

from tacitus.cli import main


def test_serve_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0 and "--token-file" in out and "--port" in out and "read-only" in out.lower()


def _one_line_error(capsys, argv, code):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tacitus: [{code}]") and err.count("\n") == 1, err
    return err


def test_serve_refuses_a_missing_store(tmp_path, capsys):
    err = _one_line_error(capsys, ["serve", "--db", str(tmp_path / "none.db")], "E506")
    assert "tacitus ingest" in err and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("content", [None, "short", "two words of token text", "\xff"])
def test_serve_bad_token_files(sqlite_db, tmp_path, capsys, content):
    path = tmp_path / "token.txt"
    if content is not None:
        path.write_bytes(content.encode("latin-1"))
    err = _one_line_error(capsys, ["serve", "--db", sqlite_db, "--token-file", str(path)], "E616")
    assert (content or "") not in err or not content


def test_serve_busy_port_is_one_line(sqlite_db, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        err = _one_line_error(capsys, ["serve", "--db", sqlite_db, "--port", str(port)], "E617")
    assert str(port) in err and "--port" in err


def test_serve_prints_its_url_and_stops_on_ctrl_c(sqlite_db, tmp_path):
    token = "tok-" + "x7" * 12
    (tmp_path / "t.txt").write_text(token + "\n")
    args = ["serve", "--db", sqlite_db, "--port", "0", "--token-file", str(tmp_path / "t.txt")]
    with serving(args, tmp_path) as (base, proc):
        assert base.startswith("http://127.0.0.1:")
        assert httpx.get(base + "/api/stats").json()["documents"] == 3
        assert httpx.get(base + "/").status_code == 200
        r = httpx.post(base + "/api/ingest", content=b"text", headers={"Authorization": "Bearer nope"})
        assert r.status_code == 401
        os.killpg(proc.pid, signal.SIGINT)   # Ctrl-C: a clean stop (uvicorn shuts down, then exits 130)
        assert proc.wait(20) == 130
        out, err = proc.stdout.read(), proc.stderr.read()
    assert token not in out + err and "writes allowed" in err and "Traceback" not in err


def test_serve_never_prints_the_database_password():
    from storehelpers import pg_url

    url = pg_url()
    assert "@" in url and ":" in url.split("@")[0].split("//")[1], "the test URL carries a password"
    password = url.split("@")[0].split(":")[-1]
    proc = subprocess.Popen([str(BIN / "tacitus"), "serve", "--db", url, "--port", "0"], env=env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("http://")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    err = proc.stderr.read()
    assert "serving postgresql://" in err and f":{password}@" not in err + line


@pytest.mark.slow
def test_serve_answers_concurrent_requests(sqlite_db, tmp_path):
    """Requests on several connections at once (each worker thread with its own SQLite connection)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/events?format=csv", "/api/events", "/events", "/api/stance?action=send+troops&target=UKR",
             "/stance?action=send+troops&target=UKR&month=2024-03", "/api/timeline", "/map", "/api/actors"] * 6
    with serving(["serve", "--db", sqlite_db, "--port", "0"], tmp_path) as (base, _):
        def get(path):
            with httpx.Client(base_url=base, timeout=60) as c:
                return [(r.status_code, r.text) for r in (c.get(path), c.get(path))]

        with ThreadPoolExecutor(8) as ex:
            results = dict(zip(range(len(paths)), ex.map(get, paths)))
    bodies: dict[str, set[str]] = {}
    for i, path in enumerate(paths):
        for status, text in results[i]:
            assert status == 200, (path, text[:300])
            bodies.setdefault(path, set()).add(text)
    assert len(bodies["/api/events?format=csv"]) == 1 and len(bodies["/api/events"]) == 1


def test_serve_listens_on_a_tcp_socket_that_gets_nodelay():
    """asyncio sets TCP_NODELAY only on accepted sockets whose protocol is IPPROTO_TCP; with 0,
    every second response on a keep-alive connection waited for a delayed ACK."""
    from tacitus.api.commands import _bind

    sock = _bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        client = socket.create_connection(sock.getsockname()[:2])
        conn, _ = sock.accept()
        assert conn.proto == socket.IPPROTO_TCP
        conn.close()
        client.close()
    finally:
        sock.close()


@pytest.mark.parametrize("extra, code", [
    (["--port", "70000"], "E617"), (["--port", "-1"], "E617"), (["--max-body", "0"], "E617"),
    (["--host", "no-such-host.invalid"], "E617"),
])
def test_serve_bad_options_are_one_line(sqlite_db, capsys, extra, code):
    _one_line_error(capsys, ["serve", "--db", sqlite_db, *extra], code)


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database, just notes\n" * 200)
    err = _one_line_error(capsys, ["serve", "--db", str(bad)], "E500")
    assert "not a database" in err and bad.read_text().startswith("not a database")
