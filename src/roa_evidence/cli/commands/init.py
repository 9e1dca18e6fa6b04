"""`roa-evidence init DIR`: a new evidence base with its own vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...load.vocabfile import Vocabulary, drug_names
from ..common import fail


def _terms_help(what: str, example: str) -> str:
    return (
        f"{what} Comma-separated; give other spellings after '=' separated by '/' "
        f"(e.g. {example}). Repeatable."
    )


def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The new evidence base's folder (new, or empty)."),
    ],
    routes: Annotated[
        list[str],
        typer.Option(
            "--routes",
            metavar="TERMS",
            help=_terms_help(
                "The routes its claims may name.", "IV=intravenous/infusion,IM=intramuscular"
            ),
        ),
    ],
    topics: Annotated[
        list[str],
        typer.Option(
            "--topics",
            metavar="TERMS",
            help=_terms_help("The topics of its claims.", "efficacy,safety=adverse-effects"),
        ),
    ],
    conditions: Annotated[
        list[str] | None,
        typer.Option(
            "--conditions",
            metavar="TERMS",
            help=_terms_help(
                "The conditions its claims and studies may name (default: any).",
                "depression=mdd/trd,pain",
            ),
        ),
    ] = None,
    drug: Annotated[
        list[str] | None,
        typer.Option(
            "--drug",
            metavar="NAME",
            help="The drug the base is about: `check` takes a sentence naming it to be about "
            "the base. Repeat it for each other name a draft may use (e.g. --drug psilocybin "
            "--drug 'magic mushrooms'); a name may hold a comma (N,N-DMT).",
        ),
    ] = None,
) -> None:
    """Create an evidence base: vocabulary.yaml, claims.yaml, studies.bib, grading.toml and
    a README of next steps. Every command run with --data DIR then speaks its vocabulary.

    Example: roa-evidence init psilocybin --drug psilocybin --routes oral,IV --topics efficacy
    """
    # lazy: its templates and tempfile; the CLI starts without them
    from ...interchange.newbase import create_base, parse_declared

    route_terms, route_aliases = parse_declared("route", routes)
    topic_terms, topic_aliases = parse_declared("topic", topics)
    condition_terms, condition_aliases = parse_declared("condition", conditions or ["any"])
    for kind, terms in (("route", route_terms), ("topic", topic_terms)):
        if not terms:
            fail(f"--{kind}s names no {kind}; give at least one, e.g. --{kind}s IV,IM")
    names = drug_names(drug or [])
    if drug is not None and not names:
        fail("--drug names no drug; give its name, e.g. --drug psilocybin")
    vocabulary = Vocabulary(
        route_terms,
        topic_terms,
        condition_terms,
        route_aliases,
        topic_aliases,
        condition_aliases,
        drug=names,
    )
    written = create_base(folder, vocabulary)
    print(f"Created the evidence base {folder} ({', '.join(p.name for p in written)}).")
    print(f"Next: read {folder / 'README.md'}, then run: roa-evidence --data {folder} validate")
