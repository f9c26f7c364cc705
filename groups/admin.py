from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GroupActivity, InitiativeGroup, Membership, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


class ActivityInline(admin.StackedInline):
    model = GroupActivity
    extra = 0


@admin.register(InitiativeGroup)
class InitiativeGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "focus", "founded_on", "dissolved_on", "status"]
    list_filter = ["status", "focus", "villages"]
    search_fields = ["name"]
    filter_horizontal = ["villages"]
    inlines = [MembershipInline, ActivityInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "gender", "birth_year", "village", "is_deputy", "consents_to_publish_name"]
    list_filter = ["gender", "village", "is_deputy", "is_cso_representative", "is_community_leader",
                   "consents_to_publish_name"]
    search_fields = ["full_name", "phone"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group", "role", "joined_on", "left_on"]
    list_filter = ["group", "role"]
    autocomplete_fields = ["person"]


@admin.register(GroupActivity)
class GroupActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "group", "date", "kind"]
    list_filter = ["kind", "group"]
    search_fields = ["title"]
