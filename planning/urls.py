from django.urls import path
from django.utils.translation import gettext_lazy as _

from planning import views
from planning.models import ActionPlan, NeedsStudy

app_name = "planning"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("studies/", views.PlanningListView.as_view(model=NeedsStudy, heading=_("Joint studies of needs")),
         name="studies"),
    path("plans/", views.PlanningListView.as_view(model=ActionPlan, heading=_("Joint action plans")), name="plans"),
    path("studies/<int:pk>/", views.StudyView.as_view(), name="study"),
    path("studies/<int:pk>/summary.pdf", views.study_pdf, name="study_pdf"),
    path("plans/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("plans/<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("actions/<int:pk>/", views.ActionView.as_view(), name="action"),
    path("needs.csv", views.needs_csv, name="needs_csv"),
    path("actions.csv", views.actions_csv, name="actions_csv"),
    # Staff
    path("staff/", views.StaffIndexView.as_view(), name="staff_index"),
    path("staff/studies/new/", views.StudyCreateView.as_view(), name="staff_study_create"),
    path("staff/studies/<int:pk>/edit/", views.StudyUpdateView.as_view(), name="staff_study_edit"),
    path("staff/studies/<int:pk>/groups/", views.StudyGroupsView.as_view(), name="staff_study_groups"),
    path("staff/studies/<int:pk>/needs/", views.NeedsTableView.as_view(), name="staff_needs"),
    path("staff/plans/new/", views.PlanCreateView.as_view(), name="staff_plan_create"),
    path("staff/plans/<int:pk>/edit/", views.PlanUpdateView.as_view(), name="staff_plan_edit"),
    path("staff/plans/<int:pk>/actions/", views.ActionEntryView.as_view(), name="staff_actions_add"),
    path("staff/actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="staff_action_edit"),
    path("staff/actions/<int:pk>/progress/", views.ActionProgressView.as_view(), name="staff_action_progress"),
]
