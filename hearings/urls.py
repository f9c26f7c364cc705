from django.urls import path

from portal.views import HomeView

app_name = "hearings"

urlpatterns = [
    path("", HomeView.as_view(), name="list"),  # placeholders until the app's pages exist
    path("proposals/", HomeView.as_view(), name="proposals"),
]
