"""Staff-only audit pages: one object's history, and recent changes across the portal."""
from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from portal import audit
from core.roles import StaffRequiredMixin

PAGE_SIZE = 25


class _CountOnly:
    """Lets the paginator count without fetching rows: the page is read by portal.audit."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, item):
        return []


class ObjectHistoryView(StaffRequiredMixin, TemplateView):
    template_name = "portal/audit/object_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = audit.history_model(kwargs["model"])
        if model is None:
            raise Http404
        pk = kwargs["pk"]
        total = audit.history_count(model, pk)
        if total:
            title = str(model.history.filter(id=pk).order_by("-history_date", "-history_id").first().instance)
        else:
            # Rows written in bulk (an import, a restore) have no history yet: an object that
            # exists shows an empty history; only one that never existed is a 404.
            obj = model._default_manager.filter(pk=pk).first()
            if obj is None:
                raise Http404
            title = str(obj)
        page = Paginator(_CountOnly(total), PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update({
            "model_name": model._meta.verbose_name,
            "title": title,
            "page_obj": page,
            "entries": audit.object_history(model, pk, page.start_index() - 1, PAGE_SIZE) if total else [],
        })
        return context


class RecentChangesView(StaffRequiredMixin, TemplateView):
    template_name = "portal/audit/recent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = audit.recent_changes()
        return context
