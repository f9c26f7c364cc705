"""The project's URLs plus the benchmark's baseline page (/<lang>/bench-baseline/).

The baseline renders templates/base.html through the whole middleware stack with no database
query: the cheapest page the site could serve. Every page's time and throughput is reported as a
ratio to it, which makes the figures comparable between machines. Used only through
bench/settings_bench.py, never by the project itself.
"""
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import render
from django.urls import path

from portal import urls as project_urls

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

BASELINE_PATH = "/ky/bench-baseline/"


def baseline(request):
    return render(request, "base.html")


urlpatterns = [
    *project_urls.urlpatterns,
    *i18n_patterns(path("bench-baseline/", baseline, name="bench_baseline"), prefix_default_language=True),
]
