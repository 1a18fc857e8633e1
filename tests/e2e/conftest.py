"""Real-browser fixtures: a Streamlit server on a free port and Debian's Chromium via Playwright."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def serve(tmp_path_factory):
    """Start the dashboard on a corpus folder; returns its base URL. Stopped after the test."""
    servers = []

    def start(corpus: Path) -> str:
        port = _free_port()
        log = tmp_path_factory.mktemp("server") / "streamlit.log"
        env = {**os.environ, "FRAMESCOPE_DATA": str(corpus), "FRAMESCOPE_CACHE": str(log.parent / "cache")}
        handle = log.open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
             "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        servers.append((process, handle, log))
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    return url
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")

    yield start
    for process, handle, log in servers:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        handle.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


@pytest.fixture
def seed_copy(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seeds", target)
    return target
