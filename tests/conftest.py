"""Shared fixtures: the small hand-made corpus, a CLI runner, golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.verify import locate_sources

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
MINI = FIXTURES / "mini"
BUNDLED = ROOT / "claims"
# The full texts (never committed), found as `argmap verify` finds them: $ARGMAP_SOURCES, else beside the project.
SOURCES = locate_sources(base=ROOT) or ROOT.parent / "shared" / "papers"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's corpus, sources, cache or colour settings."""
    for var in ("ARGMAP_CORPUS", "ARGMAP_SOURCES", "ARGMAP_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "100")


class Result:
    def __init__(self, raw):  # type: ignore[no-untyped-def]
        self.exit_code = raw.exit_code
        self.stdout = raw.stdout
        self.stderr = raw.stderr
        self.exception = raw.exception

    def json(self):  # type: ignore[no-untyped-def]
        return json.loads(self.stdout)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    """Run argmap in-process: cli("list", "-c", path) -> Result with stdout/stderr/exit_code."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return Result(runner.invoke(app, [str(a) for a in args], input=input, env=env))

    return run


@pytest.fixture
def without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import numpy` fail, as in a plain install (the optional vectorised paths must give the same)."""
    import builtins

    real = builtins.__import__

    def no_numpy(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_numpy)


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with tests/golden/<name>; `pytest --update-golden` rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
        elif not path.exists():  # never written silently: a missing golden would make the test pass by itself
            pytest.fail(f"golden file {name} is missing; run pytest --update-golden, read it, and commit it")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden {name} (--update-golden)"

    return check
