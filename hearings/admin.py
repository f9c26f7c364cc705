from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hearings.models import DevelopmentProgramme, Hearing, HearingDocument, Proposal, ProposalStatusChange


class HearingDocumentInline(admin.TabularInline):
    model = HearingDocument
    extra = 0


@admin.register(Hearing)
class HearingAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "kind", "starts_at", "village", "state", "status"]
    list_filter = ["kind", "state", "status", "village"]
    search_fields = ["topic", "agenda"]
    inlines = [HearingDocumentInline]


class StatusChangeInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_on", "changed_by", "note"]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "hearing", "source", "topic", "status"]
    list_filter = ["status", "source", "topic", "hearing"]
    search_fields = ["text", "response", "author_name"]
    raw_id_fields = ["budget_line", "project"]
    inlines = [StatusChangeInline]


@admin.register(DevelopmentProgramme)
class DevelopmentProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "first_year", "last_year", "resolution", "status"]
