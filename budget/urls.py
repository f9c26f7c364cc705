from django.urls import path

from portal.views import HomeView

app_name = "budget"

urlpatterns = [
    path("", HomeView.as_view(), name="index"),  # placeholder until the app's pages exist
]
