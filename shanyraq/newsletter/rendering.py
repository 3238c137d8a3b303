"""One mailing as each language's reader sees it: rendered once per language, then per reader only
their own links are put in (fast enough for 50,000 readers: bench/newsletter.py).

The body is plain text with a little structure (blank line: paragraph; `## `: section heading;
`![description](https://…)`: image; URLs become links as written, never rewritten or tracked).
Each message has an HTML and a plain-text part, the List-Unsubscribe headers of RFC 8058, and
no tracking pixel. A language without text either falls back visibly (the text is marked with
its own `lang` and a note says so in the reader's language) or is skipped, as the editor chose.
"""

from __future__ import annotations

import base64
import functools
import re
import uuid
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from shanyraq.core import languages
from shanyraq.newsletter import conf, tokens
from shanyraq.newsletter.models import Mailing

PREFS, UNSUB = "@@PREFERENCES_URL@@", "@@UNSUBSCRIBE_URL@@"
_IMAGE = re.compile(r"^!\[([^\]]*)\]\((https?://[^\s)]+)\)$")
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


@dataclass(frozen=True)
class Edition:
    """A mailing in one reader language, ready to be addressed."""

    language: str  # the reader's language (UI strings, links)
    text_language: str  # the language the text is written in (differs on fallback)
    subject: str
    html: str  # with PREFS / UNSUB placeholders
    text: str

    @property
    def fallback(self) -> bool:
        return self.language != self.text_language


def _inline(text: str) -> str:
    """Escape, then turn written-out URLs into links (as they are: no redirect, no tracking)."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(escape(text[last : match.start()]))
        url = escape(match.group(0))
        out.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def body_html(body: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if b.strip()]
    html = []
    for block in blocks:
        image = _IMAGE.match(block)
        if block.startswith("## "):
            html.append(f'<h2 style="font-size:20px;margin:24px 0 8px">{_inline(block[3:].strip())}</h2>')
        elif image:
            alt, src = escape(image.group(1)), escape(image.group(2))
            html.append(
                f'<p><img src="{src}" alt="{alt}" width="560" style="max-width:100%;height:auto"></p>'
            )
        else:
            html.append("<p>" + "<br>\n".join(_inline(line) for line in block.split("\n")) + "</p>")
    return "\n".join(html)


def body_text(body: str) -> str:
    lines = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        block = block.strip()
        if not block:
            continue
        image = _IMAGE.match(block)
        if block.startswith("## "):
            title = block[3:].strip()
            lines.append(f"{title}\n{'=' * min(len(title), 60)}")
        elif image:
            lines.append(f"[{image.group(1)}] {image.group(2)}")
        else:
            lines.append(block)
    return "\n\n".join(lines)


def text_for(mailing: Mailing, language: str) -> tuple[str, str, str] | None:
    """(subject, body, language of the text) for a reader of `language`; None when skipped."""
    subject = languages.value_in(mailing, "subject", language)
    body = languages.value_in(mailing, "body", language)
    if subject and body:
        return subject, body, language
    if mailing.missing == Mailing.Missing.SKIP:
        return None
    for other in languages.fallback_chain(language):
        subject = languages.value_in(mailing, "subject", other)
        body = languages.value_in(mailing, "body", other)
        if subject and body:
            return subject, body, other
    return None


def edition(mailing: Mailing, language: str) -> Edition | None:
    found = text_for(mailing, language)
    if found is None:
        return None
    subject, body, text_language = found
    with translation.override(language):
        context = {
            "lang": language,
            "text_lang": text_language,
            "fallback": text_language != language,
            "text_language_name": dict(settings.LANGUAGES).get(text_language, text_language),
            "subject": subject,
            "body_html": body_html(body),
            "body_text": body_text(body),
            "preferences_url": PREFS,
            "unsubscribe_url": UNSUB,
            "CENTER_NAME": settings.SHANYRAQ["CENTER_NAME"],
        }
        html = render_to_string("newsletter/email/mailing.html", context)
        text = render_to_string("newsletter/email/mailing.txt", context)
    return Edition(language=language, text_language=text_language, subject=subject, html=html, text=text)


def editions(mailing: Mailing) -> dict[str, Edition | None]:
    return {code: edition(mailing, code) for code in languages.codes()}


def size_problems(mailing: Mailing) -> list[str]:
    """Languages whose message would be clipped by Gmail (HTML part over NEWSLETTER_MAX_BYTES)."""
    problems = []
    for code, ed in editions(mailing).items():
        if ed is not None and len(ed.html.encode()) > conf.max_bytes():
            problems.append(
                _("The %(language)s edition is %(kb)s KB; e-mail programs clip messages over %(max)s KB.")
                % {
                    "language": dict(settings.LANGUAGES)[code],
                    "kb": len(ed.html.encode()) // 1000,
                    "max": conf.max_bytes() // 1000,
                }
            )
    return problems


def links(subscriber_id: int, language: str) -> tuple[str, str]:
    """(preferences page, one-click unsubscribe) of one reader."""
    token = tokens.link_token(subscriber_id)
    return (
        f"{settings.SITE_URL}/{language}/newsletter/preferences/{token}/",
        f"{settings.SITE_URL}/newsletter/unsubscribe/{token}/",
    )


def list_id() -> str:
    return f"<newsletter.{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def addressed(ed: Edition, *, subscriber_id: int) -> tuple[str, str, dict[str, str]]:
    """(text, html, list headers) of the edition for one reader: their links put in."""
    prefs, unsub = links(subscriber_id, ed.language)
    headers = {
        "Content-Language": ed.language,
        "List-Id": list_id(),
        "List-Unsubscribe": f"<{unsub}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Precedence": "bulk",
    }
    text = ed.text.replace(PREFS, prefs).replace(UNSUB, unsub)
    html = ed.html.replace(PREFS, escape(prefs)).replace(UNSUB, escape(unsub))
    return text, html, headers


def _header(name: str, value: str) -> bytes:
    """One header line; non-ASCII values as RFC 2047 encoded words."""
    try:
        value.encode("ascii")
    except UnicodeEncodeError:
        value = Header(value, "utf-8", maxlinelen=900).encode()
    return f"{name}: {value}\r\n".encode("ascii")


@functools.lru_cache(maxsize=8)
def _from_header(sender: str) -> bytes:
    name, address = parseaddr(sender)
    return _header("From", formataddr((name, address), charset="utf-8"))


def _part(content_type: str, text: str) -> bytes:
    encoded = base64.b64encode(text.encode())
    body = b"".join(encoded[i : i + 76] + b"\r\n" for i in range(0, len(encoded), 76))
    return (
        f"Content-Type: {content_type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode()
        + body
    )


def message_bytes(ed: Edition, *, to: str, subscriber_id: int, message_key: str = "") -> bytes:
    """The message for one reader as SMTP data: the edition with their links, the headers of
    RFC 2369 and 8058, an HTML and a plain-text part. Built from bytes, not with the email
    package's header objects, which cost ~10 ms a message (bench/newsletter.py)."""
    text, html, headers = addressed(ed, subscriber_id=subscriber_id)
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    boundary = f"=_nl_{message_key or uuid.uuid4().hex}"
    head = b"".join(
        [
            _header("Subject", ed.subject),
            _from_header(conf.from_email()),
            _header("To", to),
            _header("Date", formatdate(localtime=False)),
            _header("Message-ID", f"<{message_key}@{domain}>" if message_key else make_msgid(domain=domain)),
            *(_header(name, value) for name, value in headers.items()),
            b"MIME-Version: 1.0\r\n",
            _header("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        ]
    )
    sep = f"--{boundary}\r\n".encode()
    return (
        head
        + b"\r\n"
        + sep
        + _part("text/plain", text)
        + sep
        + _part("text/html", html)
        + f"--{boundary}--\r\n".encode()
    )
