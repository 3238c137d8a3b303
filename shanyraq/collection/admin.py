"""Back office for curators. Artifact saves go through the artifact services (their rules, audit
and index); location, status, loan state and, for an artifact that can never be public, `published`
are read-only here: they change only through procedures."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from shanyraq.collection.models import (
    Artifact,
    ArtifactImage,
    ConditionCheck,
    ConditionCheckImage,
    Exhibition,
    ExhibitionArtifact,
    LoanIn,
    LoanOut,
    Movement,
    Term,
)
from shanyraq.collection.services.artifacts import NEVER_PUBLIC, artifact_create, artifact_update
from shanyraq.collection.services.indexing import artifacts_index, exhibitions_index
from shanyraq.core.admin import GuardedModelAdmin, SensitiveFieldsMixin
from shanyraq.core.services import audit_record


@admin.register(Term)
class TermAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["name", "vocabulary", "slug", "aat_id", "earliest_year", "latest_year", "order"]
    list_filter = ["vocabulary"]
    search_fields = ["slug", "name_en", "name_kk", "name_ru", "name_zh_hans"]


class MovementInline(admin.TabularInline):
    model = Movement
    extra = 0
    can_delete = False
    fields = ["moved_at", "space", "location_detail", "reason", "moved_by", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ImageInline(TranslationTabularInline):
    model = ArtifactImage
    extra = 0
    fields = ["thumbnail", "alt", "credit", "is_primary", "order"]
    readonly_fields = ["thumbnail"]

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through services.images.image_add (resizing, EXIF removal)


@admin.register(Artifact)
class ArtifactAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["accession_number", "title", "category", "period", "status", "published"]
    list_filter = ["published", "status", "category", "period", "source"]
    search_fields = ["accession_number", "title_en", "title_kk", "title_ru", "title_zh_hans"]
    readonly_fields = ["status", "location", "created_at", "updated_at"]
    filter_horizontal = ["materials", "techniques"]
    inlines = [ImageInline, MovementInline]

    @admin.display(description="location")
    def location(self, obj):
        m = obj.current_movement
        return f"{m.space} {m.location_detail}".strip() if m else "-"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("accession_number")
            if obj.status in NEVER_PUBLIC:
                fields.append("published")  # a deaccessioned artifact is never published again
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and "accession_number" in form.base_fields:
            form.base_fields["accession_number"].required = False  # empty: the service numbers it
        return form

    def save_model(self, request, obj, form, change):
        """Create or update through the services, so their rules and audit apply here too."""
        m2m = {"materials", "techniques"}
        data = form.cleaned_data
        terms = {
            name: data[name] for name in m2m if name in data and (not change or name in form.changed_data)
        }
        if change:
            fields = {n: data[n] for n in form.changed_data if n not in m2m and n in data}
            artifact_update(actor=request.user, artifact=obj, index=False, **terms, **fields)
            return
        fields = {n: data[n] for n in data if n not in m2m and n != "accession_number"}
        saved = artifact_create(
            actor=request.user,
            accession_number=data.get("accession_number") or None,
            index=False,
            **terms,
            **fields,
        )
        obj.pk, obj.accession_number = saved.pk, saved.accession_number
        obj._state.adding, obj._state.db = False, saved._state.db

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        artifacts_index([form.instance.pk])

    def has_delete_permission(self, request, obj=None):
        return False  # deaccession keeps the record; nothing is deleted


class ExhibitionArtifactInline(TranslationTabularInline):
    model = ExhibitionArtifact
    extra = 1
    raw_id_fields = ["artifact"]


@admin.register(Exhibition)
class ExhibitionAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["title", "start_date", "end_date", "published"]
    filter_horizontal = ["halls"]
    inlines = [ExhibitionArtifactInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit_record(
            actor=request.user, action="collection.exhibition_save", target=form.instance, via="admin"
        )
        exhibitions_index([form.instance.pk])


class LoanAgreementAdmin(GuardedModelAdmin):
    """Loans are made and returned on their staff pages (the services set the artifacts' status);
    here their texts and dates are edited. The insurance value is a sensitive field (roles.py)."""

    raw_id_fields = ["artifacts"]
    readonly_fields = ["artifacts", "status", "returned_on"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoanIn)
class LoanInAdmin(LoanAgreementAdmin):
    list_display = ["agreement_number", "lender", "start_date", "end_date", "status"]
    list_filter = ["status"]


@admin.register(LoanOut)
class LoanOutAdmin(LoanAgreementAdmin):
    list_display = ["agreement_number", "borrower", "start_date", "end_date", "status"]
    list_filter = ["status"]


class ConditionCheckImageInline(admin.TabularInline):
    """Photographs are added with the check on its staff page (checked and stripped of EXIF there)."""

    model = ConditionCheckImage
    fields = ["original", "width", "height"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ConditionCheck)
class ConditionCheckAdmin(GuardedModelAdmin):
    list_display = ["artifact", "checked_on", "grade", "checked_by"]
    raw_id_fields = ["artifact"]
    inlines = [ConditionCheckImageInline]
