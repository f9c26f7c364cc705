from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="list"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("initiative-groups.csv", views.groups_table, name="csv"),
    path("initiative-groups.xlsx", views.groups_table, {"file_format": "xlsx"}, name="xlsx"),
    path("register.pdf", views.RegisterPdfView.as_view(), name="register_pdf"),
    path("<int:pk>/", views.GroupDetailView.as_view(), name="detail"),
    path("<int:pk>/card.pdf", views.group_card_pdf, name="card_pdf"),
    # Staff: every path under /staff/.
    path("staff/", views.StaffGroupListView.as_view(), name="staff_list"),
    path("staff/new/", views.GroupCreateView.as_view(), name="staff_create"),
    path("staff/people/", views.StaffPeopleView.as_view(), name="staff_people"),
    path("staff/people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="staff_person_edit"),
    path("staff/memberships/<int:pk>/end/", views.EndMembershipView.as_view(), name="staff_end_membership"),
    path("staff/activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="staff_activity_edit"),
    path("staff/<int:pk>/", views.StaffGroupDetailView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/edit/", views.GroupUpdateView.as_view(), name="staff_edit"),
    path("staff/<int:pk>/members/add/", views.AddMemberView.as_view(), name="staff_add_member"),
    path("staff/<int:pk>/activities/new/", views.ActivityCreateView.as_view(), name="staff_add_activity"),
]
