from django.urls import path

from portal.views import HomeView

app_name = "projects"

urlpatterns = [
    path("", HomeView.as_view(), name="list"),  # placeholder until the app's pages exist
]
