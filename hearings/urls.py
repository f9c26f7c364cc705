from django.urls import path

from hearings import views

app_name = "hearings"

urlpatterns = [
    path("", views.HearingListView.as_view(), name="list"),
    path("<int:pk>/", views.HearingDetailView.as_view(), name="detail"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
    path("proposals/", views.ProposalListView.as_view(), name="proposals"),
    path("proposals.csv", views.proposals_table, name="proposals_csv"),
    path("proposals.xlsx", views.proposals_table, {"file_format": "xlsx"}, name="proposals_xlsx"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path("documents/", views.DocumentListView.as_view(), name="documents"),
    path("feed.atom", views.UpcomingHearingsFeed(), name="feed"),
    path("hearings.ics", views.hearings_ics, name="ics"),
    # Staff
    path("staff/", views.StaffHearingListView.as_view(), name="staff_list"),
    path("staff/new/", views.HearingCreateView.as_view(), name="staff_create"),
    path("staff/<int:pk>/", views.StaffHearingView.as_view(), name="staff_hearing"),
    path("staff/<int:pk>/edit/", views.HearingUpdateView.as_view(), name="staff_edit"),
    path("staff/<int:pk>/attendance/", views.AttendanceView.as_view(), name="staff_attendance"),
    path("staff/<int:pk>/documents/", views.DocumentUploadView.as_view(), name="staff_document"),
    path("staff/<int:pk>/proposals/", views.ProposalEntryView.as_view(), name="staff_proposals_add"),
    path("staff/proposals/waiting/", views.WaitingProposalsView.as_view(), name="staff_waiting"),
    path("staff/proposals/<int:pk>/decide/", views.DecideProposalView.as_view(), name="staff_decide"),
    path("staff/programmes/", views.StaffProgrammeListView.as_view(), name="staff_programmes"),
    path("staff/programmes/new/", views.ProgrammeCreateView.as_view(), name="staff_programme_create"),
    path("staff/programmes/<int:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="staff_programme_edit"),
]
