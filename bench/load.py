"""Throughput under gunicorn: the home, budget, hearing and project pages against the baseline page,
measured in the same run on the same server.

    python -m bench.load --measure bench/out/measure.json --out bench/out/load.json [--duration 10]

Starts gunicorn (from the virtualenv) on 127.0.0.1 and a free port with bench.settings_bench, loads
each page with wrk (or, without wrk, a small threaded Python loop) for a bounded time, and stops
gunicorn whatever happens. Only the loopback address is ever used.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TARGETS = [  # (label, view name of the page in measure.json)
    ("home", "portal:home"),
    ("budget", "budget:index"),
    ("hearing", "hearings:detail"),
    ("project", "projects:detail"),
]


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url, timeout=30):
    request = urllib.request.Request(url, headers={"Accept-Language": "ky"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_gunicorn(port, workers, pidfile):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings_bench", "DJANGO_SECURE": "0"}
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "portal.wsgi:application",
               "--bind", f"{HOST}:{port}", "--workers", str(workers), "--pid", str(pidfile),
               "--log-level", "warning", "--timeout", "120"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            status, _body = fetch(f"http://{HOST}:{port}/healthz", timeout=2)
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_REQUESTS = re.compile(r"(\d+) requests in")
WRK_P50 = re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def run_wrk(url, seconds, connections):
    output = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = WRK_RPS.search(output)
    p50 = WRK_P50.search(output)
    median_ms = None
    if p50:
        value, unit = float(p50.group(1)), p50.group(2)
        median_ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return {"tool": "wrk", "requests_per_second": float(rps.group(1)) if rps else None,
            "requests": int(WRK_REQUESTS.search(output).group(1)) if WRK_REQUESTS.search(output) else None,
            "errors": int(WRK_NON2XX.search(output).group(1)) if WRK_NON2XX.search(output) else 0,
            "median_latency_ms": median_ms}


def run_python_loop(url, seconds, connections):
    """Without wrk: `connections` threads doing GETs back to back for `seconds`."""
    counts, errors, latencies, lock = [0], [0], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < deadline:
            begin = time.perf_counter()
            try:
                status, _body = fetch(url)
            except OSError:
                status = 0
            with lock:
                counts[0] += 1
                latencies.append((time.perf_counter() - begin) * 1000)
                if status != 200:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"tool": "python threads", "requests_per_second": counts[0] / elapsed, "requests": counts[0],
            "errors": errors[0], "median_latency_ms": latencies[len(latencies) // 2] if latencies else None}


def targets_from(measure):
    pages = {}
    for page in measure.get("pages", []):
        if page["role"] == "anonymous" and page.get("status") == 200:
            pages.setdefault(page["view_name"], page["url"])
    targets = [("baseline", measure["baseline"]["url"])]
    for label, view_name in TARGETS:
        targets.append((label, pages.get(view_name)))
    return targets


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", required=True, help="measure.json (to know which URLs to load)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)))
    args = parser.parse_args(argv)
    measure = json.loads(Path(args.measure).read_text())
    port = free_port()
    pidfile = ROOT / "bench" / "out" / "gunicorn.pid"
    connections = args.workers * 2
    use_wrk = shutil.which("wrk") is not None and not os.environ.get("BENCH_NO_WRK")
    result = {"workers": args.workers, "connections": connections, "duration": args.duration,
              "tool": "wrk" if use_wrk else "python threads", "pages": []}
    log(f"gunicorn on {HOST}:{port} with {args.workers} workers")
    process = start_gunicorn(port, args.workers, pidfile)
    try:
        for label, path in targets_from(measure):
            row = {"label": label, "url": path}
            if not path:
                row["error"] = "page not available yet"
                result["pages"].append(row)
                continue
            url = f"http://{HOST}:{port}{path}"
            status, _body = fetch(url)
            row["status"] = status
            if status != 200:
                row["error"] = f"answered {status}"
                result["pages"].append(row)
                continue
            run = run_wrk if use_wrk else run_python_loop
            run(url, 1, connections)  # warm-up: every worker has its caches and connections
            log(f"  load {label:9} {path} for {args.duration} s")
            row.update(run(url, args.duration, connections))
            result["pages"].append(row)
    finally:
        stop(process)
        pidfile.unlink(missing_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
