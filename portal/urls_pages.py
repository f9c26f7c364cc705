from django.urls import path

from portal import views, views_council, views_public

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("about/profile.pdf", views.about_pdf, name="about_pdf"),
    path("staff/", views.StaffHomeView.as_view(), name="staff_home"),
    path("staff/publish/<str:model>/<int:pk>/", views.PublishView.as_view(), name="publish"),
    # Search, open data and the annual participation report: public, published data only.
    path("search/", views_public.SearchView.as_view(), name="search"),
    path("open-data/", views_public.OpenDataView.as_view(), name="open_data"),
    path("open-data/open-data.zip", views_public.open_data_zip, name="open_data_zip"),
    path("report/", views_public.report_index, name="annual_report_index"),
    path("report/<int:year>/", views_public.AnnualReportView.as_view(), name="annual_report"),
    path("report/<int:year>/report.pdf", views_public.annual_report_pdf, name="annual_report_pdf"),
    # Council sessions and their packs: deputies and staff.
    path("staff/council/", views_council.SessionListView.as_view(), name="council_sessions"),
    path("staff/council/new/", views_council.SessionCreateView.as_view(), name="council_session_create"),
    path("staff/council/<int:pk>/", views_council.SessionDetailView.as_view(), name="council_session"),
    path("staff/council/<int:pk>/edit/", views_council.SessionUpdateView.as_view(), name="council_session_edit"),
    path("staff/council/<int:session_pk>/packs/new/", views_council.PackCreateView.as_view(),
         name="council_pack_create"),
    path("staff/council/packs/<int:pk>/", views_council.PackDetailView.as_view(), name="council_pack"),
    path("staff/council/packs/<int:pk>/edit/", views_council.PackUpdateView.as_view(), name="council_pack_edit"),
    path("staff/council/packs/<int:pk>/pack.pdf", views_council.PackPdfView.as_view(), name="council_pack_pdf"),
]

# The audit trail (staff only): who changed what and when.
from portal import views_audit  # noqa: E402

urlpatterns += [
    path("staff/history/", views_audit.RecentChangesView.as_view(), name="recent_changes"),
    path("staff/history/<str:model>/<int:pk>/", views_audit.ObjectHistoryView.as_view(), name="object_history"),
]
