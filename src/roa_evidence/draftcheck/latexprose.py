"""A LaTeX draft's prose, read with pylatexenc: the body of the `document` environment,
citation commands turned into Pandoc citations, formatting commands into their text,
and comments, maths displays, floats and headings left out. Every character keeps its
offset in the source. Nesting deeper than TEX_DEPTH is refused with its line (pylatexenc
recurses per group)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .drafts import BadDraft

__all__ = ["TEX_DEPTH", "latex_prose"]

# A piece of prose: its characters and, for each, the offset in the source it came from.
_Prose = tuple[str, list[int]]

# --------------------------------------------------------------------------
# LaTeX

_TEX_CITE_MACROS = frozenset(
    {
        "cite",
        "citep",
        "citet",
        "citealp",
        "citealt",
        "citeauthor",
        "citeyear",
        "parencite",
        "textcite",
        "autocite",
        "footcite",
        "supercite",
        "Cite",
        "Citep",
        "Citet",
        "Parencite",
        "Textcite",
        "Autocite",
    }
)
_TEX_TEXT_MACROS = frozenset(
    {
        "emph",
        "textbf",
        "textit",
        "textsl",
        "textsc",
        "texttt",
        "textrm",
        "textsf",
        "underline",
        "mbox",
        "text",
        "enquote",
        "textup",
        "textmd",
        "hbox",
    }
)
_TEX_ESCAPED = {"%": "%", "&": "&", "_": "_", "$": "$", "#": "#", "{": "{", "}": "}", ",": " "}
_TEX_SPECIALS = {"~": " ", "``": '"', "''": '"', "--": "-", "---": "-", "`": "'", "'": "'"}
_TEX_PROSE_ENVIRONMENTS = frozenset(
    {
        "document",
        "abstract",
        "itemize",
        "enumerate",
        "description",
        "quote",
        "quotation",
        "center",
        "flushleft",
        "flushright",
        "minipage",
    }
)
_BREAK = "\n\n"


class _LatexProse:
    """Walks pylatexenc's nodes, collecting prose characters with their source offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def emit(self, text: str, pos: int, step: bool = True) -> None:
        self.chars.extend(text)
        self.offsets.extend(pos + i if step else pos for i in range(len(text)))

    def walk(self, nodes: object) -> None:
        # lazy: pylatexenc; the CLI starts without it
        from pylatexenc import latexwalker as lw

        for node in nodes or []:  # type: ignore[attr-defined]
            if node is None:
                continue
            if isinstance(node, lw.LatexCharsNode):
                self.emit(node.chars, node.pos)
            elif isinstance(node, lw.LatexGroupNode):
                self.walk(node.nodelist)
            elif isinstance(node, lw.LatexCommentNode):
                self.emit(" ", node.pos)
            elif isinstance(node, lw.LatexSpecialsNode):
                self.emit(_TEX_SPECIALS.get(node.specials_chars, _BREAK), node.pos, step=False)
            elif isinstance(node, lw.LatexMathNode):
                if node.displaytype == "inline":
                    verbatim = node.latex_verbatim().strip("$")
                    if verbatim.startswith("\\(") and verbatim.endswith("\\)"):
                        verbatim = verbatim[2:-2]
                    self.emit(verbatim.replace("\\%", "%"), node.pos)
                else:
                    self.emit(_BREAK, node.pos, step=False)
            elif isinstance(node, lw.LatexEnvironmentNode):
                if node.environmentname in _TEX_PROSE_ENVIRONMENTS:
                    self.emit(_BREAK, node.pos, step=False)
                    self.walk(node.nodelist)
                self.emit(_BREAK, node.pos + node.len, step=False)
            elif isinstance(node, lw.LatexMacroNode):
                self.macro(node)

    def macro(self, node: object) -> None:
        # lazy: pylatexenc; the CLI starts without it
        from pylatexenc import latexwalker as lw

        assert isinstance(node, lw.LatexMacroNode)
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if name in _TEX_CITE_MACROS:
            braced = [
                a for a in args if isinstance(a, lw.LatexGroupNode) and a.delimiters[0] == "{"
            ]
            if braced:
                inner = braced[-1].latex_verbatim()[1:-1]
                keys = [k.strip() for k in inner.split(",") if k.strip()]
                self.emit(" [" + "; ".join(f"@{k}" for k in keys) + "]", node.pos, step=False)
        elif name in _TEX_TEXT_MACROS:
            for arg in args:
                if isinstance(arg, lw.LatexGroupNode) and arg.delimiters[0] == "{":
                    self.walk(arg.nodelist)
        elif name in _TEX_ESCAPED:
            self.emit(_TEX_ESCAPED[name], node.pos, step=False)
        elif name in ("item", "par", "\\", "newline", "linebreak"):
            self.emit(_BREAK, node.pos, step=False)
        elif name in ("ldots", "dots"):
            self.emit("...", node.pos, step=False)
        else:  # headings, labels, references, spacing: not prose
            self.emit(_BREAK if args else " ", node.pos, step=False)
        self.emit(node.macro_post_space, node.pos + node.len - len(node.macro_post_space))


TEX_DEPTH = 150  # pylatexenc recurses per group: deeper nesting is refused, with its line
_TEX_NESTING = re.compile(r"\\[{}]|\\begin\s*+\{[^{}]*+\}|\\end\s*+\{[^{}]*+\}|[{}]")


def _too_deep(source: str) -> int | None:
    """The offset where groups and environments nest deeper than TEX_DEPTH, if they do."""
    depth = 0
    for match in _TEX_NESTING.finditer(source):
        token = match.group(0)
        if token in ("\\{", "\\}"):
            continue  # an escaped brace is a character
        if token == "{" or token.startswith("\\begin"):
            depth += 1
            if depth > TEX_DEPTH:
                return match.start()
        elif token == "}" or token.startswith("\\end"):
            depth = max(0, depth - 1)
    return None


def latex_prose(source: str) -> Iterator[_Prose]:
    # lazy: pylatexenc; the CLI starts without it
    from pylatexenc import latexwalker as lw

    deep = _too_deep(source)
    if deep is not None:
        line = source.count("\n", 0, deep) + 1
        raise BadDraft(
            f"line {line}: braces or environments nest more than {TEX_DEPTH} deep; "
            "check for an unclosed '{' or \\begin, or check the draft --as text"
        )
    walker = lw.LatexWalker(source, tolerant_parsing=True)
    try:
        nodes, _, _ = walker.get_latex_nodes(pos=0)
    except RecursionError:
        raise BadDraft(
            "the LaTeX nests too deeply to read; check for unclosed braces or environments, "
            "or check the draft --as text"
        ) from None
    body = next(
        (
            n
            for n in nodes
            if isinstance(n, lw.LatexEnvironmentNode) and n.environmentname == "document"
        ),
        None,
    )
    reader = _LatexProse()
    reader.walk(body.nodelist if body is not None else nodes)
    yield "".join(reader.chars), reader.offsets
