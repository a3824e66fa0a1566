"""Comparisons across papers, one module per question; each returns plain data.

- `positions`: how two values on one axis relate (the shared vocabulary);
- `axis`:     every paper's position on one axis (`argmap compare`);
- `diff`:     two papers side by side (`argmap diff`);
- `where`:    which papers hold a position (`argmap where`);
- `matrix`:   paper x paper agreement (`argmap matrix`);
- `tensions`: recorded and detected self-contradictions (`argmap tensions`);
- `align`:    near-duplicate claims across papers (`argmap align`);
- `agree`:    two readings compared like double coding (`argmap agree`).

`align` and `agree` are not re-exported here: a function bound to its module's
name would hide the module (`argmap.compare.align` is the module, whose join and
claim texts bench/ measures); import `argmap.compare.align.align`.
"""

from .axis import compare_axis
from .diff import diff
from .matrix import matrix
from .tensions import tensions
from .where import parse_condition, where

__all__ = ["compare_axis", "diff", "matrix", "parse_condition", "tensions", "where"]
