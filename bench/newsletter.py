"""Newsletter sending: render and hand to a local SMTP server one mailing for 50,000 readers.

Method: a fresh SQLite benchmark database (var/bench/newsletter.sqlite3) is migrated; 50,000
confirmed subscribers are written, a quarter in each language (zh-hans, en, kk, ru), and one
mailing with a subject and a ~4 KB body per language (sections, links). `mailing_start` writes
the 50,000 delivery rows; then `mailing_send` runs in this process with no throttle
(NEWSLETTER_SEND_RATE=0), exactly as the worker runs it: two SMTP connections in two threads
(NEWSLETTER_SMTP_CONNECTIONS, the default), batch claims, one `handed` commit before
each end-of-data, batched `sent` marks, a per-reader message (HTML + text, RFC 8058 headers,
their own signed links). The SMTP server is aiosmtpd in a separate process on 127.0.0.1 that
accepts and counts every message (and every recipient, to check each was delivered once).
Memory: resident set size of the sending process sampled every 0.5 s (/proc/self/statm), so the
figures show whether memory grows with the list; a separate render-only pass (no SMTP, no
database) measures message building alone. Target: >= 500 messages/s, memory flat.
Run: `make bench BENCH_ARGS=newsletter` (or `.venv/bin/python -m bench newsletter`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = int(os.environ.get("BENCH_NEWSLETTER_READERS", "50000"))
LANGS = ("zh-hans", "en", "kk", "ru")

SINK = r"""
import collections, signal, sys, threading, time
from aiosmtpd.controller import Controller
counts = collections.Counter()
class Sink:
    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            counts[rcpt] += 1
        return "250 OK"
c = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: done.set())
done.wait()
c.stop()
with open(sys.argv[2], "w") as fh:
    fh.write(f"{sum(counts.values())} {len(counts)} {max(counts.values()) if counts else 0}\n")
"""


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _body(lang: str) -> str:
    words = {
        "zh-hans": "哈萨克斯坦文化中心本周有展览、音乐会和儿童工作坊。",
        "en": "This week the center has exhibitions, concerts and children's workshops. ",
        "kk": "Осы аптада орталықта көрмелер, концерттер және балалар шеберханалары бар. ",
        "ru": "На этой неделе в центре выставки, концерты и детские мастерские. ",
    }[lang]
    sections = []
    for n in range(1, 7):
        sections.append(f"## Section {n}\n\n{words * 6}\n\nhttps://example.org/{lang}/programs/{n}/")
    return "\n\n".join(sections)


def run() -> str:
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    db = var / "newsletter.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("SHANYRAQ_VAR_DIR", str(var))
    os.environ["DJANGO_SETTINGS_MODULE"] = "shanyraq.settings"
    # Production settings: DEBUG off (with DEBUG on Django keeps every query in memory).
    os.environ.update(
        {
            "SHANYRAQ_DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    port = _free_port()
    os.environ.update(
        {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
    )
    os.environ["EMAIL_PORT"] = str(port)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.NEWSLETTER_SEND_RATE = 0
    settings.NEWSLETTER_BATCH = 200
    settings.NEWSLETTER_SMTP_CONNECTIONS = int(os.environ.get("BENCH_SMTP_CONNECTIONS", "2"))
    call_command("migrate", verbosity=0)

    from shanyraq.newsletter import rendering
    from shanyraq.newsletter.models import Mailing, Subscriber
    from shanyraq.newsletter.services.sending import mailing_send, mailing_start

    t0 = time.perf_counter()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{i:06d}@example.org",
                language=LANGS[i % 4],
                status="confirmed",
                topics=["library"],
            )
            for i in range(READERS)
        ),
        batch_size=5000,
    )
    fields = {}
    for lang in LANGS:
        suffix = lang.replace("-", "_")
        fields[f"subject_{suffix}"] = f"Bench {lang}"
        fields[f"body_{suffix}"] = _body(lang)
    mailing = Mailing.objects.create(title="Bench", **fields)
    created = mailing_start(mailing=mailing)
    setup_s = time.perf_counter() - t0

    # Render only: message bytes for every reader, no database, no SMTP.
    eds = rendering.editions(mailing)
    sizes = {lang: len(eds[lang].html.encode()) for lang in LANGS}
    t0 = time.perf_counter()
    render_n = min(READERS, 20000)
    for i in range(render_n):
        rendering.message_bytes(
            eds[LANGS[i % 4]], to=f"reader{i:06d}@example.org", subscriber_id=i + 1, message_key=f"b{i}"
        )
    render_rate = render_n / (time.perf_counter() - t0)

    result = Path(tempfile.mkstemp(suffix=".txt")[1])
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port), str(result)], stdout=subprocess.PIPE, text=True
    )
    sink.stdout.readline()
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample():
        start = time.perf_counter()
        while not stop.is_set():
            samples.append((time.perf_counter() - start, _rss_mb()))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    rss_before = _rss_mb()
    cpu0 = time.process_time()
    sampler.start()
    t0 = time.perf_counter()
    report = mailing_send(mailing_id=mailing.pk)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    stop.set()
    sampler.join()
    sink_cpu = _cpu_seconds(sink.pid)
    sink.terminate()
    sink.wait(30)
    total, distinct, most = (int(x) for x in result.read_text().split())
    result.unlink()
    status = Mailing.objects.get(pk=mailing.pk).status
    rate = report.sent / wall
    tenth = [rss for t, rss in samples if t >= wall * 0.1][:1] or [rss_before]
    peak = max(rss for _t, rss in samples) if samples else rss_before
    flat = peak - tenth[0]
    met = rate >= 500
    rows = [
        "| readers | deliveries written | setup s | sent | messages/s (wall) | sender CPU ms/message | SMTP server CPU ms/message | render-only messages/s | RSS before / at 10% / peak MB | SMTP server: messages, distinct readers, most to one reader | mailing status |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
        f"| {READERS:,} | {created:,} | {setup_s:.0f} | {report.sent:,} | {rate:,.0f} | {1000 * cpu / max(1, report.sent):.2f} | {1000 * sink_cpu / max(1, report.sent):.2f} | {render_rate:,.0f} | "
        f"{rss_before:.0f} / {tenth[0]:.0f} / {peak:.0f} | {total:,}, {distinct:,}, {most} | {status} |",
    ]
    sizes_text = ", ".join(f"{lang} {size / 1000:.1f} KB" for lang, size in sizes.items())
    doc = (__doc__ or "").strip().split("\n", 1)
    return (
        "## Newsletter: sending one mailing\n\n"
        + doc[1].strip()
        + "\n\n"
        + "\n".join(rows)
        + f"\n\nHTML part per language (Gmail clips at 102 KB): {sizes_text}. "
        + f"Target of 500 messages/s: **{'met' if met else 'NOT met'}** ({rate:,.0f}/s). "
        + f"Memory from 10% of the list to the end grew by {flat:.0f} MB "
        + f"(load average {os.getloadavg()[0]:.1f} on 2 cores shared with other developers' work).\n\n"
        + "Reading the figures: the wall-clock rate carries the machine's load (the sender, the SMTP "
        + "server and other developers' work share 2 cores). The CPU columns do not: sender plus "
        + "server CPU per message is the cost of one hand-off, so a free core for each would hand off "
        + "about 1000 / max(sender, server) messages per second. One SMTP connection waits for the "
        + "server's answer after every command, so the worker sends over two at once (each claims its "
        + "own batches); several workers can send one mailing at once the same way.\n"
    )


def _cpu_seconds(pid: int) -> float:
    """CPU seconds a process has used so far (utime + stime, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
