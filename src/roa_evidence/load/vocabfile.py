"""The evidence base's own vocabulary: `vocabulary.yaml`, read and written.

A base declares its drug (the names a draft may call it by), and the routes, topics and
conditions its claims and studies may name, each with the other spellings accepted for it:

```yaml
drug: [psilocybin, magic mushrooms]   # a name, or a list of names
routes:
  IV: {aliases: [intravenous, infusion], lay: [a drip]}
topics: [efficacy, onset]            # a list, or a mapping of term -> {aliases: [...]}
conditions:
  depression: {aliases: [mdd, trd]}
```

A base without the file uses the shipped (ketamine) base's vocabulary.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..bounded import MAX_DATA_FILE, Content, NotReadable, read_content
from ..errors import DataNotFound, InvalidData, Problem
from .inputs import VOCABULARY_NAME, Inputs, default_data_dir
from .yamlfile import LineDict, LineList, YamlError, parse_yaml

SECTIONS = ("routes", "topics", "conditions")
_TERM_FIELDS = frozenset({"aliases", "lay", "description"})


@dataclass(frozen=True)
class Vocabulary:
    """The terms a base's files may name, by kind, with their aliases (lowercase) and,
    for routes, the lay words a draft may use for them."""

    routes: tuple[str, ...]
    topics: tuple[str, ...]
    conditions: tuple[str, ...]
    route_aliases: dict[str, str] = field(default_factory=dict)
    topic_aliases: dict[str, str] = field(default_factory=dict)
    condition_aliases: dict[str, str] = field(default_factory=dict)
    lay: dict[str, tuple[str, ...]] = field(default_factory=dict)
    drug: tuple[str, ...] = ()  # the names a draft may call the base's drug by

    def terms(self, kind: str) -> tuple[str, ...]:
        """The terms of `kind` (route, topic or condition)."""
        return {"route": self.routes, "topic": self.topics, "condition": self.conditions}[kind]

    def aliases(self, kind: str) -> dict[str, str]:
        """The aliases of `kind` (route, topic or condition), alias -> term."""
        return {
            "route": self.route_aliases,
            "topic": self.topic_aliases,
            "condition": self.condition_aliases,
        }[kind]


def read_vocabulary(path: Path, text: str) -> tuple[Vocabulary | None, list[Problem]]:
    """`vocabulary.yaml`'s text as a vocabulary, or the problems saying why not."""
    try:
        raw = parse_yaml(text)
    except YamlError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    if not isinstance(raw, LineDict):
        return None, [
            Problem(
                path,
                1,
                "expected a mapping with routes:, topics: and conditions:; see docs/own-base.md",
            )
        ]
    problems: list[Problem] = []
    for key in raw:
        if key not in (*SECTIONS, "version", "drug"):
            problems.append(
                Problem(
                    path,
                    raw.key_lines.get(key),
                    f"unknown section '{key}'; expected drug, routes, topics or conditions",
                )
            )
    drug = _drug(path, raw, problems)
    sections: dict[str, tuple[tuple[str, ...], dict[str, str], dict[str, tuple[str, ...]]]] = {}
    for section in SECTIONS:
        sections[section] = _section(path, raw, section, problems)
    if problems:
        return None, problems
    (routes, route_aliases, lay), (topics, topic_aliases, _), (conditions, cond_aliases, _) = (
        sections[name] for name in SECTIONS
    )
    vocabulary = Vocabulary(
        routes, topics, conditions, route_aliases, topic_aliases, cond_aliases, lay, drug
    )
    return vocabulary, []


def _drug(path: Path, raw: LineDict, problems: list[Problem]) -> tuple[str, ...]:
    """The names `drug:` gives the base's drug (a name or a list of them); none when absent."""
    if "drug" not in raw:
        return ()
    names = _words(raw["drug"])
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        problems.append(
            Problem(
                path,
                raw.key_lines.get("drug"),
                "drug: expected the drug's name as text, or a list of the names a draft may "
                "call it by (e.g. drug: [psilocybin, magic mushrooms]; quote a name with a "
                "comma: 'N,N-DMT')",
            )
        )
        return ()
    return drug_names(names)


def drug_names(names: Iterable[str]) -> tuple[str, ...]:
    """A drug's names as declared: spaces collapsed, blanks and repeats left out."""
    return tuple(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))


def _section(
    path: Path, raw: LineDict, section: str, problems: list[Problem]
) -> tuple[tuple[str, ...], dict[str, str], dict[str, tuple[str, ...]]]:
    """One section's terms, aliases and lay words; what is wrong goes to `problems`."""
    line = raw.key_lines.get(section, raw.line)
    body = raw.get(section)
    kind = section.removesuffix("s")
    if isinstance(body, LineList):
        entries: list[tuple[Any, Any, int | None]] = [
            (term, {}, body.item_lines[i]) for i, term in enumerate(body)
        ]
    elif isinstance(body, LineDict):
        entries = [(term, spec, body.key_lines.get(term)) for term, spec in body.items()]
    else:
        problems.append(
            Problem(
                path,
                line,
                f"{section}: declare at least one {kind}, as a list or a "
                f"mapping of {kind} -> {{aliases: [...]}}",
            )
        )
        return (), {}, {}
    if not entries:
        problems.append(Problem(path, line, f"{section}: declare at least one {kind}"))
    terms: list[str] = []
    aliases: dict[str, str] = {}
    lay: dict[str, tuple[str, ...]] = {}
    taken: dict[str, str] = {}  # every spelling, lowercase -> the term it means
    for term, spec, at in entries:
        if not _is_word(term):
            problems.append(
                Problem(
                    path,
                    at,
                    f"{section}: {term!r} is not a term; use a word without "
                    "commas or spaces (e.g. rate-control)",
                )
            )
            continue
        spec = {} if spec is None else spec
        if not isinstance(spec, dict) or set(spec) - _TERM_FIELDS:
            problems.append(
                Problem(
                    path,
                    at,
                    f"{section}.{term}: expected {{aliases: [...]}} (also lay: "
                    "[...] and description:); remove the other fields",
                )
            )
            continue
        spellings = [term, *_words(spec.get("aliases"))]
        for spelling in spellings:
            if not _is_word(spelling):
                problems.append(
                    Problem(
                        path,
                        at,
                        f"{section}.{term}: alias {spelling!r} is not a word; "
                        "write a list of words without commas",
                    )
                )
            elif (owner := taken.get(spelling.lower())) is not None:
                problems.append(
                    Problem(
                        path,
                        at,
                        f"{section}.{term}: '{spelling}' already means "
                        f"'{owner}'; give each spelling to one {kind}",
                    )
                )
            else:
                taken[spelling.lower()] = term
                if spelling != term:
                    aliases[spelling.lower()] = term
        terms.append(term)
        if spec.get("lay"):
            lay[term] = tuple(str(word) for word in _words(spec["lay"]))
    return tuple(terms), aliases, lay


def _is_word(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not set(",\n") & set(value)


def _words(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def vocabulary_yaml(vocabulary: Vocabulary) -> str:
    """The text of a `vocabulary.yaml` declaring `vocabulary` (what `init` writes)."""

    def section(terms: Iterable[str], aliases: dict[str, str]) -> dict[str, dict[str, Any]]:
        return {
            term: (
                {"aliases": spelled}
                if (spelled := [a for a, t in aliases.items() if t == term])
                else {}
            )
            for term in terms
        }

    document: dict[str, Any] = {"version": 1}
    if vocabulary.drug:
        document["drug"] = list(vocabulary.drug)
    document |= {
        "routes": section(vocabulary.routes, vocabulary.route_aliases),
        "topics": section(vocabulary.topics, vocabulary.topic_aliases),
        "conditions": section(vocabulary.conditions, vocabulary.condition_aliases),
    }
    header = (
        "# This base's vocabulary: its drug's names, and every route, topic and condition its\n"
        "# claims and studies may name, with the other spellings accepted for each. See\n"
        "# docs/own-base.md.\n"
    )
    body = yaml.safe_dump(document, sort_keys=False, default_flow_style=None, allow_unicode=True)
    return header + body


def shipped_vocabulary() -> Vocabulary:
    """The vocabulary of the evidence base shipped with roa-evidence (ketamine's)."""
    path = default_data_dir() / VOCABULARY_NAME
    try:
        stat = path.stat()
    except OSError:
        raise DataNotFound(f"{path} is missing; reinstall roa-evidence") from None
    return _shipped(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)  # asked for every route a sentence names, when no base is in use
def _shipped(path: Path, mtime_ns: int, size: int) -> Vocabulary:
    """`shipped_vocabulary`, read again only when the file changes (a curator's checkout)."""
    content = read_content(path, MAX_DATA_FILE)
    if isinstance(content, OSError):
        raise DataNotFound(f"{path} is missing; reinstall roa-evidence")
    return _checked(path, content)


def base_vocabulary(data_dir: Path) -> Vocabulary:
    """The vocabulary `data_dir` declares (the shipped one when it declares none).

    Raises InvalidData naming the file and line of every problem in it.
    """
    path = data_dir / VOCABULARY_NAME
    return _declared(path, read_content(path, MAX_DATA_FILE))


def inputs_vocabulary(inputs: Inputs) -> Vocabulary:
    """`base_vocabulary` of a folder already read (`inputs.read_inputs`)."""
    path = inputs.data_dir / VOCABULARY_NAME
    return _declared(path, inputs.contents.get(VOCABULARY_NAME, FileNotFoundError()))


def _declared(path: Path, content: Content) -> Vocabulary:
    if isinstance(content, FileNotFoundError):
        return shipped_vocabulary()
    return _checked(path, content)


def _checked(path: Path, content: Content) -> Vocabulary:
    if isinstance(content, OSError):
        reason = content.reason if isinstance(content, NotReadable) else content.strerror
        vocabulary, problems = (
            None,
            [Problem(path, None, f"cannot be read ({reason}); check the file")],
        )
    else:
        vocabulary, problems = _parsed(path, content)
    if vocabulary is None:
        raise InvalidData(problems)
    return vocabulary


@functools.lru_cache(maxsize=16)  # a command reads it at start-up and again as it loads
def _parsed(path: Path, content: bytes) -> tuple[Vocabulary | None, list[Problem]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(path, None, "cannot be read (it is not UTF-8); check the file")]
    return read_vocabulary(path, text)
