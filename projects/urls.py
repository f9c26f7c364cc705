from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("projects.pdf", views.projects_pdf, name="list_pdf"),
    path("projects-<int:year>.pdf", views.projects_pdf, name="list_pdf_year"),
    path("projects.csv", views.projects_table, name="csv"),
    path("projects.xlsx", views.projects_table, {"file_format": "xlsx"}, name="xlsx"),
    path("project_funding.csv", views.funding_table, name="funding_csv"),
    path("project_funding.xlsx", views.funding_table, {"file_format": "xlsx"}, name="funding_xlsx"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/card.pdf", views.project_card_pdf, name="card_pdf"),
    path("staff/", views.StaffProjectListView.as_view(), name="staff_list"),
    path("staff/new/", views.ProjectFormView.as_view(), name="create"),
    path("staff/<int:pk>/edit/", views.ProjectFormView.as_view(), name="edit"),
    path("staff/<int:pk>/updates/new/", views.ProgressUpdateFormView.as_view(), name="update_create"),
    path("staff/updates/<int:update_pk>/edit/", views.ProgressUpdateFormView.as_view(), name="update_edit"),
    path("staff/updates/<int:pk>/delete/", views.ProgressUpdateDeleteView.as_view(), name="update_delete"),
]
