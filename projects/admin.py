from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.forms import PhotoForm
from projects.models import FundingContribution, ProgressPhoto, ProgressUpdate, Project


class FundingContributionInline(admin.TabularInline):
    model = FundingContribution
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "state", "status", "started_on", "finished_on"]
    list_filter = ["status", "state", "villages"]
    search_fields = ["title", "summary", "description"]
    filter_horizontal = ["villages", "groups"]
    inlines = [FundingContributionInline]


@admin.register(FundingContribution)
class FundingContributionAdmin(SimpleHistoryAdmin):
    list_display = ["project", "source", "funder", "amount", "amount_undisclosed"]
    list_filter = ["source"]
    list_select_related = ["project"]


class ProgressPhotoInline(admin.TabularInline):
    model = ProgressPhoto
    form = PhotoForm  # the same checks as the staff pages: real images only, re-encoded
    extra = 0
    readonly_fields = ["width", "height"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["project", "date"]
    list_select_related = ["project"]
    inlines = [ProgressPhotoInline]
