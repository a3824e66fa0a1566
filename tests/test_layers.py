"""The core never imports typer or rich; `import argmap` and `--help` stay light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import argmap

UI_PACKAGES = ("argmap.cli", "argmap.render", "argmap.__main__")


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(argmap.__path__, "argmap.")]
    return [n for n in names if not n.startswith(UI_PACKAGES)]


def test_core_imports_neither_typer_nor_rich() -> None:
    modules = core_modules()
    assert "argmap.model" in modules and "argmap.load" in modules
    code = ("import sys, importlib\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_startup_defers_heavy_modules() -> None:
    code = ("import sys; import argmap.cli\n"
            "print(','.join(sorted(m for m in ('yaml', 'rapidfuzz', 'rich.console', 'argmap.load') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
