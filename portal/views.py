from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from portal import worklist
from core.changes import ANY_CONTENT, cache_until_changed, models_changed, with_last_modified
from core.forms import LoginForm
from core.models import CouncilResolution, Municipality, Publishable, Village
from core.pdf import pdf_response
from core.roles import PublisherRequiredMixin, StaffRequiredMixin


@method_decorator(cache_until_changed(ANY_CONTENT, at_least_today=True), name="dispatch")
class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Published figures of every app, the next hearing, the latest answers and projects:
        # assembled once, cached until any content changes.
        context.update(worklist.home_context())
        return context


def profile_context():
    return {
        "villages": list(Village.objects.all()),
        "resolutions": list(CouncilResolution.objects.all()[:20]),
    }


class AboutView(TemplateView):
    template_name = "portal/about.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **profile_context()}


@with_last_modified(models_changed(Municipality, Village, CouncilResolution))
def about_pdf(request):
    return pdf_response(request, "pdf/municipality_profile.html", profile_context(),
                        filename="municipality-profile.pdf")


class StaffHomeView(StaffRequiredMixin, TemplateView):
    """The staff work list: what waits for a decision, what is still a draft."""

    template_name = "portal/staff_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["work"] = worklist.staff_items(self.request.user)
        return context


class PublishView(PublisherRequiredMixin, View):
    """Publish or unpublish any Publishable object: one place, one rule, logged in its history."""

    def post(self, request, model, pk):
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError):
            raise Http404
        if not issubclass(model_class, Publishable):
            raise Http404
        obj = get_object_or_404(model_class, pk=pk)
        if request.POST.get("action") == "unpublish":
            obj.unpublish()
            messages.success(request, _("“%(title)s” is now a draft: citizens no longer see it.") % {"title": obj})
        else:
            try:
                obj.publish()  # refused while the model's rules refuse what it holds
            except ValidationError as error:
                messages.error(request, _("“%(title)s” cannot be published until it is corrected: %(problems)s") % {
                    "title": obj, "problems": " ".join(error.messages)})
            else:
                messages.success(request, _("“%(title)s” is published: citizens can see it.") % {"title": obj})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            target = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
        return HttpResponseRedirect(target)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever broke (the database, say) must not break this page too.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
