"""Where kgraph's own data files live: the one module that knows.

In: nothing (the installed ``kgraph`` package). Out: folders as ``pathlib.Path``:
- ``ontology_dir()``: the ontology (``*.ttl``) and the rule files (``patterns.yaml``, ``questions.yaml``,
  ``shortcodes.yaml``, ``discovery.yaml``, ``thresholds.yaml``);
- ``templates_dir()`` and ``static_dir()``: the web pages' Jinja templates and their assets;
- ``schema_path(name)``: a JSON Schema of an output (``glossary.schema.json``).
Must not: read the files (each loader does) or look anywhere but inside the package.

In the checkout they stay where the design card puts them (``ontology/``, ``web/``, ``schemas/``
at the top); ``pyproject.toml`` maps each folder into the package as ``kgraph.data.<name>``, so a
wheel carries them and an editable install finds them where they are. Reaching them through
``importlib.resources`` (and never through a path built from this file) is what makes both work.
Each folder holds an ``__init__.py`` that says so: a regular package is what both the wheel and
setuptools' editable finder resolve to a plain folder (a namespace package inside the regular
``kgraph.data`` is not found by the editable finder). The folders must be real directories (a
wheel unpacked by pip, or the checkout), as every loader takes a ``Path``: a zipped install is
refused with a clear message rather than half working.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGES = ("ontology", "schemas", "web")  # the kgraph.data.* packages pyproject.toml maps


class DataNotFound(RuntimeError):
    """kgraph's own data is not on the file system: a broken or zipped install."""


def folder(name: str) -> Path:
    """The folder of the ``kgraph.data.<name>`` package (one of ``PACKAGES``)."""
    if name not in PACKAGES:
        raise ValueError(f"no data package {name!r}; there are {', '.join(PACKAGES)}")
    root = resources.files(f"{__name__}.{name}")
    if not isinstance(root, Path) or not root.is_dir():
        raise DataNotFound(f"kgraph's {name} data is not a folder on disk ({root}): reinstall kgraph, unzipped")
    return root


def ontology_dir() -> Path:
    return folder("ontology")


def templates_dir() -> Path:
    return folder("web") / "templates"


def static_dir() -> Path:
    return folder("web") / "static"


def schema_path(name: str) -> Path:
    return folder("schemas") / name
