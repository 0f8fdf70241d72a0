"""Docs cannot drift: every command and option, environment setting and HTTP route is in the README.

The lists come from the program itself (click's command tree, the ``KGRAPH_*`` names the code and
tests read, the Makefile's settable variables, Flask's URL map), so a new one fails here until the
README says what it does.
"""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from kgraph.cli import main
from kgraph.config import Settings
from kgraph.web import create_app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, click.Command]]:
    return sorted(main.commands.items())


def options() -> list[tuple[str, str]]:
    found = {("kgraph", flag) for param in main.params for flag in param.opts if flag.startswith("--")}
    found |= {(name, flag) for name, command in commands() for param in command.params
              for flag in (*param.opts, *param.secondary_opts) if flag.startswith("-") and flag != "--help"}
    return sorted(found)


def settings() -> list[str]:
    sources = [*(ROOT / "kgraph").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    names = {name for path in sources for name in re.findall(r"\bKGRAPH_[A-Z_]+\b", path.read_text(encoding="utf-8"))}
    make = re.findall(r"^([A-Z_]+) \?=", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    return sorted(names | set(make))


def routes() -> list[str]:
    app = create_app(Settings(store=ROOT / "no-store-needed"))
    return sorted({re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule) for rule in app.url_map.iter_rules()})


@pytest.mark.parametrize(("name", "command"), commands())
def test_every_command_is_documented(name, command):
    assert f"kgraph {name}" in README


@pytest.mark.parametrize(("command", "flag"), options())
def test_every_option_is_documented(command, flag):
    assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", README), f"{command} {flag} is not in the README"


@pytest.mark.parametrize("name", settings())
def test_every_setting_is_documented(name):
    assert re.search(rf"\b{name}\b", README)


@pytest.mark.parametrize("route", routes())
def test_every_route_is_documented(route):
    documented = {re.sub(r"<[^>]*>", "<>", r) for r in re.findall(r"`(?:GET |POST |GET\|POST )?(/[^`\s?]*)", README)}
    assert re.sub(r"<[^>]*>", "<>", route) in documented, f"{route} is not in the README"
