"""Every command and every option is in the README (as sqlite-utils checks its docs)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from evidencekit.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out += commands(command, full + " ")
    return out


ALL = commands(main)


@pytest.mark.parametrize("name", [name for name, _ in ALL])
def test_every_command_is_documented(name: str) -> None:
    assert f"  {name} " in README or f"evidencekit {name}" in README or f"| {name} " in README, name


@pytest.mark.parametrize("name,flag", [(name, flag) for name, command in [("", main), *ALL]
                                       for param in command.params if isinstance(param, click.Option)
                                       for flag in param.opts if flag.startswith("--")])
def test_every_option_is_documented(name: str, flag: str) -> None:
    assert flag in README, f"{name or 'evidencekit'} {flag}"
