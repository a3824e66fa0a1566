"""The command line: parses options, calls library functions, hands their plain
data to a renderer. No logic lives here.

Heavy modules (yaml, rich, rapidfuzz, the loader) are imported inside the
commands, so `argmap --help` stays instant. No `from __future__ import
annotations` here: typer reads every command's signature at each start, and
string annotations would have to be evaluated (compiled) one by one.
"""


import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

import typer
from typer.core import TyperGroup

from .errors import ArgmapError, ExitCode, InputError, Problem, UsageError

if TYPE_CHECKING:
    from .outputs import ProblemData


class Format(str, Enum):
    auto = "auto"
    rich = "rich"
    plain = "plain"
    json = "json"


# Options defined once, reused by every command.
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="auto (rich on a terminal, plain otherwise), rich, plain or json.")]
CorpusOpt = Annotated[Optional[list[str]], typer.Option("--corpus", "-c", help="Corpus folder, repeatable to layer them, top first; 'bundled' names the bundled corpus (default: $ARGMAP_CORPUS, ./corpus.yaml, ./claims, or the bundled corpus).", show_default=False)]
PaperArg = Annotated[str, typer.Argument(help="Paper id, unique id prefix, or author surname.", show_default=False)]

SETTINGS = "argmap.settings"  # key of the run's Settings in the click context's meta


@dataclass
class Settings:
    """This run's global flags; kept in the click context, so no run sees another's."""

    debug: bool = False
    use_cache: Optional[bool] = None  # None: the library decides (ARGMAP_NO_CACHE)


def settings(ctx: Any = None) -> Settings:
    """The settings of the command running now (one object per invocation)."""
    if ctx is None:
        from typer._click.globals import get_current_context

        ctx = get_current_context()
    return ctx.meta.setdefault(SETTINGS, Settings(debug=bool(os.environ.get("ARGMAP_DEBUG"))))


def _set_debug(ctx: Any, _param: Any, value: bool) -> None:
    if value:
        settings(ctx).debug = True


def _set_no_cache(ctx: Any, _param: Any, value: bool) -> None:
    if value:
        settings(ctx).use_cache = False


def _global_options() -> list[Any]:
    """--debug and --no-cache, accepted by the group and by every command (before or after its name)."""
    from typer.core import TyperOption

    return [TyperOption(param_decls=["--debug"], is_flag=True, default=False, expose_value=False, callback=_set_debug,
                        help="Show tracebacks of errors (or set ARGMAP_DEBUG=1)."),
            TyperOption(param_decls=["--no-cache"], is_flag=True, default=False, expose_value=False,
                        callback=_set_no_cache, help="Parse every map; skip the index cache (or set ARGMAP_NO_CACHE=1).")]


def _add_global_options(command: Any) -> None:
    command.params.extend(_global_options())
    for sub in getattr(command, "commands", {}).values():
        _add_global_options(sub)


class ArgmapGroup(TyperGroup):
    """Maps every failure to a message and an exit code; a traceback only with --debug."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        _add_global_options(self)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except ArgmapError as e:
            if settings(ctx).debug:
                raise
            _report(e)
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            if settings(ctx).debug:
                raise
            print("argmap: interrupted", file=sys.stderr)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`argmap list | head -1`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK) from None
        except Exception as e:  # a bug: say so in one line unless debugging
            if settings(ctx).debug or isinstance(e, _click_exception()):
                raise
            _say(f"argmap: internal error: {type(e).__name__}: {e} (run with --debug for the traceback)", err=True)
            raise typer.Exit(ExitCode.INTERNAL) from None


def _say(text: str, err: bool = False) -> None:
    """One line for the user, neutralised: it may carry a name or a message from a file."""
    from .text import for_terminal

    print(for_terminal(text), file=sys.stderr if err else sys.stdout)


def _click_exception() -> type:
    from typer._click.exceptions import ClickException

    return ClickException


def _report(e: ArgmapError) -> None:
    from .render import plural, pointed

    if isinstance(e, InputError):
        for problem in e.problems:
            print("\n".join(pointed(problem)), file=sys.stderr)
        n = len(e.problems)
        print(f"argmap: {plural(n, 'problem')} in the input", file=sys.stderr)
    else:
        _say(f"argmap: error: {e}", err=True)


app = typer.Typer(
    cls=ArgmapGroup,
    help="Map the arguments of a literature as trees and compare them across authors.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: half the start-up time of rich-rendered help
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """Map the arguments of a literature as trees and compare them across authors.

    Exit codes: 0 ok, 1 a negative answer, 2 usage error, 3 invalid input (see README).
    """


def _output(fmt: Format) -> Any:
    from .render import Output

    return Output(fmt.value)


def _corpus(paths: Optional[list[str]]) -> Any:
    """The corpus, maps that fail to load left out with a one-line warning each (`validate` lists their problems)."""
    from .corpus import open_corpus

    corpus = open_corpus(paths, use_cache=settings().use_cache, isolate=True)
    for warning in corpus.warnings:
        _say(f"argmap: warning: {warning}", err=True)
    return corpus


@app.command("list")
def list_cmd(fmt: FormatOpt = Format.auto, corpus: CorpusOpt = None) -> None:
    """List the papers: id, authors, year, claim count, headline positions, title."""
    from .render import papers as r
    from .views import list_papers

    _output(fmt).emit(list_papers(_corpus(corpus)), r.list_rich, r.list_plain)


@app.command()
def show(paper: PaperArg, fmt: FormatOpt = Format.auto, corpus: CorpusOpt = None) -> None:
    """Show a paper: metadata, thesis, positions with evidence, tensions."""
    from .corpus import resolve_paper
    from .render import papers as r
    from .views import show_paper

    c = _corpus(corpus)
    _output(fmt).emit(show_paper(c, resolve_paper(c, paper)), r.show_rich, r.show_plain)


@app.command()
def tree(
    paper: PaperArg,
    depth: Annotated[Optional[int], typer.Option(min=0, help="Show at most N levels below the thesis.")] = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Show each claim's quote and locator.")] = False,
    ids: Annotated[bool, typer.Option("--ids/--no-ids", help="Show claim ids.")] = True,
    strength: Annotated[bool, typer.Option("--strength", help="Show each claim's DF-QuAD strength (grounded label if the graph has a cycle).")] = False,
    to: Annotated[Optional[str], typer.Option("--to", help="Draw the tree as a picture via Graphviz: svg or png (needs -o).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Picture file to write (with --to).", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Print a paper's argument tree: + premises support, - counterpoints attack."""
    from functools import partial

    from .corpus import resolve_paper
    from .render import papers as r
    from .views import tree_data

    c = _corpus(corpus)
    p = resolve_paper(c, paper)
    if to is not None or output is not None:
        _draw(c, p, to, output)
        return
    scores = None
    if strength:
        from .semantics import strength as semantics

        scores = semantics(p)
    data = tree_data(p, depth, scores)
    _output(fmt).emit(data, partial(r.tree_rich, ids=ids, quotes=quotes), partial(r.tree_plain, ids=ids, quotes=quotes))


def _draw(c: Any, p: Any, to: Optional[str], output: Optional[Path]) -> None:
    from .picture import draw_tree

    kind = (to or (output.suffix.lstrip(".") if output else "")).lower()
    if kind not in ("svg", "png") or output is None:
        raise UsageError("draw a tree with --to svg|png -o FILE (e.g. argmap tree rezapour2020 --to svg -o tree.svg)")
    _write_or_print(draw_tree(c, p, kind), output)


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Corpus folders or map files, each checked on top of --corpus (else $ARGMAP_CORPUS) if given (default: the corpus in use).", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Check maps, axes and links; exit 1 listing every problem."""
    from .load import validate_paths
    from .render import papers as r

    data = validate_paths(paths or [], corpus, use_cache=settings().use_cache)
    _output(fmt).emit(data, r.validate_rich, r.validate_plain)  # the problems are its answer: stdout
    if not data["ok"]:
        raise typer.Exit(ExitCode.NEGATIVE)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="A file kind (paper, axes, links, corpus, reading, decisions) or a command (list, diff, ...).")] = "paper",
) -> None:
    """Print the JSON Schema (2020-12) of a file kind or of a command's JSON output, generated from the types."""
    from .render import write_json
    from .schemas import schema_for

    write_json(schema_for(kind))


@app.command()
def new(
    paper_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new paper (a slug such as smith2020).")],
    title: Annotated[str, typer.Option(help="Title of the paper.")] = "TODO title",
    standalone: Annotated[bool, typer.Option("--standalone", help="In a new corpus folder: copy the bundled axes instead of building on the bundled corpus.")] = False,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Write a commented skeleton map that validates; never overwrites.

    A new corpus folder builds on the bundled corpus (its corpus.yaml says so),
    so your maps are shown beside the literature.
    """
    from .corpus import writable_root
    from .skeleton import write_skeleton

    root = writable_root(corpus)  # never the installed package: ./claims instead
    path, started = write_skeleton(root, paper_id, title, standalone)
    _wrote(fmt, path, f"wrote {path}; fill it in, then run: argmap validate {root}", [started] if started else [])


def _wrote(fmt: Format, path: Path | str, message: str, notes: list[str]) -> None:
    """What a command that writes a file says about it, in the chosen format."""
    from .render.records import wrote_plain, wrote_rich

    _output(fmt).emit({"file": str(path), "message": message, "notes": notes}, wrote_rich, wrote_plain)


@app.command("align")
def align_cmd(
    papers: Annotated[Optional[list[str]], typer.Argument(help="Two papers to align (or use --all).", show_default=False)] = None,
    all_papers: Annotated[bool, typer.Option("--all", help="Align every pair of papers in the corpus.")] = False,
    threshold: Annotated[float, typer.Option(min=0, max=100, help="Minimum similarity (0-100).")] = 45.0,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Show at most N pairs.")] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Find similar claims across papers (near-duplicates), best first."""
    from .compare.align import align
    from .corpus import resolve_paper
    from .render import progress
    from .render.align import align_plain, align_rich

    c = _corpus(corpus)
    if all_papers == bool(papers) or (papers and len(papers) != 2):
        raise UsageError("name two papers, or pass --all")
    ids = None if all_papers else [resolve_paper(c, name).id for name in papers or []]
    out = _output(fmt)
    with progress(out, "aligning claims") as tick:
        data = align(c, ids, threshold, limit, tick)
    out.emit(data, align_rich, align_plain)


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="Words to look for in claims' text, quotes and tags.", show_default=False)],
    paper: Annotated[Optional[list[str]], typer.Option("--paper", "-p", help="Only this paper (repeatable).", show_default=False)] = None,
    role: Annotated[Optional[list[str]], typer.Option("--role", "-r", help="thesis, premise, counterpoint or rebuttal (repeatable).", show_default=False)] = None,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", "-t", help="Only claims with this tag (repeatable: any of them).", show_default=False)] = None,
    axis: Annotated[Optional[str], typer.Option("--axis", "-a", help="Only claims leaning on AXIS, AXIS.SUBJECT or AXIS=VALUE.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.")] = 10,
    min_score: Annotated[float, typer.Option("--min-score", min=0, max=100, help="Drop hits scoring below this (0-100).")] = 45.0,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Search every claim, rare words weighing more; exit 1 if nothing is found."""
    from .corpus import resolve_paper
    from .render.query import query_plain, query_rich
    from .search import query as run_query

    c = _corpus(corpus)
    papers = [resolve_paper(c, name).id for name in paper or []]
    data = run_query(c, text, papers, role or [], tag or [], axis, limit, min_score)
    _output(fmt).emit(data, query_rich, query_plain)
    if not data["found"]:
        raise typer.Exit(1)


@app.command()
def diff(
    a: PaperArg,
    b: PaperArg,
    axes_only: Annotated[bool, typer.Option("--axis", help="Compare positions only, not claims.")] = False,
    threshold: Annotated[float, typer.Option(min=0, max=100, help="Minimum score of a suggested claim pair.")] = 45.0,
    all_claims: Annotated[bool, typer.Option("--all", help="List every one-sided claim (default: the first 10 of each paper).")] = False,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Two papers side by side: theses, positions, aligned and one-sided claims."""
    from .compare import diff as run_diff
    from .corpus import resolve_paper
    from .render.compare import diff_plain, diff_rich

    c = _corpus(corpus)
    pa, pb = resolve_paper(c, a), resolve_paper(c, b)
    if pa.id == pb.id:
        raise UsageError(f"both names mean {pa.id}; name two different papers")
    data = run_diff(c, pa, pb, axes_only, threshold, None if all_claims else ONE_SIDED_SHOWN)
    _output(fmt).emit(data, diff_rich, diff_plain)


@app.command()
def compare(
    axis: Annotated[str, typer.Argument(help="Axis id, e.g. alignment or balancing.", show_default=False)],
    evidence: Annotated[bool, typer.Option("--evidence", "-e", help="Add the justifying claims and quotes.")] = False,
    reading: Annotated[Optional[list[str]], typer.Option("--reading", help="A second reading (file, or name in the corpus's readings/; repeatable): star the cells it contests.", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Every paper's position on one axis: a number line, or a paper x subject grid."""
    from .compare import compare_axis
    from .readings import open_readings
    from .render.compare import axis_plain, axis_rich

    c = _corpus(corpus)
    _output(fmt).emit(compare_axis(c, axis, evidence, open_readings(c, reading or [])), axis_rich, axis_plain)


@app.command()
def where(
    expressions: Annotated[list[str], typer.Argument(metavar="EXPR...", help="e.g. balancing.russia=hard alignment>=1 (ANDed).", show_default=False)],
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Which papers hold a position, each with its evidence; exit 1 if none."""
    from .compare import where as run_where
    from .render.compare import where_plain, where_rich

    data = run_where(_corpus(corpus), expressions)
    _output(fmt).emit(data, where_rich, where_plain)
    if not data["papers"]:
        raise typer.Exit(ExitCode.NEGATIVE)


@app.command()
def agree(
    a: Annotated[str, typer.Argument(metavar="A", help="A corpus folder, 'bundled', or a reading (file or name in the corpus's readings/).", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B", help="The other reading, named the same way.", show_default=False)],
    sources: Annotated[Optional[Path], typer.Option("--sources", "-s", help="Full texts, to match claims by their quotes (default: as verify; none: text similarity).", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Two readings of the same papers, as double coding: agreement and alpha per axis, contested cells; exit 1 if any."""
    from .compare.agree import agree as run_agree, open_side
    from .render.agree import agree_plain, agree_rich
    from .verify import optional_sources

    use_cache = settings().use_cache
    data = run_agree(open_side(a, corpus, use_cache), open_side(b, corpus, use_cache), optional_sources(sources))
    _output(fmt).emit(data, agree_rich, agree_plain)
    if not data["ok"]:
        raise typer.Exit(1)


@app.command()
def matrix(fmt: FormatOpt = Format.auto, corpus: CorpusOpt = None) -> None:
    """Paper x paper agreement across axes, with curated link counts, as a heat table."""
    from .compare import matrix as run_matrix
    from .render.compare import matrix_plain, matrix_rich

    _output(fmt).emit(run_matrix(_corpus(corpus)), matrix_rich, matrix_plain)


@app.command()
def tensions(
    args: Annotated[Optional[list[str]], typer.Argument(metavar="[PAPER | accept|dismiss P#a (P#b | ADDRESS)]", help="One paper (default: all); or accept/dismiss a detected candidate (two claims, or a claim and the address of the position it leans against), which is then listed as recorded / never detected again.", show_default=False)] = None,
    note: Annotated[str, typer.Option("--note", "-m", help="With accept: what the contradiction is.", show_default=False)] = "",
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Self-contradictions: recorded ones, plus candidates detected from positions and leans."""
    from .compare import tensions as run_tensions
    from .corpus import resolve_paper
    from .render.compare import tensions_plain, tensions_rich

    words = args or []
    if words and words[0] in ("accept", "dismiss"):
        if len(words) != 3:
            raise UsageError(f"write: argmap tensions {words[0]} PAPER#CLAIM PAPER#CLAIM, or for a claim against "
                             f"the paper's position: argmap tensions {words[0]} PAPER#CLAIM ADDRESS")
        from .triage import judge_tension

        verdict: Literal["accepted", "dismissed"] = "accepted" if words[0] == "accept" else "dismissed"
        path = judge_tension(_writable(corpus), words[1], words[2], verdict, note)
        _wrote(fmt, path, f"{verdict} {words[1]} vs {words[2]} in {path}", [])
        return
    if len(words) > 1:
        raise UsageError("name one paper, or: argmap tensions accept|dismiss PAPER#CLAIM (PAPER#CLAIM | ADDRESS)")
    c = _corpus(corpus)
    papers = [resolve_paper(c, words[0])] if words else None
    _output(fmt).emit(run_tensions(c, papers), tensions_rich, tensions_plain)


ONE_SIDED_SHOWN = 10  # diff lists this many one-sided claims per paper unless --all


def _writable(corpus: CorpusOpt) -> Path:
    """The corpus folder decisions are written to; never the installed bundled corpus."""
    from .corpus import find_corpus, is_bundled

    root, _ = find_corpus(corpus)
    if is_bundled(root):
        raise UsageError("the bundled corpus is read-only; start your own beside it (argmap new ID) "
                         "or pass --corpus DIR")
    return root


@app.command()
def strength(paper: PaperArg, fmt: FormatOpt = Format.auto, corpus: CorpusOpt = None) -> None:
    """Acceptability of each claim as a tree: DF-QuAD strength, or the grounded labelling if the graph has a cycle."""
    tree(paper, depth=None, quotes=False, ids=True, strength=True, fmt=fmt, corpus=corpus)


@app.command()
def verify(
    sources: Annotated[Optional[Path], typer.Option("--sources", "-s", help="Folder of full texts (default: $ARGMAP_SOURCES, ../shared/papers or ./papers).", show_default=False)] = None,
    paper: Annotated[Optional[list[str]], typer.Option("--paper", "-p", help="Only this paper (repeatable).", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Check every quote against its paper's full text: exact, near or missing; exit 1 unless all exact."""
    from .corpus import resolve_paper
    from .render.records import verify_plain, verify_rich
    from .verify import find_sources, verify as run_verify

    c = _corpus(corpus)
    papers = [resolve_paper(c, name).id for name in paper or []]
    data = run_verify(c, find_sources(sources), papers)
    _output(fmt).emit(data, verify_rich, verify_plain)
    if not data["ok"]:
        raise typer.Exit(ExitCode.NEGATIVE)


link_app = typer.Typer(help="Curated links between claims of different papers.", no_args_is_help=True)
app.add_typer(link_app, name="link")


@link_app.command("list")
def link_list(
    paper: Annotated[Optional[str], typer.Argument(help="Only links touching this paper.", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """List curated links with both claims' texts."""
    from .corpus import resolve_paper
    from .links import list_links
    from .render.records import links_plain, links_rich

    c = _corpus(corpus)
    pid = resolve_paper(c, paper).id if paper else None
    _output(fmt).emit(list_links(c, pid), links_rich, links_plain)


@link_app.command("add")
def link_add(
    a: Annotated[str, typer.Argument(metavar="A#CLAIM", help="paper#claim, e.g. rezapour2020#p3.", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B#CLAIM", help="paper#claim of another paper.", show_default=False)],
    relation: Annotated[str, typer.Option("--relation", "-r", help="agrees, contradicts, refines or same.", show_default=False)],
    note: Annotated[str, typer.Option("--note", "-m", help="One line: why the claims relate.", show_default=False)],
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Add a curated link to links.yaml (validated, atomic, the rest kept byte for byte)."""
    from .links import add_link
    from .render.records import added_plain, added_rich

    _output(fmt).emit(add_link(_writable(corpus), a, b, relation, note), added_rich, added_plain)


# Keeping a suggested pair is adding the link: one function, two names.
link_app.command("accept", help="Keep a suggested pair: the same as link add (a curated link in links.yaml).")(link_add)


@link_app.command("dismiss")
def link_dismiss(
    a: Annotated[str, typer.Argument(metavar="A#CLAIM", help="paper#claim.", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B#CLAIM", help="paper#claim of another paper.", show_default=False)],
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Record that two claims are not the same point (decisions.yaml): never suggested again."""
    from .triage import dismiss_link

    path = dismiss_link(_writable(corpus), a, b)
    _wrote(fmt, path, f"dismissed {a} ~ {b} in {path}", [])


@link_app.command("suggest")
def link_suggest(
    claim: Annotated[str, typer.Argument(metavar="PAPER#CLAIM", help="The claim to find partners for, e.g. rezapour2020#p22.", show_default=False)],
    within: Annotated[Optional[str], typer.Option("--in", help="Only candidates of this paper.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N candidates.")] = 5,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Rank claims of other papers that may make the same point, each with a proposed relation."""
    from .corpus import resolve_paper
    from .render.records import suggest_plain, suggest_rich
    from .suggest import suggest_links

    c = _corpus(corpus)
    paper, _, rest = claim.partition("#")
    ref = f"{resolve_paper(c, paper).id}#{rest}" if paper and rest else claim
    data = suggest_links(c, ref, resolve_paper(c, within).id if within else None, limit)
    _output(fmt).emit(data, suggest_rich, suggest_plain)


@app.command("export")
def export_cmd(
    paper: Annotated[Optional[str], typer.Argument(help="Paper to export (or --all).", show_default=False)] = None,
    all_papers: Annotated[bool, typer.Option("--all", help="Every paper, with cross-paper links in graph formats.")] = False,
    to: Annotated[str, typer.Option("--to", "-t", help="argdown, dot, mermaid, json, aif, csv, markdown, kialo or html.")] = "argdown",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).", show_default=False)] = None,
    corpus: CorpusOpt = None,
) -> None:
    """Export a map (or all) to another format: Argdown, Graphviz, Mermaid, AIF, CSV, ..."""
    from .corpus import resolve_paper
    from .exporters import export

    c = _corpus(corpus)
    if all_papers == bool(paper):
        raise UsageError("name one paper, or pass --all")
    papers = c.chronological() if all_papers else [resolve_paper(c, paper or "")]
    _write_or_print(export(c, papers, to), output)


def _write_or_print(text: str | bytes, output: Optional[Path]) -> None:
    """To `-o FILE` (atomic, see argmap.atomic), or to stdout without `-o` or with `-o -`."""
    if output is None or str(output) == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .atomic import write_atomic

    write_atomic(output, text)  # atomic: concurrent writers never tear it, so no lock is needed
    _say(f"wrote {output}", err=True)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="An .argdown file, AIF-JSON (.json) or Kialo export (.txt).", show_default=False)],
    paper_id: Annotated[str, typer.Option("--id", help="Id of the new paper (a slug such as smith2020).", show_default=False)],
    source_format: Annotated[Optional[str], typer.Option("--from", help="argdown, aif or kialo (default: from the suffix).", show_default=False)] = None,
    fmt: FormatOpt = Format.auto,
    corpus: CorpusOpt = None,
) -> None:
    """Import a map from Argdown, AIF-JSON or Kialo; writes ID.yaml, never overwrites."""
    from .corpus import writable_root
    from .importers import import_file, write_map

    root = writable_root(corpus)  # never the installed package: ./claims instead
    skipped: list[Problem] = []
    written = write_map(root, import_file(file, paper_id, source_format, warnings=skipped))
    for problem in skipped:
        _say(f"argmap: warning: {problem}", err=True)
    if written.dropped_tags:
        _say(f"argmap: warning: left out tags not in the corpus vocabulary: {', '.join(written.dropped_tags)} "
             "(add them to axes.yaml's tags and import again to keep them)", err=True)
    _wrote(fmt, written.path, f"wrote {written.path}; check it with: argmap validate {root}", [])


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    corpus: CorpusOpt = None,
) -> None:
    """Write one self-contained, offline HTML report of the whole corpus."""
    from .report import render_report

    _write_or_print(render_report(_corpus(corpus)), output)


def _named(argv: list[str]) -> Optional[str]:
    """The command a command line names: its first word that is not an option (the group's options are flags)."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def _just(name: Optional[str]) -> typer.Typer:
    """The app with only the command `name`, or the whole app when `name` names none (or completion runs).

    Typer reads the signature of every command at each start (about 20 ms for 25 commands, a sixth of
    `argmap list`) though a run invokes one; help, completion and click's "No such command" with its
    suggestions need them all.
    """
    from copy import copy

    if name is None or "_ARGMAP_COMPLETE" in os.environ:
        return app
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def _command_name(command: Any) -> Optional[str]:
    from typer.main import get_command_name

    return command.name or (get_command_name(command.callback.__name__) if command.callback else None)


def main() -> None:
    try:
        _just(_named(sys.argv[1:]))(prog_name="argmap")
        code: Any = 0
    except SystemExit as e:
        code = e.code
    try:
        sys.stdout.flush()  # a closed pipe shows up here at the latest: stay quiet
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
