"""Any mutation of a valid map yields a valid corpus or an ArgmapError, never another exception."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import InputError
from argmap.load import load_corpus
from conftest import MINI

ORIGINAL = (MINI / "smith2020.yaml").read_bytes()
SPECIAL = [b":", b"-", b"[", b"]", b"{", b"}", b"&a", b"*a", b"!!", b"#", b"'", b'"', b"\t", b"\n", b"  ", b"\x00",
           b"\xff", b"<<", b"---", b"|", b">", b"%YAML 1.1\n", b"? "]


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(ORIGINAL)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line", "truncate"]))
        if op == "insert":
            data[pos:pos] = draw(st.one_of(st.sampled_from(SPECIAL), st.binary(min_size=1, max_size=4)))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 20))]
        elif op == "replace" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "duplicate-line":
            lines = bytes(data).split(b"\n")
            i = min(pos % max(len(lines), 1), len(lines) - 1)
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated=mutations())
def test_mutated_map_loads_or_fails_cleanly(tmp_path: Path, mutated: bytes) -> None:
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    shutil.copy(MINI / "axes.yaml", folder)
    (folder / "smith2020.yaml").write_bytes(mutated)
    try:
        corpus = load_corpus(folder)
    except InputError as e:
        assert e.problems and all(p.message for p in e.problems)  # a message, never an empty error
        crashes = [str(p) for p in e.problems if p.message.startswith("argmap failed on this file")]
        assert not crashes  # the loader's crash guard must never be what answers
    else:
        assert list(corpus.papers) == ["smith2020"]  # loading without a problem means the one map loaded
