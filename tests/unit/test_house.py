"""House rules that keep the code base honest."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_lib_never_imports_streamlit():
    offenders = [p.name for p in (ROOT / "lib").rglob("*.py")
                 if re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(), re.M)]
    assert offenders == []


def test_every_cli_command_is_documented_in_the_readme():
    helptext = subprocess.run([sys.executable, "-m", "lib", "--help"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
    commands = re.search(r"\{([\w,]+)\}", helptext).group(1).split(",")
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in commands if f"python -m lib {c}" not in readme]
    assert commands and missing == []


def test_every_page_is_routed_by_the_dashboard():
    routed = set(re.findall(r'st\.Page\("(pages/\w+\.py)"', (ROOT / "dashboard.py").read_text()))
    assert routed == {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py"}
