from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from budget.models import BudgetClassification, BudgetLine, BudgetYear


@admin.register(BudgetClassification)
class BudgetClassificationAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_ky", "name_ru", "citizen_category", "parent"]
    list_filter = ["kind", "citizen_category"]
    search_fields = ["code", "name_ky", "name_ru", "name_en"]
    list_select_related = ["parent"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    autocomplete_fields = ["classification"]
    fields = ["kind", "classification", "name", "category", "planned", "amended", "executed", "position"]


@admin.register(BudgetYear)
class BudgetYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "stage", "status", "published_at"]
    list_filter = ["stage", "status"]
    inlines = [BudgetLineInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["budget_year", "kind", "classification", "name", "category", "planned", "amended", "executed"]
    list_filter = ["budget_year", "kind", "category"]
    search_fields = ["name", "classification__code"]
    list_select_related = ["budget_year", "classification"]
    autocomplete_fields = ["classification"]
