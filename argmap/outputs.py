"""The shape of every command's output: what its library function returns.

`--format json` prints these as they are, and every schema in docs/json/ is
generated from them (`argmap.schemas`), so a field added here is documented
and checked at once; mypy checks that the functions build what is declared.
Constraints for the schemas ride along as `Annotated[T, Constraint(...)]`.

The input side, the map format, is `argmap.model`.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypedDict, Union

from .model import ADDRESS, INFERENCE, PAPER_REF, SLUG, Link, Paper, Relation, Role
from .semantics import Label, SemanticsName
from .spec import Constraint, Every, When

Slug = Annotated[str, Constraint(pattern=SLUG)]
Address = Annotated[str, Constraint(pattern=ADDRESS)]  # an axis, or axis.subject
Ref = Annotated[str, Constraint(pattern=PAPER_REF)]  # paper#claim
Inference = Annotated[str, Constraint(pattern=INFERENCE)]  # premise>conclusion, an edge of one paper
Value = Union[int, str]  # a position value: an integer on a scale axis, a slug otherwise, or 'unstated'
Count = Annotated[int, Constraint(minimum=0)]
Score = Annotated[float, Constraint(minimum=0, maximum=100)]  # a similarity
Unit = Annotated[float, Constraint(minimum=0, maximum=1)]  # an agreement or a strength
Span = tuple[Count, Count]  # [start, end) character offsets


class ClaimData(TypedDict):
    id: Slug
    role: Role
    text: str
    quote: Union[str, None]  # None: no verified quote yet
    locator: str
    tags: list[Slug]
    lean: dict[Address, Value]
    reported_by: Union[str, None]  # who holds a view the paper only reports; None for the paper's own


# --- list, show, tree -------------------------------------------------------------


class CorpusInfo(TypedDict):
    path: str
    origin: str  # how the top corpus was chosen: --corpus, ARGMAP_CORPUS, ./corpus.yaml, ./claims, bundled


class LayerInfo(TypedDict):
    path: str
    origin: str  # as CorpusInfo's, or 'builds_on in FILE'
    papers: Count


class PaperRow(TypedDict):
    id: Slug
    authors: list[str]
    year: int
    title: str
    claims: Annotated[int, Constraint(minimum=1)]
    positions: dict[Address, Union[Value, None]]  # the headline addresses; null: no entry


class ListData(TypedDict):
    corpus: CorpusInfo
    layers: Annotated[list[LayerInfo], Constraint(minItems=1)]  # the layered corpus, top first
    headline: list[Address]
    papers: list[PaperRow]


class ValueCount(TypedDict):
    value: Value
    count: Count


class EvidenceProfile(TypedDict):
    """The claims behind a position, by voice (argmap.compare.evidence; docs/comparison.md)."""

    address: Address
    own: list[ValueCount]  # the paper's own claims leaning on the address, most first
    concedes: list[ValueCount]  # objections it leaves standing
    rebuts: list[ValueCount]  # objections it answers
    reports: list[ValueCount]  # views it only reports (reported_by)
    score: list[Value]  # what the own claims average to: one value, two on an exact tie, none without own claims
    mean: Union[float, None]  # their mean rank, centred on the middle of the scale; null if unordered or none
    steps: Union[Count, None]  # steps from the coded value to the score; null if either is missing or unordered
    flagged: bool  # a stated position whose score differs from it, or that no own claim leans on
    flag: Union[str, None]  # why it is flagged


class PositionData(TypedDict):
    value: Union[Value, None]  # null: the paper has no entry for the address
    evidence: list[Slug]
    note: str


class ShownPosition(PositionData):
    axis: Address
    label: str
    profile: EvidenceProfile


class RoleCounts(TypedDict):
    premise: Count
    counterpoint: Count
    rebuttal: Count


class TensionData(TypedDict):
    a: ClaimData
    b: ClaimData
    note: str


class ExtraEdge(TypedDict):
    """An edge a claim adds by id, beyond its tree parent (`supports`, `attacks`, `undercuts` in the map)."""

    kind: Literal["supports", "attacks", "undercuts"]
    target: Union[Slug, Inference]  # a claim of the same paper; for `undercuts` the inference it attacks


class PaperEdge(ExtraEdge):
    source: Slug  # the claim that adds the edge


class ShowData(TypedDict):
    id: Slug
    title: str
    authors: list[str]
    year: int
    year_note: Union[str, None]
    venue: Union[str, None]
    source: Union[str, None]
    counts: RoleCounts
    thesis: ClaimData
    roots: list[ClaimData]  # the further roots, in map order
    edges: list[PaperEdge]  # every edge added by id, in map order
    positions: list[ShownPosition]
    tensions: list[TensionData]


class _TreeNode(ClaimData):
    children: list[TreeNode]  # premises first, then counterpoints
    edges: list[ExtraEdge]  # what the claim supports, attacks or undercuts by id: supports, attacks, undercuts


class TreeNode(_TreeNode, total=False):
    strength: Unit  # DF-QuAD, with --strength (and always for `strength`) when the graph is acyclic
    label: Label  # the grounded labelling instead, when the graph has a cycle


class _TreeData(TypedDict):
    paper: Slug
    title: str
    root: TreeNode  # the thesis's tree
    roots: list[TreeNode]  # each further root's tree, in map order


class TreeData(_TreeData, total=False):
    semantics: SemanticsName  # which one gave `strength` or `label`, with --strength


# What `semantics` says holds for the whole tree: DF-QuAD scores every node, the grounded labelling labels every one.
_SCORED = When({"semantics": "df-quad"}, then=Every(TreeNode, "strength"))
_LABELLED = When({"semantics": "grounded"}, then=Every(TreeNode, "label"))
TreeOutput = Annotated[TreeData, _SCORED, _LABELLED]  # tree --format json
StrengthData = Annotated[TreeData, Constraint(required=("semantics",)), _SCORED, _LABELLED]  # strength: always scored


# --- validate ---------------------------------------------------------------------


class ProblemData(TypedDict):
    file: str
    line: Union[Annotated[int, Constraint(minimum=1)], None]  # null: the problem has no position
    column: Union[Annotated[int, Constraint(minimum=1)], None]
    message: str
    hint: str
    excerpt: str  # the line at `line`, shown above a caret ("" without a position or outside the corpus)


class ValidateStats(TypedDict):
    papers: Count
    claims: Count
    links: Count
    axes: Count


class ValidateData(TypedDict):
    ok: bool
    count: Count
    problems: list[ProblemData]
    stats: ValidateStats


# --- query and align --------------------------------------------------------------


class Highlights(TypedDict):
    text: list[Span]
    quote: list[Span]


class Hit(TypedDict):
    paper: Slug
    id: Slug
    ref: Ref
    role: Role
    path: Annotated[list[Slug], Constraint(minItems=1)]  # claim ids from the thesis
    score: Score
    text: str
    quote: Union[str, None]  # None: no verified quote yet
    locator: str
    tags: list[Slug]
    highlights: Highlights


class QueryData(TypedDict):
    query: str
    searched: Count  # the claims the filters kept
    total: Count  # every claim
    found: Count  # the claims that matched; `hits` shows the first `--limit` of them
    hits: list[Hit]


class AlignEnd(TypedDict):
    ref: Ref
    text: str


class AlignPair(TypedDict):
    score: Score
    a: AlignEnd
    b: AlignEnd


class AlignData(TypedDict):
    threshold: Score
    claims: Count
    total: Count  # every pair found; `pairs` is cut by --limit
    exhaustive: bool  # every pair at or above the threshold was found
    share: Score  # otherwise: every pair whose words hold this % of each claim's word weight was
    pairs: list[AlignPair]


# --- comparisons ------------------------------------------------------------------

Status = Literal["converge", "diverge", "only_a", "only_b", "silent"]


class Relatedness(TypedDict):
    """How two positions on one address relate; distance and agreement need both stated."""

    status: Status
    distance: Union[Count, None]
    agreement: Union[Unit, None]


class SideValue(TypedDict):
    value: Value
    label: str
    evidence: list[Slug]
    profile: EvidenceProfile


class AxisRow(Relatedness):
    axis: Address
    a: Union[SideValue, None]  # null: that paper is silent
    b: Union[SideValue, None]


class DiffSide(TypedDict):
    id: Slug
    authors: list[str]
    year: int
    thesis: ClaimData


class LinkMatch(TypedDict):
    """A curated link between the two papers."""

    kind: Relation
    source: Literal["link"]
    score: None
    note: str
    a: ClaimData
    b: ClaimData


LeanVerdict = Literal["agrees", "contradicts", "related"]  # how two claims' leans relate


class SuggestionMatch(TypedDict):
    """A fuzzy pair; its kind comes from the claims' leans."""

    kind: LeanVerdict
    source: Literal["suggestion"]
    score: Score
    note: None
    a: ClaimData
    b: ClaimData


Match = Union[LinkMatch, SuggestionMatch]


class DiffSummary(TypedDict):
    converge: Count
    diverge: Count
    only_a: Count
    only_b: Count
    contradicting_claims: Count


class LeftOut(TypedDict):
    a: Count
    b: Count


class ClaimAlignment(TypedDict):
    matches: list[Match]
    only_a: list[ClaimData]
    only_b: list[ClaimData]
    left_out: LeftOut  # one-sided claims not listed (diff --all lists every one)


class AxesDiff(TypedDict):
    """`diff --axis`: positions only."""

    a: DiffSide
    b: DiffSide
    axes: list[AxisRow]
    summary: DiffSummary
    summary_line: str


class ClaimsDiff(AxesDiff, ClaimAlignment):
    """`diff`: positions, then claims matched (links first, then suggestions) and one-sided."""


DiffData = Union[AxesDiff, ClaimsDiff]


class AxisValueData(TypedDict):
    value: Value
    label: str


class AxisData(TypedDict):
    id: Slug
    title: str
    question: str
    ordered: bool
    numeric: bool
    subjects: list[Slug]
    values: Annotated[list[AxisValueData], Constraint(minItems=1)]


class _Cell(TypedDict):
    value: Union[Value, None]  # null when unstated or absent
    stated: bool
    label: str
    note: str
    evidence: list[Slug]
    profile: EvidenceProfile


class ReadingCell(TypedDict):
    reading: Slug
    value: Union[Value, None]  # null: unstated
    stated: bool
    evidence: list[Slug]
    note: str


class Cell(_Cell, total=False):
    claims: list[ClaimData]  # with --evidence
    readings: list[ReadingCell]  # with --reading: each reading's position on this cell, when it codes it
    contested: bool  # with --reading: some reading holds another value than the map


class CompareRow(TypedDict):
    paper: Slug
    authors: list[str]
    year: int
    # subject (or the axis id) -> cell; an unstated cell has no value, a stated one has
    positions: dict[Slug, Annotated[Cell, When({"stated": False}, then={"value": None, "label": "unstated"},
                                               otherwise={"value": Value})]]


Order = Literal["higher", "equal", "lower"]


class Side(TypedDict):
    higher: Count
    equal: Count
    lower: Count


class PaperContrast(TypedDict):
    paper: Slug
    coded: Union[Order, None]  # where subject a sits against b by the coded values; null if either is silent
    evidence: Union[Order, None]  # by the own claims' mean ranks; null if either has none


class Contrast(TypedDict):
    """Two subjects of an ordered axis, paper by paper (compare AXIS)."""

    a: Slug
    b: Slug
    toward: Value  # the value at the top of the scale: "higher" means nearer it
    papers: list[PaperContrast]
    coded: Side
    evidence: Side
    # e.g. "russia nearer hard than china in 3 of 5 papers by coded value (...); in 3 of 5 papers by own-voice
    # evidence (...)", each half over the papers it can compare; null when no paper can be compared either way
    summary: Union[str, None]


class CompareData(TypedDict):
    axis: AxisData
    keys: list[Slug]
    papers: list[CompareRow]
    contrasts: list[Contrast]  # each pair of subjects, on an ordered axis with subjects


class WhereMatch(TypedDict):
    condition: str
    axis: Address
    value: Value
    label: str
    note: str
    evidence: list[Slug]
    claims: list[ClaimData]
    profile: EvidenceProfile


class WhereRow(TypedDict):
    paper: Slug
    authors: list[str]
    year: int
    matches: Annotated[list[WhereMatch], Constraint(minItems=1)]


class WhereData(TypedDict):
    conditions: Annotated[list[str], Constraint(minItems=1)]
    papers: list[WhereRow]
    total: Count


class MatrixCell(TypedDict):
    agreement: Union[Unit, None]  # null: no address both papers state
    shared_axes: Count
    converge: Count
    diverge: Count
    links_agree: Count
    links_contradict: Count
    links_refine: Count


class MatrixNeighbour(MatrixCell):
    paper: Slug


class MatrixRow(TypedDict):
    paper: Slug
    nearest: list[MatrixNeighbour]  # the papers agreeing most, best first
    farthest: list[MatrixNeighbour]  # the papers agreeing least, least first


class _MatrixData(TypedDict):
    papers: list[Slug]
    cells: Union[list[list[Union[MatrixCell, None]]], None]  # null on the diagonal; no grid past 40 papers


class MatrixData(_MatrixData, total=False):
    nearest: list[MatrixRow]  # past 40 papers, instead of the grid: one row per paper, in `papers` order


class StatedSide(TypedDict):
    position: Value
    evidence: list[Slug]


class PositionConflict(TypedDict):
    kind: Literal["position_vs_lean"]
    axis: Address
    note: str
    a: StatedSide
    b: ClaimData


class LeanConflict(TypedDict):
    kind: Literal["opposite_leans"]
    axis: Address
    note: str
    a: ClaimData
    b: ClaimData


class PaperTensions(TypedDict):
    paper: Slug
    recorded: list[TensionData]  # in the map, and claim pairs a reviewer accepted (decisions.yaml)
    against_positions: list[PositionConflict]  # position_vs_lean candidates a reviewer accepted, with the note
    detected: list[Union[PositionConflict, LeanConflict]]


class TensionsData(TypedDict):
    papers: list[PaperTensions]
    recorded: Count  # recorded and against_positions
    detected: Count


# --- verify and links -------------------------------------------------------------

QuoteStatus = Literal["exact", "near", "missing", "unquoted"]  # unquoted: the claim has no quote yet


class QuoteCheck(TypedDict):
    paper: Slug
    id: Slug
    locator: str
    quote: Union[str, None]
    status: QuoteStatus
    score: Score  # 100 when exact
    closest: Union[str, None]  # the best-aligned passage, unless exact


class QuoteCounts(TypedDict):
    exact: Count
    near: Count
    missing: Count
    unquoted: Count


class MissingSource(TypedDict):
    paper: Slug
    source: Union[str, None]
    problem: str


class VerifyData(TypedDict):
    sources: str
    quotes: list[Annotated[QuoteCheck, When({"status": "exact"}, then={"score": 100, "closest": None})]]
    counts: QuoteCounts
    missing_sources: list[MissingSource]
    ok: bool


class LinkData(TypedDict):
    a: Ref
    b: Ref
    relation: Relation
    note: str


class LinkRow(LinkData):
    a_text: str
    b_text: str


class LinkList(TypedDict):
    paper: Union[Slug, None]
    links: list[LinkRow]
    total: Count  # every curated link of the corpus


class AddedLink(LinkData):
    file: str


class Wrote(TypedDict):
    """What `new`, `import` and `link dismiss` wrote: the file, the line they print, and notes before it
    (a corpus.yaml started for a new folder)."""
    file: str
    message: str
    notes: list[str]


ProposedRelation = Literal["agrees", "contradicts", "refines"]


class LinkCandidate(TypedDict):
    ref: Ref
    role: Role
    text: str
    score: Score
    likely: bool  # scores at least the similarity threshold, or is reached through links (`via`)
    relation: ProposedRelation
    why: str  # what the proposed relation rests on
    via: list[Ref]  # claims of third papers linked both to the claim and to this candidate


class LinkSuggestions(TypedDict):
    """`link suggest`: candidates in other papers for one claim, best first."""

    claim: Ref
    text: str
    within: Union[Slug, None]  # the paper searched (--in), or null for every other paper
    threshold: Score
    searched: Count  # candidate claims scored (already linked and dismissed pairs left out)
    candidates: list[LinkCandidate]


# --- export -----------------------------------------------------------------------


class ExportDoc(TypedDict):
    """`export --to json`: every paper in full, every key present, and the links among them."""

    argmap: Literal[1]  # version of this format
    papers: list[Paper]
    links: list[Link]


# --- agree ------------------------------------------------------------------------


ClaimRole = Literal[Role, "reading"]  # reading: a reading's new claim


class EvidenceClaim(TypedDict):
    id: Slug
    role: ClaimRole
    text: str
    quote: Union[str, None]  # null: an unquoted claim
    locator: str


class CellSide(TypedDict):
    value: Value
    label: str
    evidence: list[Slug]
    claims: list[EvidenceClaim]
    note: str


class Contested(TypedDict):
    paper: Slug
    b_paper: Slug
    address: Address
    distance: Union[Annotated[int, Constraint(minimum=1)], None]  # null: unordered axis, or unstated
    a: CellSide
    b: CellSide


class AddressStats(TypedDict):
    address: Address  # an axis id alone, for an axis with subjects: all subjects pooled
    axis: Slug
    level: Literal["ordinal", "nominal"]
    cells: Count  # coded by both sides
    stated: Count  # stated (not `unstated`) by both
    one_sided: Count  # stated by one side, `unstated` by the other
    agreeing: Count  # stated cells with the same value
    exact: Union[Unit, None]  # share of the stated cells with the same value
    within_one: Union[Unit, None]  # share at most one step apart (ordered axes)
    alpha: Union[Annotated[float, Constraint(maximum=1)], None]  # Krippendorff's; null when undefined
    contested: Count


class ClaimPair(TypedDict):
    a: Slug
    b: Slug
    how: Literal["quote", "text"]
    score: Unit


class ClaimMatch(TypedDict):
    a: Count
    b: Count
    same: Count  # identical claims both sides share (a reading over the same maps)
    with_counterpart: Count  # claims of A with a counterpart in B
    pairs: list[ClaimPair]  # counterparts that are not identical
    only_a: list[Slug]
    only_b: list[Slug]
    by_source: bool  # matched through the paper's full text


class Recorded(TypedDict):
    a: Union[Count, None]  # null: this side does not record them
    b: Union[Count, None]
    both: Union[Count, None]


class PaperMatch(TypedDict):
    a: Slug
    b: Slug
    matched_by: Literal["id", "source"]
    claims: ClaimMatch
    tensions: Recorded


class SideData(TypedDict):
    name: str
    kind: Literal["corpus", "reading"]
    path: str
    papers: Count


class Totals(TypedDict):
    cells: Count
    stated: Count
    exact: Union[Unit, None]
    contested: Count


class Unmatched(TypedDict):
    a: list[Slug]
    b: list[Slug]


class AgreeData(TypedDict):
    a: SideData
    b: SideData
    papers: list[PaperMatch]
    unmatched: Unmatched
    skipped_axes: list[Slug]
    axes: list[AddressStats]
    overall: Totals
    links: Recorded
    contested: list[Contested]
    ok: bool
