"""Render a template from templates/pdf/ to an A4 PDF with WeasyPrint.

Every app's reports go through here so that they share the print stylesheet (static/css/pdf.css,
not Bootstrap: Bootstrap's size makes WeasyPrint several times slower), the fonts that carry
ң ө ү (DejaVu, shipped in static/fonts), the running header with the municipality's name and the
"N / M" page numbers. Templates extend `pdf/base.html`.
"""
import contextlib
import functools
import gc
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


def _compress_at_zlib_default():
    """pydyf compresses every stream at zlib's level 9: the 11 MB of page content of a 185-page
    council pack took 0.8 s of CPU; zlib's default level (6) takes 0.18 s for a file 4 % larger."""
    import zlib

    import pydyf

    if getattr(pydyf, "zlib", None) is not zlib:  # already done, or pydyf changed
        return

    class DefaultLevelZlib:
        def __getattr__(self, name):
            return getattr(zlib, name)

        @staticmethod
        def compressobj(level=-1, *args, **kwargs):
            return zlib.compressobj(min(level, 6), *args, **kwargs)

    pydyf.zlib = DefaultLevelZlib()


_compress_at_zlib_default()


@functools.cache
def _print_html():
    """WeasyPrint's HTML class with a lighter user-agent stylesheet. WeasyPrint's own gives every
    element a ::marker rule and five footnote and note rules (::footnote-call, ...), so it
    computed six pseudo-element styles for each element: 87 000 for the 14 000 elements of a
    council pack, 1.3 s of its CPU. Markers are kept for list items; our print stylesheets use no
    footnotes. If WeasyPrint's stylesheet no longer reads as expected, its own HTML is used."""
    import re

    from weasyprint import CSS, HTML
    from weasyprint import html as weasyprint_html
    from weasyprint.css.counters import CounterStyle

    stock = weasyprint_html.UA
    lighter, markers = re.subn(r"\n::marker \{", "\nli::marker, summary::marker {", stock)
    lighter, notes = re.subn(r"\n::(?:footnote|note)-[a-z-]+ \{[^}]*\}", "\n", lighter)
    if markers != 1 or notes != 5:
        return HTML
    # Its @counter-style rules are WeasyPrint's own, already known: registered in a throwaway.
    sheet = CSS(string=lighter, counter_style=CounterStyle())

    class PrintHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet, weasyprint_html.UA_FORM_STYLESHEET] if forms else [sheet]

    return PrintHTML

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


_gc_lock = threading.Lock()
_gc_state = {"renders": 0, "paused_by_us": False}


@contextlib.contextmanager
def _cyclic_gc_paused():
    """Python's cyclic garbage collector paused while WeasyPrint renders. Laying a document out
    allocates millions of small objects, and each full collection walked all of them again:
    2.2 s of a 185-page council pack's 14 s of CPU. Paused, that pack kept ~15 MB more at its
    peak (the few cycles it leaves are collected once the collector runs again). Threads share
    the collector: it resumes when the last render running in the process ends, and only if it
    was running before the first one began."""
    with _gc_lock:
        if _gc_state["renders"] == 0 and gc.isenabled():
            gc.disable()
            _gc_state["paused_by_us"] = True
        _gc_state["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["renders"] -= 1
            if _gc_state["renders"] == 0 and _gc_state["paused_by_us"]:
                _gc_state["paused_by_us"] = False
                gc.enable()


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
    with _pdf_slots, _cyclic_gc_paused():
        document = _print_html()(string=clean_text(html), base_url=str(STATIC_DIR) + "/",
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
