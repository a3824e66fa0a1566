"""The typed model of a corpus: papers, claims, axes, links.

These dataclasses are the single source of truth for the map format: the
loader converts YAML into them (`argmap.spec.convert`) and `argmap schema`
generates the JSON Schema from them (`argmap.spec.json_schema`). Field
metadata carries the documentation and constraints both use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Literal, Mapping, NamedTuple, get_args

from .errors import Problem

# The vocabularies and reference syntax, written once: the loader checks them,
# the schemas are generated from them, and the commands name them in errors.
ID = r"[a-z0-9][a-z0-9_-]*"  # an id, unanchored: every pattern below is built from it
SLUG = rf"^{ID}$"
REF = rf"^#?{ID}$"  # a claim of the same paper; the `#` is dropped at load
PAPER_REF = rf"^{ID}#{ID}$"
ADDRESS = rf"^{ID}(\.{ID})?$"  # axis or axis.subject
INFERENCE = rf"^{ID}>{ID}$"  # `p1>t`: the step from claim p1 to claim t
UNSTATED = "unstated"
NO_QUOTE = "no verified quote yet"  # how a claim without a quote is shown

Relation = Literal["agrees", "contradicts", "refines", "same"]
Role = Literal["thesis", "premise", "counterpoint", "rebuttal"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)
ROLES: tuple[Role, ...] = get_args(Role)
# Whose claim it is: the paper's own, an objection it concedes or rebuts, or a view it only reports.
Voice = Literal["own", "conceded", "rebutted", "reported"]


def bare(ref: str) -> str:
    """A same-paper claim reference without its optional `#` (`#p1` and `p1` name the same claim)."""
    return ref[1:] if ref.startswith("#") else ref


# A field naming a claim of the same paper: `spec.convert` checks the pattern and drops the `#` once, as
# the map is parsed; the cache stores the bare ids, so a warm load never strips again.
SAME_PAPER: dict[str, object] = {"pattern": REF, "normalise": bare}


def doc(text: str, **constraints: object) -> dict[str, object]:
    """Field metadata: a description plus JSON-Schema constraints."""
    return {"doc": text, **constraints}


@dataclass(slots=True)
class Claim:
    """A node of an argument tree; premises support it, counterpoints attack it."""

    # The tree is how a map is written; `supports`, `attacks` and `undercuts` add the edges a tree
    # cannot hold (a claim bearing on two others, an attack on an inference), by id within the paper.

    id: str = field(metadata=doc("unique within its paper", pattern=SLUG))
    text: str = field(metadata=doc("a paraphrase in the encoder's words", minLength=1))
    locator: str = field(metadata=doc("section heading or page", minLength=1))
    quote: str | None = field(default=None, metadata=doc(
        "a short verbatim passage of the paper; left out while no verified quote exists yet", minLength=1))
    tags: list[str] = field(default_factory=list, metadata=doc("from the vocabulary in axes.yaml", pattern=SLUG))
    lean: dict[str, int | str] = field(
        default_factory=dict, metadata=doc("axis address (axis or axis.subject) -> the value this claim pushes towards")
    )
    reported_by: str | None = field(default=None, metadata=doc(
        "who holds this view, as the paper names them (e.g. 'some scholars'), when the paper reports it "
        "without holding it; such a claim never counts as the paper's voice", minLength=1))
    weight: float | None = field(default=None, metadata=doc("base score for gradual semantics", minimum=0, maximum=1))
    number: int | None = field(default=None, metadata=doc(
        "its number in an argument reconstruction: the n of a premise-conclusion structure's `(n)` line", minimum=1))
    rules: list[str] = field(default_factory=list, metadata=doc(
        "the inference rules by which its premises support it, in a reconstruction (`-- Modus ponens --`)",
        minLength=1))
    premises: list[Claim] = field(default_factory=list, metadata=doc("claims that support this one"))
    counterpoints: list[Claim] = field(
        default_factory=list, metadata=doc("claims that attack this one; a rebuttal is a counterpoint of a counterpoint")
    )
    supports: list[str] = field(default_factory=list, metadata=doc(
        "ids of further claims of this paper that this one supports, besides its tree parent", **SAME_PAPER))
    attacks: list[str] = field(default_factory=list, metadata=doc(
        "ids of further claims of this paper that this one attacks, besides its tree parent", **SAME_PAPER))
    undercuts: list[str] = field(default_factory=list, metadata=doc(
        "inferences this claim attacks, each `premise>conclusion` (a support or attack edge of this paper)",
        pattern=INFERENCE, invalid=("an inference 'premise>conclusion'", "name the edge by its two claim ids, e.g. 'p1>t'")))


@dataclass(slots=True)
class Position:
    """Where a paper stands on one axis address."""

    __shorthand__ = "value"  # a bare scalar `unstated` means {value: unstated}

    value: int | str = field(metadata=doc("one of the axis's values, or 'unstated'"))
    evidence: list[str] = field(default_factory=list, metadata=doc("ids of the claims that justify it", **SAME_PAPER))
    note: str = field(default="", metadata=doc("hedges and qualifications"))

    @property
    def stated(self) -> bool:
        return self.value != UNSTATED


@dataclass(slots=True)
class Tension:
    """A place where a paper contradicts itself."""

    a: str = field(metadata=doc("one side: a claim id", **SAME_PAPER))
    b: str = field(metadata=doc("the contradicting side: a claim id", **SAME_PAPER))
    note: str = field(metadata=doc("what the contradiction is", minLength=1))


@dataclass(slots=True)
class Paper:
    """One paper's argument map (one YAML file)."""

    id: str = field(metadata=doc("equal to the file name stem", pattern=SLUG))
    title: str = field(metadata=doc("", minLength=1))
    authors: list[str] = field(metadata=doc("full names", minItems=1))
    year: int = field(metadata=doc("publication year"))
    thesis: Claim = field(metadata=doc("the paper's main claim, root of its tree"))
    year_note: str | None = field(default=None, metadata=doc("evidence, when the year is inferred"))
    venue: str | None = field(default=None, metadata=doc("journal, series, or 'not stated'"))
    source: str | None = field(default=None, metadata=doc("file name of the full text, for quote verification"))
    positions: dict[str, Position] = field(
        default_factory=dict, metadata=doc("axis address (axis or axis.subject) -> position")
    )
    tensions: list[Tension] = field(default_factory=list, metadata=doc("self-contradictions"))
    roots: list[Claim] = field(default_factory=list, metadata=doc(
        "further root claims (more theses, or the issues of a debate map); the thesis stays the paper's root "
        "for comparisons"))

    def claims(self) -> Iterator[Node]:
        """Every claim, depth first, with its role and place: the thesis's tree, then each further root's."""
        for root in (self.thesis, *self.roots):
            yield from walk(root)

    def voices(self) -> dict[str, Voice]:
        """Each claim's voice (own, conceded, rebutted, reported), by id."""
        return voices(self.claims())

    def claim(self, claim_id: str) -> Claim | None:
        return next((n.claim for n in self.claims() if n.claim.id == claim_id), None)


@dataclass(slots=True)
class Summary:
    """What `list` and `validate` show of a paper, kept in the index cache beside it so that neither decodes it."""

    id: str
    title: str
    authors: list[str]
    year: int
    claims: int  # how many
    positions: dict[str, int | str]  # address -> value


def chronological_key(paper: Paper | Summary) -> tuple[int, str]:
    """The order every listing and comparison shows papers in: by year, then id."""
    return paper.year, paper.id


def summary_of(paper: Paper) -> Summary:
    return Summary(paper.id, paper.title, list(paper.authors), paper.year, sum(1 for _ in paper.claims()),
                   {address: position.value for address, position in paper.positions.items()})


@dataclass(slots=True)
class AxisValue:
    __shorthand__ = "value"

    value: int | str = field(metadata=doc("an integer (scale) or a slug"))
    label: str = field(default="", metadata=doc("what the value means"))


@dataclass(slots=True)
class Axis:
    """A question papers take positions on."""

    id: str = field(metadata=doc("", pattern=SLUG))
    title: str = field(metadata=doc("", minLength=1))
    question: str = field(metadata=doc("what the axis asks", minLength=1))
    values: list[AxisValue] = field(metadata=doc("in order, low to high", minItems=1))
    ordered: bool = field(default=True, metadata=doc("false for categories with no order"))
    subjects: list[str] = field(default_factory=list, metadata=doc("asked per subject", pattern=SLUG))

    @property
    def value_ids(self) -> list[int | str]:
        return [v.value for v in self.values]

    @property
    def numeric(self) -> bool:
        return all(isinstance(v, int) for v in self.value_ids)

    @property
    def addresses(self) -> list[str]:
        return [f"{self.id}.{s}" for s in self.subjects] or [self.id]

    def rank(self, value: int | str) -> int | None:
        """Position of a value in the order (None if unordered or unknown)."""
        ids = self.value_ids
        return ids.index(value) if self.ordered and value in ids else None

    def label(self, value: int | str) -> str:
        return next((v.label for v in self.values if v.value == value), "") or str(value)


@dataclass(slots=True)
class AxesFile:
    """`axes.yaml`."""

    axes: list[Axis] = field(metadata=doc("the comparison axes"))
    tags: list[str] | None = field(default=None, metadata=doc("the shared tag vocabulary", pattern=SLUG))


@dataclass(slots=True)
class Link:
    """A curated relation between claims of two papers."""

    a: str = field(metadata=doc("paper#claim", pattern=PAPER_REF))
    b: str = field(metadata=doc("paper#claim, of another paper", pattern=PAPER_REF))
    relation: Relation = field(metadata=doc("agrees | contradicts | refines | same"))
    note: str = field(metadata=doc("one line: why", minLength=1))

    @property
    def ends(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(paper, claim) of `a` and of `b`."""
        (pa, _, ca), (pb, _, cb) = self.a.partition("#"), self.b.partition("#")
        return (pa, ca), (pb, cb)

    @property
    def papers(self) -> tuple[str, str]:
        return self.ends[0][0], self.ends[1][0]


@dataclass(slots=True)
class LinksFile:
    """`links.yaml`."""

    links: list[Link] = field(default_factory=list, metadata=doc("curated cross-paper relations"))


@dataclass(slots=True)
class Unrelated:
    """A pair of claims of two papers a reviewer judged not to be the same point."""

    a: str = field(metadata=doc("paper#claim", pattern=PAPER_REF))
    b: str = field(metadata=doc("paper#claim, of another paper", pattern=PAPER_REF))


@dataclass(slots=True)
class TensionVerdict:
    """A reviewer's verdict on a detected tension candidate of one paper: two claims leaning opposite ways
    (`b`), or a claim leaning against the paper's stated position on an address (`axis`)."""

    a: str = field(metadata=doc("paper#claim", pattern=PAPER_REF))
    verdict: Literal["accepted", "dismissed"] = field(metadata=doc("accepted: a real tension; dismissed: noise"))
    b: str | None = field(default=None, metadata=doc(
        "paper#claim, of the same paper: the other claim (an opposite_leans candidate)", pattern=PAPER_REF))
    axis: str | None = field(default=None, metadata=doc(
        "the address whose stated position claim a leans against (a position_vs_lean candidate)", pattern=ADDRESS))
    note: str = field(default="", metadata=doc("what the contradiction is (for an accepted one)"))


@dataclass(slots=True)
class DecisionsFile:
    """`decisions.yaml`: what a reviewer decided about argmap's suggestions, so they never come back."""

    unrelated: list[Unrelated] = field(default_factory=list, metadata=doc("link suggestions dismissed"))
    tensions: list[TensionVerdict] = field(default_factory=list, metadata=doc("tension candidates judged"))


class Node(NamedTuple):
    """A claim in its tree: role, parent and path of ids from the thesis."""

    claim: Claim
    role: Role
    parent: str | None
    depth: int
    path: tuple[str, ...]


def walk(root: Claim) -> Iterator[Node]:
    """Depth-first claims with roles.

    A counterpoint that ends up on the thesis's side (an attack on an attack)
    is a rebuttal; support keeps the side of its parent.
    """
    stack: list[tuple[Claim, Role, str | None, int, tuple[str, ...], bool]] = [
        (root, "thesis", None, 0, (root.id,), True)
    ]
    pop, push = stack.pop, stack.append
    while stack:
        claim, role, parent, depth, path, pro = pop()
        yield Node(claim, role, parent, depth, path)
        below = depth + 1
        # Pushed in reverse so that premises come out first, then counterpoints, each in file order.
        attack: Role = "counterpoint" if pro else "rebuttal"
        for child in reversed(claim.counterpoints):
            push((child, attack, claim.id, below, path + (child.id,), not pro))
        for child in reversed(claim.premises):
            push((child, "premise", claim.id, below, path + (child.id,), pro))


def voices(nodes: Iterable[Node]) -> dict[str, Voice]:
    """Each claim's voice, by id (see docs/comparison.md, "Whose voice").

    The thesis's side of the tree (the thesis, premises, rebuttals and their
    premises; likewise for each further root) is the paper's own voice. An attacking claim is *rebutted* when
    the paper attacks it in turn, else *conceded*. A claim with `reported_by`
    is *reported* whatever its side. A premise takes the voice of the claim it
    supports (the reasons of a reported or rebutted view are reported or
    rebutted too), except that a conceded claim's premise is rebutted when the
    paper attacks it.
    """
    out: dict[str, Voice] = {}
    for n in nodes:  # parents come before their children (walk's order)
        inherited = out[n.parent] if n.role == "premise" and n.parent is not None else None
        if n.claim.reported_by is not None:
            out[n.claim.id] = "reported"
        elif inherited is not None and inherited != "conceded":
            out[n.claim.id] = inherited
        elif n.role == "counterpoint" or inherited == "conceded":
            out[n.claim.id] = "rebutted" if n.claim.counterpoints else "conceded"
        else:  # the thesis, or a rebuttal
            out[n.claim.id] = "own"
    return out


@dataclass(slots=True)
class Manifest:
    """`corpus.yaml`: what a corpus folder builds on."""

    builds_on: list[str] = field(default_factory=list, metadata=doc(
        "corpora this one is layered on, top first: folders relative to this file, or 'bundled'", minLength=1))


@dataclass(slots=True)
class ReadingPaper:
    """One paper in a positions-only reading."""

    positions: dict[str, Position] = field(
        default_factory=dict, metadata=doc("axis address -> this reader's position"))
    claims: list[Claim] = field(default_factory=list, metadata=doc(
        "new claims this reader cites as evidence, beside the map's own (ids must not clash with them)"))
    tensions: list[Tension] | None = field(default=None, metadata=doc(
        "this reader's tensions; absent: the reading does not record tensions"))


@dataclass(slots=True)
class Reading:
    """A second reading of a corpus's papers: positions only, over the maps' own claims."""

    reading: str = field(metadata=doc("the reading's name", pattern=SLUG))
    papers: dict[str, ReadingPaper] = field(metadata=doc("paper id -> positions (and new claims)"))
    reader: str = field(default="", metadata=doc("who read, and how"))


@dataclass(slots=True)
class Layer:
    """One corpus folder of a layered corpus."""

    root: Path
    origin: str  # how it was chosen: --corpus, ARGMAP_CORPUS, ./claims, a manifest, bundled
    papers: list[str] = field(default_factory=list)  # the ids this folder holds
    links: int = 0  # how many links its links.yaml holds
    axes: list[str] = field(default_factory=list)  # the axis ids its own axes.yaml defines


@dataclass(slots=True)
class Corpus:
    """A loaded, validated corpus (one folder, or several layered ones)."""

    root: Path
    origin: str  # how it was found: --corpus, ARGMAP_CORPUS, ./claims, bundled
    papers: Mapping[str, Paper]  # load.Papers: decoded from the cache on first use
    axes: dict[str, Axis]
    tags: list[str] | None = None
    links: list[Link] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # paper id -> content hash of its file (cache key)
    use_cache: bool | None = None  # as loaded: caches derived from it (the search index) follow; None = env decides
    layers: list[Layer] = field(default_factory=list)  # top first; the first is `root`
    failed: dict[str, list[Problem]] = field(default_factory=dict)  # maps left out: file stem -> their problems
    warnings: list[str] = field(default_factory=list)  # one line per file left out (load_corpus(isolate=True))

    def file_of(self, paper_id: str) -> Path:
        """The map file a paper was loaded from."""
        root = next((layer.root for layer in self.layers if paper_id in layer.papers), self.root)
        yml = root / f"{paper_id}.yml"
        return yml if yml.exists() and not (root / f"{paper_id}.yaml").exists() else root / f"{paper_id}.yaml"

    def axis_of(self, address: str) -> tuple[Axis, str | None]:
        """The axis and subject of an address such as `balancing.russia`."""
        axis_id, _, subject = address.partition(".")
        return self.axes[axis_id], subject or None

    def chronological(self) -> list[Paper]:
        """The papers by year, then id: the order every listing and comparison shows them in."""
        return sorted(self.papers.values(), key=chronological_key)

    @property
    def addresses(self) -> list[str]:
        return [a for axis in self.axes.values() for a in axis.addresses]

    def claim(self, ref: str) -> tuple[Paper, Claim] | None:
        paper_id, _, claim_id = ref.partition("#")
        paper = self.papers.get(paper_id)
        claim = paper.claim(claim_id) if paper else None
        return (paper, claim) if paper and claim else None
