"""Render a template from templates/pdf/ to an A4 PDF with WeasyPrint.

Every app's reports go through here so that they share the print stylesheet (static/css/pdf.css,
not Bootstrap: Bootstrap's size makes WeasyPrint several times slower), the fonts that carry
ң ө ү (DejaVu, shipped in static/fonts), the running header with the municipality's name and the
"N / M" page numbers. Templates extend `pdf/base.html`.
"""
import hashlib
import threading

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import get_language

from core import roles
from core.cache import build_once
from core.models import Municipality
from core.text import clean_text

def _remember_page_references():
    """pydyf 0.13 builds the tuple of every page's reference each time one is asked for, and
    WeasyPrint's PDF/UA tagging asks once per tagged element: a 180-page council pack made 33 000
    tuples of 180 (2 s of CPU). The same tuple, kept until a page is added, is identical."""
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or getattr(original.fget, "remembered", False):
        return

    def page_references(pdf):
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get("_portal_page_references")
        if kept is None or kept[0] != len(kids):
            kept = pdf.__dict__["_portal_page_references"] = (len(kids), original.fget(pdf))
        return kept[1]

    page_references.remembered = True
    pydyf.PDF.page_references = property(page_references)


_remember_page_references()

# Rendering is CPU-heavy: let only a few run at once in a process, so that a crowd asking for
# PDFs cannot starve the pages.
_pdf_slots = threading.BoundedSemaphore(settings.PDF_MAX_CONCURRENT)
STATIC_DIR = settings.BASE_DIR / "static"


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    # Local files and data: URLs only; a PDF never reaches out to the network.
    return URLFetcher(allowed_protocols={"file", "data"})


def render_html(template_name, context, request=None):
    context = {
        "municipality": Municipality.current(),
        "generated_at": timezone.localtime(),
        "LANGUAGE_CODE": get_language(),
        **context,
    }
    return render_to_string(template_name, context, request=request)


class PdfBytes(bytes):
    """A PDF's bytes that know their number of pages (WeasyPrint counted them while laying the
    document out: reading them back with pypdf took 7 s of a 176-page council pack)."""
    pages = None

    def __reduce__(self):
        # Cached and pickled as plain bytes: a cache shared with another version of the code
        # (a deploy, a rollback) never meets a class it does not know.
        return (bytes, (bytes(self),))


def html_to_pdf(html):
    """PDF bytes of `html` (PdfBytes: with `.pages`): tagged (a structure tree screen readers can follow, PDF/UA-1), with the
    title from <title>, the municipality as author and the title as subject when the template
    gives no <meta name="description">. Control characters stored in content are cleaned first
    (they would print as boxes)."""
    from weasyprint import HTML

    with _pdf_slots:
        document = HTML(string=clean_text(html), base_url=str(STATIC_DIR) + "/",
                        url_fetcher=_url_fetcher()).render(pdf_tags=True)
        metadata = document.metadata
        if not metadata.authors:
            metadata.authors = [clean_text(str(Municipality.current().name))]
        metadata.description = metadata.description or metadata.title
        pdf = PdfBytes(document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT))
        pdf.pages = len(document.pages)
        return pdf


# PDF/UA-1: tagged, with a title and a language (templates/pdf/base.html sets <html lang>).
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name, context, request=None):
    """The PDF's bytes."""
    return html_to_pdf(render_html(template_name, context, request))


def pdf_response(request, template_name, context, filename, last_modified=None):
    """An inline PDF response, cached until any content changes (core.cache's content version),
    with an ETag so that a browser asking again for an unchanged document gets a 304.

    The cache key holds only what the PDF depends on: the address without its query, the
    language, whether the visitor may see drafts, the template and the content version. A query
    string (`?r=1`, `?r=2`, ...) is redirected away, so it cannot ask for fresh renders. A crowd
    asking for the same PDF costs one rendering, done by one worker while the others wait for it
    (core.cache.build_once); the semaphore above bounds different PDFs rendered at once."""
    if request is not None and request.META.get("QUERY_STRING"):
        return HttpResponsePermanentRedirect(request.path)
    key = _cache_key(request, template_name)
    etag = '"%s"' % key.rsplit(":", 1)[-1][:32]
    if request is not None and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    # `context` may be a function: a long document's data are then read only when it is rendered,
    # not for a browser's revalidation or a cached copy.
    pdf = build_once(key, lambda: render_pdf(template_name, context() if callable(context) else context, request),
                     PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache" if _sees_drafts(request) else "public, max-age=300"
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


PDF_CACHE_SECONDS = 60 * 60 * 24


def _sees_drafts(request):
    return request is not None and roles.can_see_drafts(getattr(request, "user", None))


def _cache_key(request, template_name):
    from core.cache import content_version

    path = request.path if request is not None else ""
    parts = [path, get_language() or "", str(_sees_drafts(request)), template_name, str(content_version())]
    return "portal:pdf:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
