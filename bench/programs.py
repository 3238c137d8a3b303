"""Registration burst against a real gunicorn server, on SQLite and on PostgreSQL.

Method (machine-independent description): for each database, migrate a fresh benchmark database,
create published workshop sessions, start gunicorn (4 single-threaded workers, the shape of the issue's pretix comparison;
production settings, DEBUG off, persistent database connections, rate limit off because every client is 127.0.0.1), warm it
up, then let 20 client threads POST registrations to /api/v1/sessions/{id}/registrations as fast as they can.

- Burst A (new connection): 1,000 attempts for 1,000 seats, each request on a new TCP connection
  (`Connection: close`, as the issue's comparison measured); every attempt is confirmed; we report
  confirmed registrations per second (wall clock of the whole burst), client-side p50/p95
  latency, and the server CPU (gunicorn master and workers, from /proc) per registration.
- Burst K (keep-alive): the same on another session, each client thread keeping one connection.
- Burst B: 1,000 attempts for 100 seats: we check exactly 100 confirmed and 900 waiting with
  positions 1..900 (no overbooking, no gap, no duplicate) and report the same timings.

Target: at least 150 confirmed registrations per second in bursts A and K, p95 under 200 ms, zero errors,
zero overbooking.
Run: `make bench BENCH_ARGS=programs` (or `.venv/bin/python -m bench programs`).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:55432/shanyraq_bench_programs")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
ATTEMPTS = 1000
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))


def _env(url: str, var_dir: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shanyraq.settings",
        "DATABASE_URL": url,
        "SHANYRAQ_VAR_DIR": var_dir,
        "SHANYRAQ_DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SHANYRAQ_REGISTRATION_RATE": "0/1",
        "LOG_LEVEL": "ERROR",
        # Persistent connections, as a production deployment runs them (no reconnect per request).
        "DB_CONN_MAX_AGE": "60",
    }


def _manage(env: dict, *args: str) -> str:
    out = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


HELPER = """
import datetime as dt, json, sys
from django.utils import timezone
from shanyraq.programs.models import Registration
from shanyraq.programs.tests.factories import ProgramFactory, SpaceFactory
from shanyraq.programs.services.sessions import session_create
if sys.argv[1] == "setup":
    cap = int(sys.argv[2]); tag = sys.argv[3]
    space = SpaceFactory(slug="bench-" + tag, capacity=cap)
    day = timezone.localdate() + dt.timedelta(days=30)
    day += dt.timedelta(days=1) if day.weekday() == 0 else dt.timedelta(0)  # inside opening hours
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    s = session_create(program=ProgramFactory(), space=space, start=start, end=start + dt.timedelta(hours=2))
    print(s.pk)
else:
    regs = list(Registration.objects.filter(session_id=int(sys.argv[2])).order_by("pk").values_list("status", "position"))
    print(json.dumps(regs))
"""


def _helper(env: dict, *args: str) -> str:
    code = "import django; django.setup()\n" + HELPER
    out = subprocess.run(
        [str(BIN / "python"), "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _burst(
    port: int, session_id: int, tag: str, keepalive: bool = True
) -> tuple[float, list[float], list[int]]:
    """Each client thread keeps one HTTP/1.1 connection, or opens a new one per request (http.client:
    little client-side CPU)."""
    import http.client
    import json
    import threading

    path = f"/api/v1/sessions/{session_id}/registrations"
    local = threading.local()

    def one(i: int):
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        body = json.dumps(
            {"name": f"Bench {tag} {i}", "email": f"bench-{tag}-{i}@example.org", "language": "en"}
        )
        started = time.perf_counter()
        try:
            headers = {"Content-Type": "application/json"}
            if not keepalive:
                headers["Connection"] = "close"
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if not keepalive:
                conn.close()
                local.conn = None
        except (OSError, http.client.HTTPException):
            conn.close()
            local.conn = None
            status = 0
        return time.perf_counter() - started, status

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(one, range(ATTEMPTS)))
    elapsed = time.perf_counter() - started
    return elapsed, [r[0] for r in results], [r[1] for r in results]


def _server_cpu(master: int) -> float:
    """CPU seconds used so far by the gunicorn master and its workers (from /proc)."""
    total = 0
    pids = [master]
    try:
        pids += [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return float("nan")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def _run_backend(name: str, url: str, var_dir: str) -> dict:
    import json

    import requests

    env = _env(url, var_dir)
    _manage(env, "migrate", "--noinput", "-v", "0")
    load_before = os.getloadavg()[0]
    sid_a = int(_helper(env, "setup", str(ATTEMPTS), f"a{int(time.time())}"))
    sid_b = int(_helper(env, "setup", "100", f"b{int(time.time())}"))
    sid_k = int(_helper(env, "setup", str(ATTEMPTS), f"k{int(time.time())}"))
    sid_w = int(_helper(env, "setup", "1000", f"w{int(time.time())}"))
    port = _port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "shanyraq.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/api/v1/sessions/{sid_a}", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        for i in range(40):  # warm-up: imports, connections, caches
            requests.post(
                f"{base}/api/v1/sessions/{sid_w}/registrations",
                json={"name": f"W{i}", "email": f"w{i}@example.org", "language": "en"},
                timeout=30,
            )
        cpu_before, client_before = _server_cpu(server.pid), time.process_time()
        a_time, a_lat, a_codes = _burst(port, sid_a, "a", keepalive=False)
        cpu_a, client_a = _server_cpu(server.pid) - cpu_before, time.process_time() - client_before
        cpu_before, client_before = _server_cpu(server.pid), time.process_time()
        k_time, k_lat, k_codes = _burst(port, sid_k, "k")
        cpu_k, client_k = _server_cpu(server.pid) - cpu_before, time.process_time() - client_before
        b_time, b_lat, b_codes = _burst(port, sid_b, "b")
    finally:
        server.terminate()
        server.wait(timeout=20)
    load_after = os.getloadavg()[0]
    a_regs = json.loads(_helper(env, "verify", str(sid_a)))
    b_regs = json.loads(_helper(env, "verify", str(sid_b)))
    k_regs = json.loads(_helper(env, "verify", str(sid_k)))
    b_confirmed = [r for r in b_regs if r[0] == "confirmed"]
    b_waiting = sorted(r[1] for r in b_regs if r[0] == "waiting")
    return {
        "name": name,
        "a_rate": sum(1 for r in a_regs if r[0] == "confirmed") / a_time,
        "a_p50": _p(a_lat, 50),
        "a_p95": _p(a_lat, 95),
        "a_errors": sum(1 for c in a_codes if c != 201),
        "a_confirmed": sum(1 for r in a_regs if r[0] == "confirmed"),
        "k_rate": sum(1 for r in k_regs if r[0] == "confirmed") / k_time,
        "k_p50": _p(k_lat, 50),
        "k_p95": _p(k_lat, 95),
        "k_errors": sum(1 for c in k_codes if c != 201),
        "k_cpu_ms": cpu_k * 1000 / ATTEMPTS,
        "b_rate": len(b_regs) / b_time,
        "b_p50": _p(b_lat, 50),
        "b_p95": _p(b_lat, 95),
        "b_errors": sum(1 for c in b_codes if c != 201),
        "b_confirmed": len(b_confirmed),
        "b_waiting_ok": b_waiting == list(range(1, ATTEMPTS - 100 + 1)),
        "b_waiting": len(b_waiting),
        "load": f"{load_before:.1f} / {load_after:.1f}",
        "cpu_ms": cpu_a * 1000 / ATTEMPTS,
        "client_ms": (client_a + client_k) * 1000 / (2 * ATTEMPTS),
    }


def _pg_database_ready() -> bool:
    try:
        import psycopg

        base, dbname = PG_URL.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{dbname}"')
        return True
    except Exception as exc:  # noqa: BLE001 - reported in the section
        print(f"PostgreSQL not available: {exc}")
        return False


def run() -> str:
    results = []
    var_dir = Path(ROOT / "var" / "bench")
    var_dir.mkdir(parents=True, exist_ok=True)
    db_file = var_dir / "programs.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        only = os.environ.get("BENCH_ONLY", "")  # "sqlite" or "postgres" to run one of them
        if only in ("", "sqlite"):
            results.append(_run_backend("SQLite (WAL, IMMEDIATE)", f"sqlite:///{db_file}", tmp))
        if only in ("", "postgres") and _pg_database_ready():
            results.append(_run_backend("PostgreSQL", PG_URL, tmp))
    lines = [
        "## Programs: registration burst",
        "",
        __doc__.split("\n\n", 1)[1].strip(),
        "",
        "| database | A (new connection): confirmed/s | A p50 / p95 ms | A errors | A server CPU ms/registration "
        "| K (keep-alive): confirmed/s | K p50 / p95 ms | K errors | K server CPU ms/registration "
        "| client CPU ms/request | B: req/s | B p95 ms | B confirmed | B waiting 1..900 in order | B errors "
        "| load avg before / after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['name']} | {r['a_rate']:.0f} ({r['a_confirmed']}) | {r['a_p50']:.0f} / {r['a_p95']:.0f} "
            f"| {r['a_errors']} | {r['cpu_ms']:.1f} | {r['k_rate']:.0f} | {r['k_p50']:.0f} / {r['k_p95']:.0f} "
            f"| {r['k_errors']} | {r['k_cpu_ms']:.1f} | {r['client_ms']:.1f} | {r['b_rate']:.0f} | {r['b_p95']:.0f} | {r['b_confirmed']} "
            f"| {'yes' if r['b_waiting_ok'] else 'NO'} ({r['b_waiting']}) | {r['b_errors']} | {r['load']} |"
        )
    overbooking_ok = all(r["b_confirmed"] == 100 and r["b_waiting_ok"] and not r["b_errors"] for r in results)
    cpu = statistics.mean(min(r["cpu_ms"], r["k_cpu_ms"]) for r in results) if results else float("nan")
    rate_ok = all(
        min(r["a_rate"], r["k_rate"]) >= 150
        and max(r["a_p95"], r["k_p95"]) < 200
        and not (r["a_errors"] or r["k_errors"])
        for r in results
    )
    lines += [
        "",
        f"Zero overbooking: **{'met' if overbooking_ok else 'NOT met'}** (exactly 100 confirmed, the waiting list "
        "numbered 1..900 without gap or duplicate, no server error). Target of 150 confirmed registrations/s with "
        f"p95 < 200 ms and no error, in A and K: **{'met' if rate_ok else 'NOT met'}** here.",
        "",
        "Reading the figures: the client threads, gunicorn and the database all share the same 2 cores, and the "
        "load average column shows how busy the machine already was (it is shared with other developers), so the "
        "rates measure this machine at that moment. The server CPU columns do not depend on the load: "
        f"at {cpu:.1f} ms per registration one fully free core serves about {1000 / cpu:.0f} registrations/s "
        "(150/s on the 2 cores shared with the client needs about 6 ms). Each registration runs the full "
        "service: rules, a new Person and its audit row, the pool lock (`select_for_update` on PostgreSQL, the "
        "IMMEDIATE write lock on SQLite) reading only the seat columns, two index-driven queries, the insert, an "
        "audit row and the outbox e-mail row, rendered from the objects already loaded (the calendar file and the "
        "QR ticket are made by the worker at send time), and the send task's row, all in one transaction. On "
        "SQLite, writers queue on a lock file (shanyraq/core/sqlite) instead of SQLite's sleeping busy handler.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
