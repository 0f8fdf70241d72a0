"""The wheel: what it holds, and that a wheel install outside the checkout builds, serves and answers.

Marked ``packaging`` (``pytest -m packaging`` runs only these). The wheel is built from a copy of
just what the build reads (``pyproject.toml``, ``README.md``, ``kgraph/`` and the data folders),
so nothing else in the checkout can leak in, and installed without its dependencies into a fresh
virtual environment in a temporary folder; the dependencies come from this test run's own
environment through a ``.pth`` line (no download, and the checkout is not on ``sys.path``). Every
command runs in that folder with no ``KGRAPH_*`` or ``PYTHONPATH`` set.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from live_server import start_logged, stop

pytestmark = pytest.mark.packaging
ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "README.md", "kgraph", "ontology", "web", "schemas")
DATA_FOLDERS = {"ontology": "kgraph/data/ontology", "web": "kgraph/data/web", "schemas": "kgraph/data/schemas"}
NOTES = ROOT / "tests" / "data" / "build" / "notes"
QUESTION = "Deployment 管理什么？"


def test_pyproject_lists_every_package_under_kgraph():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kgraph").rglob("__init__.py")}
    data = {name for name in setuptools["package-dir"]}
    folders = {name + "." + sub.name for name, where in setuptools["package-dir"].items()
               for sub in (ROOT / where).iterdir() if (sub / "__init__.py").exists()}
    assert sorted(setuptools["packages"]) == sorted(code | data | folders)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(source)],
                   check=True, capture_output=True, timeout=600)
    (found,) = out.glob("kgraph-*.whl")
    return found


def test_the_wheel_holds_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, inside in DATA_FOLDERS.items():
        files = [p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
        missing = [f for f in files if f"{inside}/{f}" not in names]
        assert files and missing == [], f"{folder}/ files not in the wheel: {missing}"


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """(a folder outside the checkout with a venv holding the wheel and a copy of the notes, its env)."""
    home = tmp_path_factory.mktemp("user")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=300)
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "_kgraph_test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    shutil.copytree(NOTES, home / "notes")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KGRAPH_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return home, env


def run(installed, *args: str) -> subprocess.CompletedProcess:
    home, env = installed
    return subprocess.run([str(home / "venv" / "bin" / "kgraph"), *args], cwd=home, env=env,
                          capture_output=True, text=True, timeout=600)


def test_kgraph_and_its_data_come_from_the_fresh_environment(installed):
    home, env = installed
    where = subprocess.check_output([str(home / "venv" / "bin" / "python"), "-c",
                                     "import kgraph, kgraph.data as d; print(kgraph.__file__, d.ontology_dir(), "
                                     "d.templates_dir(), d.static_dir(), d.schema_path('glossary.schema.json'))"],
                                    cwd=home, env=env, text=True).split()
    site = str(home / "venv" / "lib")
    assert all(path.startswith(site) for path in where), where
    assert all(Path(path).exists() for path in where)


@pytest.fixture(scope="module")
def built(installed) -> subprocess.CompletedProcess:
    return run(installed, "build", "--corpus", "notes", "--store", "store")


def test_build(built):
    assert built.returncode == 0, built.stderr
    lines = built.stdout.splitlines()
    assert "  notes       2" in lines and "    manages       3" in lines
    assert built.stderr == "warning: broken.md:1: binary file (contains NUL bytes), not a text note\n"


def test_ask(installed, built):
    answered = run(installed, "ask", "--store", "store", QUESTION)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.splitlines() == [
        "Deployment 管理 容器组（Pod）、副本集（ReplicaSet）。笔记原文：“Deployment用于管理Pod、ReplicaSet，可实现滚动升级。”[1]",
        "", "[1] workloads.md:14-14", "    Deployment用于管理Pod、ReplicaSet，可实现滚动升级。",
    ]


def test_serve_answers_the_api_and_the_pages(installed, built):
    home, env = installed
    command = [str(home / "venv" / "bin" / "kgraph"), "serve", "--port", "0", "--workers", "1", "--threads", "1",
               "--store", "store"]
    url, process = start_logged(command, home / "serve.log", cwd=home, env=env)
    try:
        with urllib.request.urlopen(f"{url}/api/ask?q={urllib.parse.quote(QUESTION)}") as response:
            answer = json.load(response)
        with urllib.request.urlopen(f"{url}/") as response:
            page = response.read().decode("utf-8")
        with urllib.request.urlopen(f"{url}/static/kgraph.css") as response:
            css = response.read()
    finally:
        stop(process)
    assert answer["answered"] is True
    assert [(c["source"], c["start_line"], c["end_line"]) for c in answer["citations"]] == [("workloads.md", 14, 14)]
    assert '<link rel="stylesheet" href="/static/kgraph.css' in page
    assert css == (ROOT / "web" / "static" / "kgraph.css").read_bytes()


def test_query(installed, built):
    result = run(installed, "query", "--store", "store", "--format", "csv", "SELECT ?l { id:Pod skos:prefLabel ?l } ORDER BY ?l")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["l", "Pod", "容器组"]
