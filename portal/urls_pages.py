from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("about/profile.pdf", views.about_pdf, name="about_pdf"),
    path("staff/", views.StaffHomeView.as_view(), name="staff_home"),
    path("staff/publish/<str:model>/<int:pk>/", views.PublishView.as_view(), name="publish"),
]
