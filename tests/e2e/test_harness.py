"""The harness's own rule, without a browser: run where Chromium is, skip with a reason on a
laptop without it, fail in CI without it."""
import os

from tests.e2e.conftest import browser_verdict
from tests.e2e.harness import describe_violations, is_html_page


def test_runs_where_chromium_is(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    assert browser_verdict(chromium, {}) == ("run", None)
    assert browser_verdict(chromium, {"CI": "true"}) == ("run", None)


def test_laptop_without_chromium_skips_with_the_reason(tmp_path):
    verdict, reason = browser_verdict(tmp_path / "missing", {"CI": ""})
    assert verdict == "skip"
    assert reason == "Chromium not installed: apt-get install chromium"
    assert browser_verdict(tmp_path / "missing", {})[0] == "skip"


def test_ci_without_chromium_fails(tmp_path):
    verdict, reason = browser_verdict(tmp_path / "missing", {"CI": "true"})
    assert verdict == "fail"
    assert "apt-get install chromium" in reason


def test_a_file_that_cannot_run_is_no_browser(tmp_path):
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    os.chmod(not_executable, 0o644)
    assert browser_verdict(not_executable, {})[0] == "skip"


def test_violation_report_tells_the_shared_layout_once_then_each_page():
    footer = {"id": "color-contrast", "impact": "serious", "help": "Contrast", "helpUrl": "u",
              "nodes": [{"target": "footer a", "html": "<a>", "summary": "4.0:1"}]}
    label = {"id": "label", "impact": "critical", "help": "Form elements must have labels", "helpUrl": "u",
             "nodes": [{"target": "#q", "html": "<input id=q>", "summary": "no label"}]}
    report = describe_violations({"/ky/": [footer], "/ky/hearings/": [footer, label], "/feed.atom": None})
    assert report.startswith("On all 2 scanned pages (the shared layout):")
    assert report.count("footer a") == 1
    assert "/ky/hearings/:\n  [critical] label: Form elements must have labels" in report
    assert "#q" in report and "/ky/:" not in report


def test_exports_are_not_scanned_as_pages():
    assert is_html_page("/ky/hearings/1/")
    assert not is_html_page("/ky/budget/2022.csv")
    assert not is_html_page("/ky/hearings/1/minutes.pdf?lang=ru")
