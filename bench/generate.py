"""Write a synthetic evidence base in the shipped format, for the benchmarks.

N works in studies.bib and N claims (about 3 evidence links each) in
claims.yaml, or split over claims/part-NN.yaml. Field sizes follow real
bibliographies (authors, titles with a little LaTeX, journals that repeat) and
the shipped claims (a statement, one or two quotes, a few links with notes).
Deterministic for a given seed.

    .venv/bin/python bench/generate.py /tmp/ev10k --works 10000 --claims 10000
    .venv/bin/python bench/generate.py /tmp/ev10k-split --works 10000 --claims 10000 --split 20
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from roa_evidence import vocab

ROUTES = vocab.ROUTES
TOPICS = (
    "efficacy",
    "onset",
    "duration",
    "bioavailability",
    "metabolism",
    "safety",
    "tolerability",
    "experience",
    "cost",
    "access",
    "dosing",
)
CONDITIONS = ("any", "depression", "pain", "sedation", "ptsd", "anxiety", "healthy")
DESIGNS = (
    "meta-analysis",
    "systematic-review",
    "rct",
    "rct",
    "rct",
    "crossover-rct",
    "pk-study",
    "non-randomized-trial",
    "cohort",
    "cohort",
    "case-control",
    "cross-sectional",
    "case-series",
    "case-report",
    "narrative-review",
    "expert-opinion",
    "patient-reports",
)
BLINDING = vocab.BLINDING
QUALITY = vocab.QUALITY_FLAGS[:8]  # the flags a study may carry, not the citation ones
SURNAMES = (
    "Smith",
    'M{\\"u}ller',
    "Garc{\\'i}a",
    "Nguyen",
    "Chen",
    "Kowalski",
    "Okafor",
    "Johansson",
    "Rossi",
    "Dubois",
    "Tanaka",
    "Singh",
    "Brown",
    'Schr{\\"o}der',
    "Andersen",
    "Lopez",
    "Kim",
    "Ivanova",
    "O'Brien",
    "Haddad",
    "Zhang",
    "Wilson",
)
GIVEN = ("A.", "B. C.", "Maria", "J.", "Karl", "Li", "S. K.", "Ana", "Tom", "E.", "R.", "Yuki")
JOURNALS = (
    "Journal of Clinical Psychopharmacology",
    "Anesthesia {\\&} Analgesia",
    "British Journal of Anaesthesia",
    "Biological Psychiatry",
    "Pain Medicine",
    "Journal of Affective Disorders",
    "Emergency Medicine Journal",
    "American Journal of Psychiatry",
    "Neuropsychopharmacology",
    "BMC Psychiatry",
)
WORDS = (
    "ketamine",
    "intramuscular",
    "intravenous",
    "intranasal",
    "esketamine",
    "depression",
    "treatment-resistant",
    "sedation",
    "children",
    "emergency",
    "bioavailability",
    "pharmacokinetics",
    "randomized",
    "controlled",
    "trial",
    "single-dose",
    "repeated",
    "infusion",
    "analgesia",
    "adults",
    "comparison",
    "efficacy",
    "safety",
    "outcomes",
    "response",
    "remission",
    "dissociation",
    "tolerability",
    "oral",
    "sublingual",
)
STANCES = ("supports", "supports", "supports", "contradicts", "qualifies")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def _authors(rng: random.Random) -> str:
    count = rng.choice((1, 2, 3, 4, 5, 6, 8))
    return " and ".join(f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(count))


def work_entry(rng: random.Random, i: int) -> str:
    design = rng.choice(DESIGNS)
    quality = sorted(set(rng.sample(QUALITY, rng.randint(0, 2))))
    routes = sorted(set(rng.sample(ROUTES, rng.randint(1, 3))), key=ROUTES.index)
    title = _sentence(rng, 8, 16).replace("ketamine", "{K}etamine", 1)
    fields = [
        ("author", _authors(rng)),
        ("title", title),
        ("journal", rng.choice(JOURNALS)),
        ("year", str(rng.randint(1975, 2025))),
        ("volume", str(rng.randint(1, 120))),
        ("pages", f"{(p := rng.randint(1, 900))}--{p + rng.randint(3, 15)}"),
        ("doi", f"10.{rng.randint(1000, 9999)}/bench.{i:07d}"),
        ("design", design),
        # at least every link's n (5-300): the grader refuses a link whose n exceeds its study's
        ("n", str(rng.randint(300, 1500))),
        ("blinding", rng.choice(BLINDING)),
        ("population", _sentence(rng, 3, 7).lower()),
        ("condition", rng.choice(CONDITIONS)),
        ("routes", ", ".join(routes)),
        ("quality", ", ".join(quality)),
        ("verification", rng.choice(("verified", "secondary", "unverified"))),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields if value)
    return f"@article{{w{i:07d},\n{body}\n}}\n"


def claim_block(rng: random.Random, i: int, n_works: int, documents: list[str]) -> str:
    routes = sorted(set(rng.sample(ROUTES, rng.choice((1, 1, 2)))), key=ROUTES.index)
    lines = [
        f"  - id: claim-{i:07d}",
        f"    statement: {_sentence(rng, 9, 18)}.",
        f"    routes: [{', '.join(routes)}]",
        f"    topic: {rng.choice(TOPICS)}",
        f"    condition: {rng.choice(CONDITIONS)}",
        "    asserted_by:",
        f"      - document: {rng.choice(documents)}",
        f'        quote: "{_sentence(rng, 6, 14)}"',
    ]
    if rng.random() < 0.15:
        lines += [
            "    disputed_by:",
            f"      - document: {rng.choice(documents)}",
            f'        quote: "{_sentence(rng, 5, 10)}"',
        ]
    links = max(0, round(rng.gauss(3, 1)))
    if links:
        lines.append("    evidence:")
    for _ in range(links):
        lines += [
            f"      - source: w{rng.randrange(n_works):07d}",
            f"        stance: {rng.choice(STANCES)}",
            f"        locator: table {rng.randint(1, 5)}",
        ]
        if rng.random() < 0.3:
            lines.append(f"        n: {rng.randint(5, 300)}")
        if rng.random() < 0.3:
            lines.append(f'        value: {{estimate: {rng.randint(5, 95)}, unit: "%"}}')
        if rng.random() < 0.4:
            lines.append(f"        note: {_sentence(rng, 4, 10).lower()}")
    return "\n".join(lines) + "\n"


def generate(out: Path, works: int, claims: int, split: int = 0, seed: int = 1) -> None:
    """Write studies.bib and claims.yaml (or claims/part-NN.yaml) into `out`."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    documents = [f"w{i:07d}" for i in range(min(20, works))]
    with open(out / "studies.bib", "w", encoding="utf-8") as bib:
        bib.write("% Synthetic evidence base written by bench/generate.py\n\n")
        for i in range(works):
            bib.write(work_entry(rng, i))
            bib.write("\n")
    header = f"version: 1\ndocuments: [{', '.join(documents)}]\nclaims:\n"
    blocks = [claim_block(rng, i, works, documents) for i in range(claims)]
    if split <= 1:
        (out / "claims.yaml").write_text(header + "\n".join(blocks), encoding="utf-8")
        return
    folder = out / "claims"
    folder.mkdir()
    per_file = -(-claims // split)
    for part in range(split):
        chunk = blocks[part * per_file : (part + 1) * per_file]
        (folder / f"part-{part:02d}.yaml").write_text(header + "\n".join(chunk), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--split", type=int, default=0, help="claims files under claims/")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.works, args.claims, args.split, args.seed)
    print(f"wrote {args.works} works and {args.claims} claims to {args.out}")


if __name__ == "__main__":
    main()
