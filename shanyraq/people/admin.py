from django.contrib import admin

from shanyraq.people.models import Consent, Person


class ConsentInline(admin.TabularInline):
    model = Consent
    fk_name = "person"
    extra = 0
    readonly_fields = ["kind", "granted", "text_version", "given_by", "recorded_by", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "email", "birth_date", "guardian"]
    search_fields = ["name", "email"]
    list_filter = ["language"]
    raw_id_fields = ["guardian", "user"]
    inlines = [ConsentInline]
