"""End to end in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
.ci/run installs) driven by Selenium against `junheng review` started as a person starts it.

Open a finding, correct its figure from the keyboard, 重新生成 (its progress shown until the
drafts are written), read the corrected value back from report.docx; run the batch again and see
the correction kept, in the run's own drafts and on the page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from junheng.core.codec import read_jsonl
from review_support import docx_text, run_into, seed_out

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="no Chromium here: apt-get install -y chromium chromium-driver (CI does, .ci/run)",
    ),
]


class Served:
    """``junheng review OUT --no-browser`` in a subprocess, and the URL it printed."""

    def __init__(self, out: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "junheng", "review", str(out), "--no-browser"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("junheng review: http://127.0.0.1:"), line
        self.url = line.split(": ", 1)[1].strip()
        self.base = self.url.split("/?")[0]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _report_with(out: Path, value: float) -> int:
    finding = next(f for f in read_jsonl(out / "findings.jsonl") if value in f["values"])
    reports = list(read_jsonl(out / "reports.jsonl"))
    return next(
        n
        for n, r in enumerate(reports)
        if (r["file"], r["doc"]) == (finding["file"], finding["doc"])
    )


def test_review_browser_correct_redraft_rerun(
    browser: object, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser  # a selenium WebDriver
    wait = WebDriverWait(driver, 30)  # type: ignore[arg-type]
    inputs, out = seed_out(tmp_path_factory.mktemp("browser-batch"), tmp_path)
    n = _report_with(out, 3.74)
    served = Served(out)
    try:
        driver.get(served.url)  # type: ignore[attr-defined]
        # open the report from the list on the left, then the finding on 3.74
        driver.find_element(By.CSS_SELECTOR, f'#reports a[href="/report/{n}"]').click()  # type: ignore[attr-defined]
        finding = wait.until(
            ec.presence_of_element_located(
                (By.XPATH, "//li[contains(@class,'finding')][contains(., '3.74')]")
            )
        )
        finding.click()
        assert "current" in finding.get_attribute("class")
        body = driver.find_element(By.TAG_NAME, "body")  # type: ignore[attr-defined]
        body.send_keys("j")  # the figure the finding rests on
        current = driver.find_element(By.CSS_SELECTOR, ".text .current")  # type: ignore[attr-defined]
        assert current.text.replace("。", ".") == "3.74"
        body.send_keys("e")
        value = driver.switch_to.active_element  # type: ignore[attr-defined]
        assert value.get_attribute("id") == "editor-value"
        value.send_keys(Keys.CONTROL, "a")
        value.send_keys("4.74", Keys.ENTER)
        wait.until(lambda _: "st-correct" in current.get_attribute("class"))
        # the toast fades in (opacity transition) and out after 1.8 s, so what WebDriver calls
        # visible text is racy: wait on what the page wrote into it
        toast = driver.find_element(By.ID, "toast")  # type: ignore[attr-defined]
        wait.until(lambda _: "已更正" in (toast.get_attribute("textContent") or ""))
        # saved, the page moved on to the next figure: the row of 3.74 says the new value
        row = driver.find_element(By.CSS_SELECTOR, "tr.st-correct .value")  # type: ignore[attr-defined]
        assert row.text == "4.74平方米"
        # 重新生成, and the page says what changed
        driver.find_element(By.ID, "redraft").click()  # type: ignore[attr-defined]
        changes = wait.until(ec.presence_of_element_located((By.ID, "changes")))
        assert "4.74平方米" in changes.text
        assert "4.74平方米（" in docx_text(out / "report.docx")
    finally:
        served.stop()

    run_into(inputs, out)  # a re-run drafts with the correction ...
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text
    served = Served(out)
    try:
        driver.get(served.url)  # type: ignore[attr-defined]
        driver.get(f"{served.base}/report/{n}")  # type: ignore[attr-defined]
        kept = driver.find_element(By.CSS_SELECTOR, ".text .fig.st-correct")  # type: ignore[attr-defined]
        assert kept.text.replace("。", ".") == "3.74"  # the text as written, the value corrected
        assert "4.74" in kept.get_attribute("title")
        driver.find_element(By.ID, "redraft").click()  # type: ignore[attr-defined]
        wait.until(ec.presence_of_element_located((By.ID, "redrafted")))
        assert "4.74平方米（" in docx_text(out / "report.docx")  # ... and the app keeps it too
    finally:
        served.stop()
