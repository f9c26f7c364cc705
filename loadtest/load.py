"""The load itself (started by loadtest/run): visitors and staff editors against a local server.

Standard library only. Loopback addresses only; every loop stops at the deadline."""
import argparse
import json
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar

VISITORS = 50
TIMEOUT = 30


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(cookies=None):
    handlers = [NoRedirect()]
    if cookies is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handlers)


def fetch(open_, url, data=None, headers=None):
    """(status, headers, body, seconds); status 0 for a connection error."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    started = time.monotonic()
    try:
        with open_.open(request, timeout=TIMEOUT) as response:
            content = response.read()
            return response.status, response.headers, content, time.monotonic() - started
    except urllib.error.HTTPError as error:
        content = error.read()
        return error.code, error.headers, content, time.monotonic() - started
    except (OSError, urllib.error.URLError):
        return 0, {}, b"", time.monotonic() - started


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.hrefs.append(href.split("#")[0])


class FormFields(HTMLParser):
    """Name → value of the inputs, selects and textareas of the page's forms (last wins)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.fields[name] = attrs.get("value", default)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def discover(base, limit=150):
    """Public pages and PDFs, by following links from the home pages (two levels)."""
    open_ = opener()
    seen, queue, found = set(), ["/ky/", "/ru/", "/en/", "/ky/search/?q=%D1%81%D1%83%D1%83"], []
    for depth in range(3):
        next_queue = []
        for path in queue:
            if path in seen or len(found) >= limit:
                continue
            seen.add(path)
            status, headers, body, _ = fetch(open_, base + path)
            if status != 200:
                continue
            found.append(path)
            if "text/html" in headers.get("Content-Type", "") and depth < 2:
                parser = Links()
                parser.feed(body.decode("utf-8", "replace"))
                next_queue += [href for href in parser.hrefs
                               if "/staff/" not in href and "/accounts/" not in href and "/admin/" not in href
                               and not href.endswith((".zip", ".xlsx", ".ics", ".atom"))]
        queue = next_queue
    return found


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.errors, self.statuses = [], [], {}

    def add(self, url, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 0 or status >= 500:
                self.errors.append((url, status))


def visitor(base, paths, deadline, stats, seed):
    rng = random.Random(seed)
    open_ = opener()
    while time.monotonic() < deadline:
        path = rng.choice(paths)
        status, _, _, seconds = fetch(open_, base + path)
        stats.add(path, status, seconds)


def log_in(base, username, password):
    cookies = CookieJar()
    open_ = opener(cookies)
    status, _, body, _ = fetch(open_, base + "/en/accounts/login/")
    token = form_fields(body.decode())["csrfmiddlewaretoken"]
    status, headers, _, _ = fetch(open_, base + "/en/accounts/login/",
                                  {"csrfmiddlewaretoken": token, "username": username, "password": password},
                                  headers={"Referer": base + "/en/accounts/login/"})
    if status != 302:
        raise SystemExit(f"staff login as {username} failed: HTTP {status}")
    return open_


def editor(base, open_, path, field, tag, deadline, stats, result, key):
    """Edit one text field again and again: read the form (its current version), change, save."""
    count = 0
    while time.monotonic() < deadline:
        status, _, body, seconds = fetch(open_, base + path)
        stats.add(path, status, seconds)
        if status != 200:
            continue
        fields = form_fields(body.decode())
        count += 1
        value = f"{tag} edit {count} at {time.time():.3f}"
        fields[field] = value
        status, headers, _, seconds = fetch(open_, base + path, fields, headers={"Referer": base + path})
        body = _
        stats.add(path + " (POST)", status, seconds)
        if status == 302:
            result[key] = value
            result[key + "_saves"] = result.get(key + "_saves", 0) + 1
        else:
            result[key + "_refused"] = result.get(key + "_refused", 0) + 1
            if key + "_why" not in result:
                errors = re.findall(r'(?:invalid-feedback|alert-danger)[^>]*>(.*?)</(?:div|span|p)', body.decode()
                                    , re.S)
                result[key + "_why"] = f"HTTP {status}: {[' '.join(e.split())[:200] for e in errors][:3]}"
        time.sleep(0.2)


def check_pdf_caching(base, paths):
    pdfs = [path for path in paths if path.endswith(".pdf")]
    if not pdfs:
        print("PDF: no PDF link found")
        return
    open_ = opener()
    path = pdfs[0]
    status, headers, body, first = fetch(open_, base + path)
    etag = headers.get("ETag")
    status2, _, _, again = fetch(open_, base + path)
    line = f"PDF {path}: HTTP {status}, {len(body)} bytes in {first * 1000:.0f} ms, again {again * 1000:.0f} ms"
    if etag:
        status3, _, _, revalidate = fetch(open_, base + path, headers={"If-None-Match": etag})
        line += f"; ETag {etag}; If-None-Match → HTTP {status3} in {revalidate * 1000:.0f} ms"
    else:
        line += "; NO ETag"
    print(line)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))] if values else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--hearing", type=int, required=True)
    parser.add_argument("--project", type=int, required=True)
    parser.add_argument("--expect", required=True)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise SystemExit("loopback addresses only")

    import os

    paths = discover(args.base)
    pdf_count = len([path for path in paths if path.endswith(".pdf")])
    print(f"{len(paths)} public addresses found, {pdf_count} of them PDFs")
    check_pdf_caching(args.base, paths)

    password = os.environ["STAFF_PASSWORD"]
    staff = [log_in(args.base, "load-staff-1", password), log_in(args.base, "load-staff-2", password)]
    stats, result = Stats(), {}
    started = time.monotonic()
    deadline = started + args.duration
    threads = [threading.Thread(target=visitor, args=(args.base, paths, deadline, stats, seed), daemon=True)
               for seed in range(VISITORS)]
    threads.append(threading.Thread(target=editor, daemon=True, args=(
        args.base, staff[0], f"/en/hearings/staff/{args.hearing}/attendance/", "minutes_ky", "staff-1", deadline,
        stats, result, "hearing_minutes")))
    threads.append(threading.Thread(target=editor, daemon=True, args=(
        args.base, staff[1], f"/en/projects/staff/{args.project}/edit/", "project-summary_ky", "staff-2", deadline,
        stats, result, "project_summary")))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.duration + TIMEOUT + 5)
    elapsed = time.monotonic() - started

    total = len(stats.latencies)
    print(f"requests: {total} in {elapsed:.1f}s = {total / elapsed:.1f} requests/s")
    print(f"latency: p50 {percentile(stats.latencies, 0.5) * 1000:.0f} ms, "
          f"p95 {percentile(stats.latencies, 0.95) * 1000:.0f} ms, max {max(stats.latencies) * 1000:.0f} ms")
    print(f"statuses: {dict(sorted(stats.statuses.items()))}")
    print(f"errors (5xx or connection): {len(stats.errors)}")
    for url, status in stats.errors[:10]:
        print(f"  {status} {url}")
    print(f"staff edits saved: hearing minutes {result.get('hearing_minutes_saves', 0)} "
          f"(refused {result.get('hearing_minutes_refused', 0)}), project summary "
          f"{result.get('project_summary_saves', 0)} (refused {result.get('project_summary_refused', 0)})")
    for key in ("hearing_minutes_why", "project_summary_why"):
        if key in result:
            print(f"first refusal ({key[:-4]}): {result[key]}")
    with open(args.expect, "w") as handle:
        json.dump({key: value for key, value in result.items() if key in ("hearing_minutes", "project_summary")},
                  handle)
    if stats.errors or "hearing_minutes" not in result or "project_summary" not in result:
        sys.exit(1)


if __name__ == "__main__":
    main()
