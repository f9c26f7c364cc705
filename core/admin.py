from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.models import CouncilResolution, Municipality, Village


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name_ky", "name_ru", "district", "region"]

    def has_add_permission(self, request):
        # One row: the municipality that runs this portal.
        return not Municipality.objects.exists()


@admin.register(Village)
class VillageAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name", "population", "households", "is_seat"]


@admin.register(CouncilResolution)
class CouncilResolutionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["number", "date", "title"]
    date_hierarchy = "date"
