"""The catalogue: institutions, programmes, their intakes and scholarships.

An intake's admission requirements (accepted degrees, tests, exemptions, deadlines) live
only in its requirement set, the document the eligibility engine evaluates; pages read
them from there. `Intake.closes_at` is derived from that document for searching.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openadmit.audit.service import AuditScope
from openadmit.catalogue.constants import StudyLevel, StudyMode


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    city = models.CharField(_("city"), max_length=100)
    education_system = models.CharField(
        _("education system"),
        max_length=16,
        blank=True,
        help_text=_("e.g. BE-nl for the Flemish Community of Belgium"),
    )
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    published_postgraduate_programmes = models.PositiveIntegerField(
        _("postgraduate programmes it publishes"),
        null=True,
        blank=True,
        help_text=_("The count the university publishes, which may exceed our listings"),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:institution", args=[self.slug])

    def audit_scope(self) -> AuditScope:
        return AuditScope(institution_id=self.pk)


class RequirementSet(models.Model):
    """A published requirement set, stored exactly as validated from its data file."""

    ruleset_id = models.CharField(_("ruleset id"), max_length=120)
    version = models.CharField(_("version"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    document = models.JSONField(_("document"))

    class Meta:
        verbose_name = _("requirement set")
        verbose_name_plural = _("requirement sets")
        constraints = [
            models.UniqueConstraint(fields=["ruleset_id", "version"], name="ruleset_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ruleset_id} {self.version}"


class Programme(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("listed institution"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    degree = models.CharField(_("degree"), max_length=40)
    study_level = models.CharField(_("study level"), max_length=20, choices=StudyLevel.choices)
    study_mode = models.CharField(_("study mode"), max_length=20, choices=StudyMode.choices)
    subject_area = models.CharField(_("main subject area"), max_length=120)
    subject = models.CharField(_("main subject"), max_length=120)
    duration_months = models.PositiveSmallIntegerField(_("duration in months"))
    ects = models.PositiveSmallIntegerField(_("ECTS credits"))
    languages = models.JSONField(_("languages of instruction"), default=list)
    overview = models.TextField(_("overview"), help_text=_("Paragraphs separated by a blank line"))
    strengths = models.JSONField(_("strengths"), default=list)
    mobility = models.JSONField(
        _("mobility path"),
        default=list,
        blank=True,
        help_text=_("Semesters in order: {semester, institution, description}"),
    )
    funding = models.CharField(_("funded by"), max_length=200, blank=True)
    application_fee = models.DecimalField(
        _("application fee"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    application_fee_currency = models.CharField(_("fee currency"), max_length=3, default="EUR")
    application_fee_refundable = models.BooleanField(_("fee refundable"), default=False)
    consortium = models.ForeignKey(
        "consortia.Consortium",
        verbose_name=_("consortium"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("The universities that run it jointly, when it is a joint programme"),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:programme", args=[self.slug])

    def audit_scope(self) -> AuditScope:
        return AuditScope(programme_id=self.pk, institution_id=self.institution_id)


class Intake(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="intakes")
    code = models.CharField(_("intake"), max_length=7, help_text=_("Year and start month: 2026-09"))
    starts_on = models.DateField(_("starts on"))
    is_open = models.BooleanField(_("open for applications"), default=True)
    requirement_set = models.ForeignKey(
        RequirementSet,
        verbose_name=_("requirement set"),
        on_delete=models.PROTECT,
        related_name="intakes",
    )
    closes_at = models.DateTimeField(
        _("last deadline"), db_index=True, help_text=_("Derived from the requirement set")
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="intake_unique")]

    def __str__(self) -> str:
        return f"{self.programme.slug} {self.code}"

    def audit_scope(self) -> AuditScope:
        return AuditScope(
            programme_id=self.programme_id, institution_id=self.programme.institution_id
        )


class Scholarship(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="scholarships")
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    monthly_amount = models.DecimalField(
        _("monthly amount"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("more information"), blank=True)

    class Meta:
        verbose_name = _("scholarship")
        verbose_name_plural = _("scholarships")

    def __str__(self) -> str:
        return self.name


class RowIdOneToOneField(models.OneToOneField):
    """A one-to-one primary key that SQLite stores as the rowid itself.

    SQLite makes only an `integer` primary key the rowid; a `bigint` one gets a second
    index, and every join from the text index would then look up twice.
    """

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchEntry(models.Model):
    """One programme's filterable facts in a narrow row, rebuilt from the catalogue.

    Filters and facet counts scan this table rather than the wide programme rows; the
    full-text index beside it (FTS5 on SQLite, tsvector on PostgreSQL) shares its ids.
    """

    programme = RowIdOneToOneField(
        Programme, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    title = models.CharField(max_length=300, db_index=True)
    subject_area = models.CharField(max_length=120, db_index=True)
    degree = models.CharField(max_length=40, db_index=True)
    study_level = models.CharField(max_length=20, db_index=True)
    study_mode = models.CharField(max_length=20, db_index=True)
    country = models.CharField(max_length=2, db_index=True)
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    # Sorted codes between commas (",de,en,"): one LIKE filters, one GROUP BY counts them.
    languages = models.CharField(max_length=100, db_index=True)
    ects = models.PositiveSmallIntegerField(db_index=True)
    duration_months = models.PositiveSmallIntegerField(db_index=True)
    closes_at = models.DateTimeField(null=True, db_index=True)

    def __str__(self) -> str:
        return self.title


class SearchIndexState(models.Model):
    """The index's revision, a fresh token on every change: cached search results name it."""

    revision = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return self.revision
