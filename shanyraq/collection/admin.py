"""Back office for curators. Saves go through the same audit and index as the services;
location and status are read-only here (they change only through procedures)."""

from django.contrib import admin
from django.db import transaction
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
from shanyraq.collection.services.artifacts import accession_number_next
from shanyraq.collection.services.indexing import artifacts_index, exhibitions_index
from shanyraq.core.services import audit_record


@admin.register(Term)
class TermAdmin(TabbedTranslationAdmin):
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
class ArtifactAdmin(TabbedTranslationAdmin):
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
        return [*fields, "accession_number"] if obj else fields

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if not change and not obj.accession_number:
                obj.accession_number = accession_number_next()
            super().save_model(request, obj, form, change)
            action = "collection.artifact_update" if change else "collection.artifact_create"
            audit_record(
                actor=request.user, action=action, target=obj, changed=sorted(form.changed_data), via="admin"
            )

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
class ExhibitionAdmin(TabbedTranslationAdmin):
    list_display = ["title", "start_date", "end_date", "published"]
    filter_horizontal = ["halls"]
    inlines = [ExhibitionArtifactInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit_record(
            actor=request.user, action="collection.exhibition_save", target=form.instance, via="admin"
        )
        exhibitions_index([form.instance.pk])


class InsuranceHiddenAdmin(admin.ModelAdmin):
    """Loans without their insurance value for staff who may read loans but not that value."""

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.has_perm("collection.view_insurance_value"):
            exclude.append("insurance_value")
        return exclude


@admin.register(LoanIn)
class LoanInAdmin(InsuranceHiddenAdmin):
    list_display = ["agreement_number", "lender", "start_date", "end_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["artifacts"]


@admin.register(LoanOut)
class LoanOutAdmin(InsuranceHiddenAdmin):
    list_display = ["agreement_number", "borrower", "start_date", "end_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["artifacts"]


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
class ConditionCheckAdmin(admin.ModelAdmin):
    list_display = ["artifact", "checked_on", "grade", "checked_by"]
    raw_id_fields = ["artifact"]
    inlines = [ConditionCheckImageInline]
