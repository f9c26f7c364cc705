from django.contrib import admin

from portal.models import CouncilPack, CouncilSession


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date"]


@admin.register(CouncilPack)
class CouncilPackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session"]
