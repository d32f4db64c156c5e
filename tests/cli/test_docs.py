"""The README's CLI section names every command and every option: docs fail when they fall behind."""

import re
from pathlib import Path

import pytest

from recon.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def cli_section() -> str:
    """The README's ``## CLI`` section, up to the next second-level heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## CLI\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no '## CLI' section"
    return match.group(1)


def options(command) -> list[str]:
    """The long option names of a click command, ``--help`` left out."""
    return [name for param in command.params for name in param.opts if name.startswith("--")]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_cli_table(name):
    assert f"`recon {name}" in cli_section()


@pytest.mark.parametrize("name, option", [
    (name, option) for name, command in sorted(main.commands.items()) for option in options(command)
])
def test_every_option_is_in_its_commands_row(name, option):
    rows = [line for line in cli_section().splitlines() if line.startswith(f"| `recon {name}")]
    assert len(rows) == 1, f"no single row for recon {name} in the README's CLI table"
    written = re.search(rf"`[^`]*{re.escape(option)}(?![\w-])", rows[0])
    assert written, f"recon {name} {option} missing from the README's CLI table"


@pytest.mark.parametrize("option", options(main))
def test_every_top_level_option_is_in_the_cli_section(option):
    assert re.search(rf"`recon {re.escape(option)}`", cli_section()), f"recon {option} missing from README"
