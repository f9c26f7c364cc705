from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("budget.csv", views.all_years_csv, name="all_csv"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/lines/", views.LinesView.as_view(), name="lines"),
    path("<int:year>/proposals/", views.YearProposalsView.as_view(), name="proposals"),
    path("<int:year>/budget.csv", views.year_csv, name="csv"),
    path("<int:year>/budget.xlsx", views.year_xlsx, name="xlsx"),
    path("<int:year>/council.pdf", views.council_pdf, name="council_pdf"),
    path("<int:year>/citizens-budget.pdf", views.brochure_pdf, name="brochure_pdf"),
    # Staff pages: every path has /staff/ in it.
    path("staff/", views.StaffYearListView.as_view(), name="staff_list"),
    path("staff/new/", views.StaffYearCreateView.as_view(), name="staff_create"),
    path("staff/<int:year>/", views.StaffYearUpdateView.as_view(), name="staff_year"),
    path("staff/<int:year>/lines/", views.StaffLinesView.as_view(), name="staff_lines"),
    path("staff/<int:year>/execution/", views.StaffExecutionView.as_view(), name="staff_execution"),
    path("staff/<int:year>/import/", views.StaffImportView.as_view(), name="staff_import"),
    path("staff/<int:year>/import/confirm/", views.StaffImportConfirmView.as_view(), name="staff_import_confirm"),
    path("staff/classification/", views.ClassificationListView.as_view(), name="staff_classification"),
    path("staff/classification/new/", views.ClassificationCreateView.as_view(), name="staff_classification_create"),
    path("staff/classification/<int:pk>/", views.ClassificationUpdateView.as_view(),
         name="staff_classification_edit"),
]
