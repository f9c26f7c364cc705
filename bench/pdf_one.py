"""Render one PDF in a fresh process and print JSON: seconds, pages, pages per second, peak memory.

    python -m bench.pdf_one /ky/hearings/12/minutes.pdf anonymous

WeasyPrint and its fonts are warmed up first on the municipality's profile PDF (a small one), so
that `seconds` is the document's own rendering, as a running server would see it. Peak memory is
the process's high-water mark (VmHWM) after rendering, and its growth over the warmed-up process.
"""
import io
import json
import sys
import time


def high_water_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def forget_stored_packs():
    """Council packs keep their last PDF: drop the bench pack's, so that its rendering is timed."""
    from core.bench import PREFIX
    from portal.models import CouncilPack

    CouncilPack.objects.filter(title__startswith=PREFIX).update(pdf=None, pdf_generated_at=None, pdf_fingerprint="")


def main(url, role, second_limit=60.0):
    from bench.measure import body_of, client_for, forget_rendered_pages, setup

    setup()
    from pypdf import PdfReader

    client = client_for(role)
    client.raise_request_exception = False
    body_of(client.get("/ky/about/profile.pdf"))
    forget_stored_packs()
    forget_rendered_pages()  # time a rendering, not the site's PDF cache
    before = high_water_mb()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    begin, cpu_begin = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        content = body_of(response)
    seconds, cpu_seconds = time.perf_counter() - begin, time.process_time() - cpu_begin
    queries = len(captured.captured_queries)  # now: the next request empties the log
    peak = high_water_mb()
    if response.status_code != 200 or content[:4] != b"%PDF":
        from bench.discover import error_of

        raise SystemExit(f"{url} answered {response.status_code} {response.get('Content-Type')} {error_of(response)}")
    again = again_status = None
    if seconds < second_limit:  # the same document again, as a browser revalidates it
        headers = {}
        if response.get("ETag"):
            headers["HTTP_IF_NONE_MATCH"] = response["ETag"]
        if response.get("Last-Modified"):
            headers["HTTP_IF_MODIFIED_SINCE"] = response["Last-Modified"]
        begin = time.perf_counter()
        second = client.get(url, **headers)
        body_of(second)
        again, again_status = time.perf_counter() - begin, second.status_code
    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds, "second_request_seconds": again, "pages": pages,
        "pages_per_second": pages / seconds if seconds else None, "bytes": len(content),
        "peak_mb": peak, "growth_mb": peak - before,
        "etag": response.get("ETag", ""), "last_modified": response.get("Last-Modified", ""),
        "queries": queries, "second_request_status": again_status,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "anonymous",
         float(sys.argv[3]) if len(sys.argv) > 3 else 60.0)
