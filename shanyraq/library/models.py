"""Library: bibliographic records (MARC21 and UNIMARC in one catalogue), copies, patrons, loans, holds.

Records are not translated: a Kazakh book keeps its Kazakh title, and its romanized twin sits
beside it (from MARC21 880 or UNIMARC linked fields), so the index can find it in either script.
The original MARC is kept as received, so nothing the mapping does not understand is lost.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Record(models.Model):
    class Flavour(models.TextChoices):
        MARC21 = "marc21", "MARC21"
        UNIMARC = "unimarc", "UNIMARC"
        NONE = "", _("entered by hand")

    class Format(models.TextChoices):
        BOOK = "book", _("Book")
        SERIAL = "serial", _("Journal")
        SCORE = "score", _("Music score")
        AUDIO = "audio", _("Sound recording")
        VIDEO = "video", _("Video")
        MAP = "map", _("Map")
        OTHER = "other", _("Other")

    title = models.CharField(
        pgettext_lazy("bibliographic", "title"), max_length=500, help_text=_("As printed, in its own script.")
    )
    title_romanized = models.CharField(_("romanized title"), max_length=500, blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    responsibility = models.CharField(_("statement of responsibility"), max_length=500, blank=True)
    edition = models.CharField(_("edition"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(_("language (ISO 639-2)"), max_length=3, blank=True)
    isbn13 = models.CharField(_("ISBN-13"), max_length=13, blank=True, db_index=True)
    isbn10 = models.CharField(_("ISBN-10"), max_length=10, blank=True)
    series = models.CharField(_("series"), max_length=300, blank=True)
    physical_description = models.CharField(_("physical description"), max_length=300, blank=True)
    notes = models.TextField(pgettext_lazy("bibliographic", "notes"), blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.BOOK)
    parallel = models.JSONField(
        _("parallel-script forms"),
        default=list,
        blank=True,
        help_text=_('Pairs like {"tag": "245", "vernacular": "...", "romanized": "..."}.'),
    )
    cover = models.ImageField(_("cover"), upload_to="library/covers/", blank=True)
    control_number = models.CharField(_("control number (001)"), max_length=60, blank=True, db_index=True)
    marc_flavour = models.CharField(
        _("MARC flavour"), max_length=10, choices=Flavour.choices, blank=True, default=Flavour.NONE
    )
    marc_raw = models.BinaryField(_("original MARC (ISO 2709)"), null=True, blank=True)
    marc_xml = models.TextField(_("original MARCXML"), blank=True)
    is_public = models.BooleanField(_("shown in the catalogue"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("bibliographic", "record")
        verbose_name_plural = _("records")
        ordering = ["title", "pk"]
        permissions = [
            ("import_marc", _("Can import MARC files")),
            ("view_reports", _("Can view library reports")),
        ]
        # The OPAC lists the catalogue newest first; without it a page sorts every record.
        indexes = [models.Index(fields=["created_at", "id"], name="library_record_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:record", kwargs={"pk": self.pk})


class Contributor(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")
        TRANSLATOR = "translator", _("translator")
        ILLUSTRATOR = "illustrator", _("illustrator")
        COMPILER = "compiler", _("compiler")
        OTHER = "other", _("contributor")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=300)
    name_parallel = models.CharField(_("name in the other script"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AUTHOR)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    """One subject heading of a record; a row (not JSON) so the OPAC can count it as a facet."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="subjects")
    heading = models.CharField(_("subject"), max_length=300, db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return self.heading


class Classification(models.Model):
    class Scheme(models.TextChoices):
        UDC = "udc", _("UDC")
        BBK = "bbk", _("BBK")
        CLC = "clc", _("Chinese Library Classification")
        DDC = "ddc", _("Dewey")
        LCC = "lcc", _("Library of Congress")
        OTHER = "other", _("other")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="classifications")
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    number = models.CharField(_("number"), max_length=100)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.number}"


class Copy(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        ON_LOAN = "on_loan", _("on loan")
        ON_HOLD_SHELF = "on_hold_shelf", _("on the hold shelf")
        IN_TRANSIT = "in_transit", _("in transit")
        LOST = "lost", _("lost")
        DAMAGED = "damaged", _("damaged")
        REFERENCE = "reference", _("reference only")

    class Type(models.TextChoices):
        STANDARD = "standard", _("standard loan")
        SHORT = "short", _("short loan")
        CHILDREN = "children", _("children's book")

    record = models.ForeignKey(
        Record,
        on_delete=models.PROTECT,
        related_name="copies",
        verbose_name=pgettext_lazy("bibliographic", "record"),
    )
    barcode = models.CharField(_("barcode"), max_length=40, unique=True)
    call_number = models.CharField(_("call number"), max_length=100, blank=True)
    space = models.ForeignKey(
        "spaces.Space", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("space")
    )
    shelf = models.CharField(_("shelf"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    copy_type = models.CharField(_("copy type"), max_length=20, choices=Type.choices, default=Type.STANDARD)
    acquired_on = models.DateField(pgettext_lazy("copy", "acquired on"), null=True, blank=True)

    class Meta:
        ordering = ["barcode"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        # "Available now" is an EXISTS per record in the OPAC: answered from this index alone.
        indexes = [models.Index(fields=["record", "status"], name="library_copy_record_status")]

    def __str__(self) -> str:
        return self.barcode

    @property
    def location(self) -> str:
        parts = [str(self.space) if self.space_id else "", self.shelf]
        return " · ".join(p for p in parts if p)


class OpeningDay(models.Model):
    """A weekday the library is open. A weekday with no row is closed (e.g. Monday)."""

    weekday = models.PositiveSmallIntegerField(
        _("weekday"), unique=True, help_text=_("0 = Monday … 6 = Sunday")
    )
    opens = models.TimeField(pgettext_lazy("opening hours", "opens"))
    closes = models.TimeField(pgettext_lazy("opening hours", "closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening day")
        verbose_name_plural = _("opening days")

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Holiday(models.Model):
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Patron(models.Model):
    class Category(models.TextChoices):
        ADULT = "adult", _("adult")
        CHILD = "child", _("child")
        STAFF = "staff", _("staff")

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="patron", verbose_name=_("person")
    )
    barcode = models.CharField(_("card barcode"), max_length=40, unique=True)
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.ADULT
    )
    expires_on = models.DateField(_("card expires on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["barcode"]
        verbose_name = _("patron")
        verbose_name_plural = _("patrons")

    def __str__(self) -> str:
        return self.barcode


class LoanRule(models.Model):
    patron_category = models.CharField(_("patron category"), max_length=10, choices=Patron.Category.choices)
    copy_type = models.CharField(_("copy type"), max_length=20, choices=Copy.Type.choices)
    loan_days = models.PositiveSmallIntegerField(_("loan period (days)"), default=21)
    renewals = models.PositiveSmallIntegerField(_("renewals allowed"), default=2)
    max_loans = models.PositiveSmallIntegerField(_("maximum loans"), default=5)

    class Meta:
        verbose_name = _("loan rule")
        verbose_name_plural = _("loan rules")
        constraints = [
            models.UniqueConstraint(fields=["patron_category", "copy_type"], name="library_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.patron_category}/{self.copy_type}: {self.loan_days}d"


class Loan(models.Model):
    """A patron borrowing a copy. After anonymization `patron` is empty; category and language stay
    for the anonymous statistics."""

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="loans", verbose_name=_("copy"))
    patron = models.ForeignKey(
        Patron,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
        verbose_name=_("patron"),
    )
    patron_category = models.CharField(_("patron category"), max_length=10, choices=Patron.Category.choices)
    checked_out_at = models.DateTimeField(_("checked out"))
    due_on = models.DateField(_("due on"))
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    anonymized = models.BooleanField(_("anonymized"), default=False)
    # Why the desk lent despite checkout warnings (overdue loans, expired card, holds...); the
    # warnings themselves are on the audit row. Cleared with the patron when the loan is anonymized.
    override_reason = models.CharField(_("reason for lending despite warnings"), max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_out_at", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        permissions = [("circulate", _("Can check copies out and in"))]
        constraints = [
            # The last line of defence: a copy can never be on two open loans.
            models.UniqueConstraint(
                fields=["copy"], condition=Q(returned_at__isnull=True), name="library_one_open_loan_per_copy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.copy} → {self.due_on}"


class PatronBlock(models.Model):
    """A restriction put on a reader by staff (Koha's "restriction", FOLIO's "manual block"): while
    active, the desk sees it as a warning that needs a reason to lend anyway, and the reader can
    neither renew nor place holds. Lifted, never deleted, so the history stays auditable."""

    patron = models.ForeignKey(
        Patron, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("patron")
    )
    reason = models.CharField(_("reason"), max_length=300)
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty for no end date."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader block")
        verbose_name_plural = _("reader blocks")

    def __str__(self) -> str:
        return self.reason


class Hold(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        READY = "ready", _("ready to collect")
        COLLECTED = "collected", _("collected")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("expired")

    record = models.ForeignKey(
        Record,
        on_delete=models.CASCADE,
        related_name="holds",
        verbose_name=pgettext_lazy("bibliographic", "record"),
    )
    # Empty once anonymized (library.services.privacy): the record and status stay for statistics.
    patron = models.ForeignKey(
        Patron,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="holds",
        verbose_name=_("patron"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)
    copy = models.ForeignKey(
        Copy, null=True, blank=True, on_delete=models.SET_NULL, related_name="holds", verbose_name=_("copy")
    )
    ready_until = models.DateField(_("collect by"), null=True, blank=True)
    anonymized = models.BooleanField(_("anonymized"), default=False)

    class Meta:
        ordering = ["placed_at", "pk"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")

    def __str__(self) -> str:
        return f"{self.record_id}/{self.patron_id} {self.status}"


ACTIVE_HOLD = Q(status__in=[Hold.Status.WAITING, Hold.Status.READY])
FINISHED_HOLD = Q(status__in=[Hold.Status.COLLECTED, Hold.Status.CANCELLED, Hold.Status.EXPIRED])


class MarcImport(models.Model):
    """One run of the MARC import of a file, committed with each batch it writes: if the process
    dies, the row says how far the file got (`done_through`: every record up to that number in the
    file has its outcome committed) and the import can be resumed from there with the same file."""

    class Status(models.TextChoices):
        RUNNING = "running", pgettext_lazy("marc import", "running")
        FINISHED = "finished", pgettext_lazy("marc import", "finished")
        INTERRUPTED = "interrupted", pgettext_lazy("marc import", "interrupted")
        FAILED = "failed", pgettext_lazy("marc import", "failed")

    status = models.CharField(
        pgettext_lazy("marc import", "status"), max_length=12, choices=Status.choices, default=Status.RUNNING
    )
    file_name = models.CharField(pgettext_lazy("marc import", "file"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.PositiveBigIntegerField(default=0)
    merge = models.BooleanField(default=False)
    is_public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("marc import", "by"),
    )
    resumed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resumed_by"
    )
    started_at = models.DateTimeField(pgettext_lazy("marc import", "started"))
    updated_at = models.DateTimeField(pgettext_lazy("marc import", "last progress"))
    finished_at = models.DateTimeField(pgettext_lazy("marc import", "finished"), null=True, blank=True)
    done_through = models.PositiveIntegerField(pgettext_lazy("marc import", "records done"), default=0)
    created = models.PositiveIntegerField(pgettext_lazy("marc import", "created"), default=0)
    merged = models.PositiveIntegerField(pgettext_lazy("marc import", "merged"), default=0)
    duplicates = models.PositiveIntegerField(pgettext_lazy("marc import", "duplicates"), default=0)
    errors = models.PositiveIntegerField(pgettext_lazy("marc import", "not imported"), default=0)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = pgettext_lazy("marc import", "MARC import")
        verbose_name_plural = pgettext_lazy("marc import", "MARC imports")

    def __str__(self) -> str:
        return f"{self.file_name or self.file_sha256[:12]} {self.status} {self.done_through}"
