from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from core.uploads import serve_upload
from portal import views

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Uploaded photos and documents, each only to those who may see the object it belongs to
    # (never let a web server serve MEDIA_ROOT itself: README, "Running in production").
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_upload, name="media"),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls_pages")),
    path("groups/", include("groups.urls")),
    path("hearings/", include("hearings.urls")),
    path("budget/", include("budget.urls")),
    path("projects/", include("projects.urls")),
    path("planning/", include("planning.urls")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
