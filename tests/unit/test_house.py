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


# --- the layout of lib/ (README "Development") ----------------------------------------------

PACKAGES = ("load", "text", "analyse", "framing", "actors", "distinctive", "stories", "store", "present")


def _lib_imports() -> dict[str, set[str]]:
    """Each lib module (dotted) -> the lib modules and packages it imports, lazily or not."""
    import ast

    found: dict[str, set[str]] = {}
    for path in (ROOT / "lib").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lib":
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names if alias.name.split(".")[0] == "lib")
        found[module] = names
    return found


def _unit(module: str) -> str:
    """The package a module belongs to, or the top-level module itself ('lib.pipeline')."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _package_graph() -> dict[str, set[str]]:
    modules = _lib_imports()
    known = {_unit(m) for m in modules}
    graph: dict[str, set[str]] = {unit: set() for unit in known}
    for module, names in modules.items():
        for name in names:
            target = _unit(name)
            if target in known and target != _unit(module) and target != "lib":
                graph[_unit(module)].add(target)
    return graph


def test_no_import_cycle_between_packages():
    graph = _package_graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(unit: str, path: list[str]) -> None:
        state[unit] = 1
        for target in sorted(graph[unit]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path else [unit, target])
            elif target not in state:
                visit(target, [*path, target])
        state[unit] = 2

    for unit in sorted(graph):
        if unit not in state:
            visit(unit, [unit])
    assert cycles == []


def test_the_store_keeps_what_it_is_given_and_imports_no_analysis():
    imported = {name for module, names in _lib_imports().items() if _unit(module) == "lib.store" for name in names}
    assert {_unit(name) for name in imported} <= {"lib.store", "lib.frames"}


def test_presentation_is_imported_only_by_the_app_the_cli_and_itself():
    users = {module for module, names in _lib_imports().items()
             if any(_unit(name) == "lib.present" for name in names)}
    assert {_unit(module) for module in users} <= {"lib.present", "lib.__main__"}


def test_measures_never_import_presentation_or_the_app():
    measures = {f"lib.{p}" for p in PACKAGES if p not in ("present",)} | {"lib.coverage", "lib.concordance",
                                                                           "lib.frames", "lib.pipeline"}
    offenders = sorted(module for module, names in _lib_imports().items()
                       if _unit(module) in measures and any(n.startswith(("lib.present", "ui")) for n in names))
    assert offenders == []


def test_every_package_names_its_responsibility_in_a_docstring():
    import ast

    for package in PACKAGES:
        doc = ast.get_docstring(ast.parse((ROOT / "lib" / package / "__init__.py").read_text()))
        assert doc and len(doc.split()) >= 8 and "TODO" not in doc, package


def test_lib_has_at_most_a_dozen_top_level_modules_and_none_over_700_lines():
    top = sorted(p.name for p in (ROOT / "lib").glob("*.py"))
    assert len(top) <= 12, top
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "lib").rglob("*.py")
            if (n := len(p.read_text().splitlines())) > 700}
    assert long == {}


def test_lib_keeps_no_module_state_that_callers_set():
    # Colours, corpora and caches are passed in, never set on a module for later calls to read.
    # The one exception is a process resource: the kaleido image server (one browser a process).
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "lib").rglob("*.py")
                 if re.search(r"^\s+global\s+\w", p.read_text(), re.M)]
    assert offenders == ["lib/present/export.py"]


def test_one_routine_renames_temporary_files_into_place():
    renames = re.compile(r"os\.(?:replace|rename)\(|mkstemp\(|\.rename\((?![\"']|columns)")
    writers = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "lib").rglob("*.py") if renames.search(p.read_text()))
    assert writers == ["lib/store/atomic.py"]
