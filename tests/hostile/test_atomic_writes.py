"""Writes are atomic: a reader sees the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.atomic import write_atomic
from argmap.errors import UsageError

WRITER = """
import sys
from argmap.atomic import write_atomic
target, n = sys.argv[1], 0
while True:
    n += 1
    write_atomic(target, (str(n % 10) * 200_000) + "\\n")
"""


def test_killing_a_writer_never_leaves_a_torn_file(tmp_path: Path) -> None:
    target = tmp_path / "links.yaml"
    target.write_text("0" * 200_000 + "\n")
    for delay in (0.05, 0.11, 0.23, 0.37, 0.5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        text = target.read_text()
        assert len(text) == 200_001 and len(set(text[:-1])) == 1, "torn write"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "links.yaml"]
    assert all(name.startswith(".links.yaml.") and name.endswith(".tmp") for name in leftovers)


def test_no_overwrite_refuses_and_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    write_atomic(target, "first\n", overwrite=False)
    with pytest.raises(UsageError, match="already exists"):
        write_atomic(target, "second\n", overwrite=False)
    assert target.read_text() == "first\n"
    assert os.listdir(tmp_path) == ["a.yaml"]  # the temporary file is cleaned up
