"""Which claim a sentence repeats: by the keys it cites, its wording and its parts.

A sentence is compared with the statements and asserting quotes that share one of its telling
words, with rapidfuzz (0-100: the best of the whole-text ratio, the word-order-free ratio, the
shared-words ratio for a sentence at least half the statement's length, and, for a long quote,
the best-aligned part of the sentence), writers' wordings and route words normalised first ("a
shot in the muscle" and "IM" compare alike; `similarity.score`), less a penalty when the
sentence names a route the claim is not about and leaves out one it is about (unless it
repeats the text nearly verbatim). A match by text alone needs `MATCH_SCORE`, and a topic in
common with the claim; a cited key narrows the candidates to the claims it bears on, and the
one whose wording and parts fit best is taken. When wording finds nothing, or a claim whose
parts (`parts.fit`) fit clearly worse than another's, the claim the sentence's parts fit best
is taken (`how: parts`); failing that, a claim whose wording, distinctive words (and the
dimensions of the values it knows) and parts together stand well ahead of every other claim's
(`how: standing-out`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from ..query.records import ClaimRecord
from . import counts, framing, lexicon, numbers, parts, polarity, similarity
from .described import about_another_study
from .firstchars import compiled
from .listing import lists_routes
from .routes import routes_meant, routes_named
from .similarity import VERBATIM, Match, Target
from .words import content_words, normalised

__all__ = ["CITED_UNKNOWN_TOPIC", "MATCH_SCORE", "Match", "Matcher"]

MATCH_SCORE = 80.0  # a match by text alone needs this similarity or more
CITED_SCORE = 50.0  # a cited key with several claims: the closest needs this much
MIN_WORDS = 4  # shorter sentences are not compared by text
SHORTLIST = 12  # targets compared closely, of those sharing the most words
CITED_OVERLAP = 30.0  # ...or share this much of the sentence's distinctive words
CITED_MIN_FIT = 40.0  # ...the similarity counting only with parts fitting this well
CITED_FIT = 1.0  # among a cited work's claims, how much the parts' fit counts beside wording
CITED_DESIGN = 30.0  # ...and a claim stating the design the sentence says of the study
CITED_COUNT = 30.0  # ...or counting the studies (or sites) the sentence counts
CITED_FIGURE = 40.0  # ...less, for a sentence stating no figure, a claim that is a share
CITED_SHARE = 80.0  # ...more, for a share no source gives, a claim that is one (decides)
# (by wording and by parts too, there for a sentence stating no quantity, not even a vague
# one: "how much of an IM dose", "nearly completely" are still the share's)
CITED_TIGHT_FIT = 70.0  # ...or parts fitting this well, however it is worded
CITED_UNKNOWN_TOPIC = 30.0  # ...where the sentence names no topic the parts know
RARE_TOPIC = 3  # ...or a topic this few claims have, which only it has of the work's
NAMED_BONUS = 15.0  # ...and a claim naming the cited study's author
RECALLED_BONUS = 10.0  # ...and a claim naming a study, for a sentence pointing back to one
COMPARES_BONUS = 25.0  # ...and how much a claim comparing routes counts for a comparison
TEXT_OVERLAP = 60.0  # by text: a sentence sharing this much distinctive wording...
TEXT_SCORE = 60.0  # ...and this similarity matches too (a paraphrase)
PARTS_FIT = 60.0  # by parts: a claim whose parts fit this well (see parts.fit)...
PARTS_SCORE = 55.0  # ...and worded this close
PARTS_OVERLAP = 30.0  # ...or sharing this much distinctive wording
TIGHT_FIT = 75.0  # parts fitting this well need 15 less of either
BETTER_FIT = 10.0  # a claim whose parts fit this much better wins over a wording match...
CLOSE_WORDING = 90.0  # ...unless the sentence is worded this close to the other
STANDING = 90.0  # otherwise, wording + shared words + parts' fit this strong...
STANDING_MARGIN = 20.0  # ...and this far ahead of any other claim's (rounds 2-180: docs/check.md)
UNFIT_MARGIN = 5.0  # ...and this much further where its parts do not fit the sentence's
STANDING_SHARED = 20.0  # ...sharing this much of the sentence's distinctive wording
STATED_VALUE = 25.0  # ...counting a value agreeing with the claim's own this much
TOPICAL_SHARED = 40.0  # ...or, naming no route or drug, sharing this much on a topic
TELLING_COUNT = 10.0  # ...or a count this large ("eighteen people"; "one trial" says little)


class Matcher:
    """Finds, for each sentence, the claim it repeats (built once per evidence base)."""

    def __init__(self, claims: Sequence[ClaimRecord]) -> None:
        self.targets: list[Target] = []
        self.by_key: dict[str, list[ClaimRecord]] = {}
        for claim in claims:
            self.targets.append(Target(claim, "statement", normalised(claim.statement), False))
            for quote in claim.asserted_by:
                label = f"quote ({quote.document})"
                self.targets.append(Target(claim, label, normalised(quote.quote), True))
            for key in claim.linked_keys():
                self.by_key.setdefault(key, []).append(claim)
        self._texts = [t.text for t in self.targets]
        # Word weights (inverse claim frequency): "vomiting" says more about a claim than "IM".
        self.words: dict[str, set[str]] = {}
        for target in self.targets:
            self.words.setdefault(target.claim.id, set()).update(content_words(target.text))
        for claim in claims:  # the dimensions it knows a value in, weighed like its words
            self.words.setdefault(claim.id, set()).update(parts.dimension_words(claim))
        frequency = Counter(word for words in self.words.values() for word in words)
        count = len(self.words) + 1
        self._unseen = math.log(count)
        self._weight = {w: math.log(count / (n + 1)) + 0.1 for w, n in frequency.items()}
        # Which targets hold each telling word (one in at most a quarter of the claims): a
        # sentence is compared closely only with targets sharing one of its telling words.
        common = max(2, len(self.words) // 4)
        self._holding: dict[str, list[int]] = {}
        for index, target in enumerate(self.targets):
            for word in content_words(target.text):
                if frequency.get(word, 0) <= common:
                    self._holding.setdefault(word, []).append(index)
        # Every word beginning that could lead to a claim: the telling words, the words the
        # rewriting rules and topics look for, and the drug's name (see `may_match`).
        self._leads = frozenset(self._holding) | lexicon.rule_words() | parts.topic_words()
        # Each claim's parts, read once; its statement filed under each topic it has.
        self._parts = {c.id: parts.read_parts(c.statement) for c in claims}
        self._counts = {c.id: counts.counted(c.statement).keys() for c in claims}
        # the claims that are a share of the dose, with the values they and their sources record
        self._share_values = {c.id: parts.recorded_values(c) for c in claims if parts.is_a_share(c)}
        self._shares = frozenset(self._share_values)
        self._names = frozenset(n for p in self._parts.values() for n in p.names)
        self._valued = [t for t in self.targets if not t.quote and t.claim.value]
        self._by_topic: dict[str, list[Target]] = {}
        for target in self.targets:
            if not target.quote:
                for topic in self._parts[target.claim.id].topics:
                    self._by_topic.setdefault(topic, []).append(target)

    def overlap(self, processed: str, claim_id: str) -> float:
        """How much of the sentence's distinctive wording the claim shares, 0-100."""
        return self._shared(content_words(processed), claim_id)

    def _shared(self, words: set[str], claim_id: str, total: float | None = None) -> float:
        """`overlap`, given the words; `total`, their weight, when it is already known."""
        if total is None:
            total = self._total(words)
        if not total:
            return 0.0
        shared = words & self.words.get(claim_id, set())
        return 100.0 * sum(self._weight[w] for w in shared) / total

    def _total(self, words: set[str]) -> float:
        return sum(self._weight.get(w, self._unseen) for w in words)

    def may_match(self, text: str) -> bool:
        """Whether an uncited sentence could match a claim at all: it names a route, or
        holds a word beginning that leads to one (most sentences of a long report do not,
        and skipping them is most of the speed on a large draft)."""
        return not self._leads.isdisjoint(lexicon.stems(text)) or bool(routes_named(text))

    def match(self, text: str, keys: Sequence[str]) -> Match | None:
        """The claim `text` (citing `keys`) repeats, or None."""
        if not keys and (not self.may_match(text) or framing.titles(text)):
            return None
        found = self._match(text, keys)
        if found is None and not keys:
            found = self._first_clause(text)
        reported = framing.REPORTED.match(text) if found is None else None
        if reported and self.may_match(text[reported.end() :]):
            # "My friend, who works at a vet practice, told me X": X alone
            found = self._match(text[reported.end() :], keys)
        claimed = self._parts[found.claim.id] if found else None
        if found and claimed and about_another_study(text, keys, found.claim, claimed, self.by_key):
            return None  # "our next study will be double-blind" is not the tracked study
        loose = found.claim if found and not keys and found.score < CLOSE_WORDING else None
        if loose and lists_routes(text, loose, self._parts[loose.id]):
            return None  # "a drip, a shot or a spray": no claim about one or two of them
        return found

    def _first_clause(self, text: str) -> Match | None:
        """The first clause alone, where an aside brought another topic ("..., so it remains
        the safer bet"); not one naming one route of a comparison ("IV is safer, so...")."""
        first, *rest = polarity.clauses(text)
        found = self._match(first, ()) if rest and self.may_match(first) else None
        named = routes_meant(first) if found else frozenset()
        if found is None or (named and len(named) < len(found.claim.routes)):
            return None
        return replace(found, clause=first)

    def _match(self, text: str, keys: Sequence[str]) -> Match | None:
        processed = normalised(text)
        said = parts.read_parts(text)
        routes = routes_meant(text) - said.yardstick
        cited = {c.id for k in keys for c in self.by_key.get(k, [])}
        if cited:
            result = parts.states_a_result(said)
            stated = parts.with_dimensions(content_words(processed), said)
            recounted = counts.counted(text).keys()  # "a second trial": a claim counting them
            unstated = self._shares if all(q.vague for q in said.quantities) else frozenset()
            # a share stated that no source gives ("45 percent") is the share claim's mismatch
            off = {
                c
                for c in cited & self._share_values.keys()
                if numbers.off_every(said.quantities, self._share_values[c], "percent")
            }
            scored = [
                (t, similarity.score(processed, routes, t), self._shared(stated, t.claim.id))
                for t in self.targets
                if t.claim.id in cited
                and parts.routes_fit(routes, t.claim)
                and not (result and parts.design_only(self._parts[t.claim.id], t.claim))
            ]
            if scored:
                target, score, shared = max(
                    scored,
                    key=lambda s: (
                        s[1]
                        + s[2]
                        + CITED_FIT * self._fit(said, s[0], CITED_UNKNOWN_TOPIC)
                        + self._compares(said, s[0])
                        + self._names_cited(keys, s[0])
                        + STATED_VALUE * parts.states_its_value(said, s[0].claim, math.inf)
                        + CITED_DESIGN
                        * bool(said.design_terms & self._parts[s[0].claim.id].design_terms)
                        + CITED_COUNT * bool(recounted & self._counts[s[0].claim.id])
                        - CITED_FIGURE * (s[0].claim.id in unstated)
                        + CITED_SHARE * (s[0].claim.id in off)
                    ),
                )
                # Among several, the closest needs shared wording, or a like wording and
                # parts that fit: a sentence describing a cited study ("Loo gave IV, IM and
                # SC in a small crossover") is not the claim the study is evidence on.
                fit = self._fit(said, target, CITED_UNKNOWN_TOPIC)
                fits = (score >= CITED_SCORE and fit >= CITED_MIN_FIT) or fit >= CITED_TIGHT_FIT
                # a design said of the cited study ("it lacked any comparison group"), the
                # claim's or its contrary ("both patients and raters were kept blind")
                fits = fits or bool(said.designs & self._parts[target.claim.id].designs)
                fits = fits or self._alone_on_a_topic(said, target, cited)
                if len(cited) == 1 or fits or shared >= CITED_OVERLAP:
                    how = "citation+text" if score >= MATCH_SCORE else "citation"
                    found = Match(target.claim, score, how, target.label)
                    loose = not (fits or shared >= CITED_OVERLAP)  # the work's only claim
                    another_condition = self._of_another_condition(said, target)
                    if not (loose or another_condition):
                        return found
                    worded = self._by_wording(text, said, routes, processed)
                    if another_condition:
                        # a work on pain cited for depression: the claim the sentence states,
                        # if its wording finds one, else the cited work's (a mismatch)
                        return worded or found
                    # a work on one claim cited for another, worded like that other or stating
                    # its parts ("acts on NMDA receptors [a pain review]"): what it says
                    if worded and worded.how in ("text", "parts"):
                        return worded
                    return found
        return self._by_wording(text, said, routes, processed)

    def _alone_on_a_topic(self, said: parts.Parts, target: Target, cited: set[str]) -> bool:
        """A rare topic only this claim has of the cited work's ("across several centres")."""
        others = {t for c in cited - {target.claim.id} for t in self._parts[c].topics}
        alone = said.topics & self._parts[target.claim.id].topics - others
        return any(len(self._by_topic[t]) <= RARE_TOPIC for t in alone)

    def _of_another_condition(self, said: parts.Parts, target: Target) -> bool:
        return parts.another(said.conditions, self._parts[target.claim.id].conditions)

    def claim_parts(self, claim: ClaimRecord) -> parts.Parts:
        """The parts a claim's statement states (read once, when the matcher is built)."""
        return self._parts[claim.id]

    def _by_wording(
        self, text: str, said: parts.Parts, routes: frozenset[str], processed: str
    ) -> Match | None:
        """The claim a sentence's wording (or its parts) states, its citations aside."""
        if len(text.split()) < MIN_WORDS:
            return None
        words = content_words(processed)
        indexes = sorted({i for w in words for i in self._holding.get(w, ())})
        shortlist = process.extract(
            processed,
            [self._texts[i] for i in indexes],
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=SHORTLIST,
        )
        accepted: list[tuple[Target, float, float]] = []
        closest: list[tuple[Target, float]] = []
        for *_, position in shortlist:
            index = indexes[position]
            target = self.targets[index]
            score = similarity.score(processed, routes, target)
            closest.append((target, score))
            if score < VERBATIM and said.topics and not self._fit(said, target):
                continue  # a like wording about another thing ("safer" against "faster")
            if score < CLOSE_WORDING and self._ranks_what_it_does_not(said, target, processed):
                continue
            shared = self._shared(words, target.claim.id)
            paraphrase = shared >= TEXT_OVERLAP and score >= TEXT_SCORE
            if score >= MATCH_SCORE or (paraphrase and parts.routes_fit(routes, target.claim)):
                accepted.append((target, score, shared))
        if not accepted:
            by_parts = self._by_parts(said, processed, routes)
            if by_parts:
                return by_parts[0]
            return self._standing_out(said, processed, routes, words, closest)
        target, score, _ = max(accepted, key=lambda s: s[1] + s[2] + 0.5 * self._fit(said, s[0]))
        # a claim whose parts fit much better beats a like wording about something else; for
        # a sentence stating no figure, one fitting as well, worded near, beats a share's
        share = all(q.vague for q in said.quantities) and target.claim.id in self._shares
        if (score < CLOSE_WORDING or share) and (
            by_parts := self._by_parts(said, processed, routes)
        ):
            found, fit = by_parts
            sibling = share and found.score >= TEXT_SCORE
            if fit >= self._fit(said, target) + BETTER_FIT * (not sibling):
                return found
        return Match(target.claim, score, "text", target.label)

    def _standing_out(
        self,
        said: parts.Parts,
        processed: str,
        routes: frozenset[str],
        words: set[str],
        closest: list[tuple[Target, float]],
    ) -> Match | None:
        """The claim that stands out among the closest-worded (`closest`, with their
        similarity): wording, shared words and parts together well ahead of every other
        claim's (a paraphrase in words the rules do not know)."""
        subject = bool(routes or said.conditions or parts.names_the_subject(processed))
        # "that trial was double-blind": a study already named, by a design a claim states
        recalled = bool(said.designs) and bool(framing.THAT_STUDY.search(processed))
        if not (subject or said.names or recalled or said.topics):
            return None  # not about the base's subject ("a cup of coffee costs three euros")
        stated = parts.with_dimensions(words, said)
        valued: set[str] = set()  # the claims whose own value the sentence states
        if said.quantities:
            stating = [
                t for t in self._valued if parts.states_its_value(said, t.claim, TELLING_COUNT)
            ]
            valued = {t.claim.id for t in stating}
            listed = {id(t) for t, _ in closest}
            added = [
                (t, similarity.score(processed, routes, t)) for t in stating if id(t) not in listed
            ]
            closest = closest + added
        total = self._total(stated)
        shares = {t.claim.id: self._shared(stated, t.claim.id, total) for t, _ in closest}
        most = max(shares.values(), default=0.0)
        if not valued and most < STANDING_SHARED:
            return None  # no claim could stand out (most sentences of a long draft)
        if not (subject or said.names or recalled) and most < TOPICAL_SHARED:
            return None  # a topic alone anchors only a claim sharing much of its wording
        best: dict[str, tuple[float, Target, float, float]] = {}
        for target, score in closest:
            if not parts.routes_fit(routes, target.claim):
                continue
            fit = self._fit(said, target)
            if said.topics and not fit:
                continue  # about another thing
            claimed = self._parts[target.claim.id]
            if self._ranks_what_it_does_not(said, target, processed):
                continue
            anchored = said.names & claimed.names or (recalled and said.designs & claimed.designs)
            # a topic alone anchors only a claim sharing much of the sentence's distinctive
            # wording ("the psychedelic experience is not essential to the therapeutic effect")
            topical = bool(said.topics) and shares[target.claim.id] >= TOPICAL_SHARED
            if not subject and not anchored and not topical:
                continue  # anchored only by a name ("Lisbon") or a design: the claim's too
            shared = shares[target.claim.id]
            strength = score + shared + fit
            if target.claim.id in valued:
                # "about 93 %" of IM is the 93 % claim's, in whatever words
                strength += STATED_VALUE
                shared = max(shared, STANDING_SHARED)
            if strength > best.get(target.claim.id, (-1.0,))[0]:
                best[target.claim.id] = (strength, target, score, shared)
        ranked = sorted(best.values(), key=lambda b: b[0], reverse=True)
        if not ranked or ranked[0][0] < STANDING:
            return None
        # (a claim whose parts do not fit the sentence's at all stands out only further ahead)
        margin = STANDING_MARGIN + UNFIT_MARGIN * (not self._fit(said, ranked[0][1]))
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < margin:
            return None
        strength, target, score, shared = ranked[0]
        if shared < STANDING_SHARED:
            return None  # one common word ("last") is no paraphrase
        return Match(target.claim, score, "standing-out", target.label)

    def _ranks_what_it_does_not(self, said: parts.Parts, target: Target, processed: str) -> bool:
        """A comparison of routes is no paraphrase of a claim comparing none ("SC costs half
        what IV does" is not "IV's clinical setting raises its cost"), unless it ranks one
        above "any other": "the most researched route" compares too."""
        ranks = said.compares and len(said.routes) >= 2
        claimed = self._parts[target.claim.id]
        return bool(ranks and not claimed.compares and not _ANY_OTHER.search(processed))

    def _fit(self, said: parts.Parts, target: Target, unknown_topic: float = 0.0) -> float:
        return parts.fit(said, self._parts[target.claim.id], target.claim, unknown_topic)

    def _names_cited(self, keys: Sequence[str], target: Target) -> float:
        """A claim about the cited study itself (its statement names the study's author,
        whose name begins the key: "Chilukuri" in chilukuri2014acute) counts for more."""
        names = {n.lower() for n in self._parts[target.claim.id].names}
        cited = any(key.lower().startswith(name) for key in keys for name in names)
        return NAMED_BONUS if cited else 0.0

    def _compares(self, said: parts.Parts, target: Target) -> float:
        """Among a cited work's claims, a comparison of routes is about the one that compares
        them ("outperformed", "did as well as" against "no difference"), not about a claim
        that the work merely names both routes in; on the same topic (vomiting is not
        tolerability in general)."""
        claimed = self._parts[target.claim.id]
        comparative = said.compares and claimed.compares and said.topics & claimed.topics
        return COMPARES_BONUS if comparative else 0.0

    def _by_parts(
        self, said: parts.Parts, processed: str, routes: frozenset[str]
    ) -> tuple[Match, float] | None:
        """A paraphrase: the claim whose parts (routes, topic, comparison, quantity...) the
        sentence states, when its wording is also near enough; and how well they fit."""
        # a study named ("the Chilukuri trial") anchors a sentence as a route does; a word
        # that only starts it with a capital ("Next slide: ...") does not
        named = said.names & self._names
        # ...and so does a study pointed back to ("that study was multicentre")
        recalled = bool(framing.IN_THAT_STUDY.search(processed))
        pointed = recalled or bool(framing.THAT_STUDY.search(processed))
        anchored = said.routes or said.compares or said.dimensions or named or pointed
        if not said.topics or not anchored:
            return None
        best: tuple[float, Target, float, float] | None = None
        words = content_words(processed)
        unstated = frozenset() if said.quantities else self._shares
        candidates = {id(t): t for topic in said.topics for t in self._by_topic.get(topic, [])}
        grounded = said.routes or named  # by a route or a study named, not a figure alone
        for target in candidates.values():
            fit = self._fit(said, target)
            if fit < PARTS_FIT or self._ranks_what_it_does_not(said, target, processed):
                continue
            if recalled and self._parts[target.claim.id].names:
                fit += RECALLED_BONUS  # "in that trial": a claim about a named study
            score = similarity.score(processed, routes, target)
            shared = self._shared(words, target.claim.id)
            # route, topic and quantity all agree, or a study pointed back to ("it was a
            # multicentre study"), whose words are the draft's before: less wording
            close = fit >= TIGHT_FIT or (pointed and not said.routes and not named)
            # a figure in the dimension of the claim's value, on its topic, in any wording ("the
            # benefit held for a fortnight" against "sustained for three days")
            measured = grounded and said.dimensions & self._parts[target.claim.id].dimensions
            worded = score >= PARTS_SCORE - 15 * close or shared >= PARTS_OVERLAP - 15 * close
            if not (worded or (close and measured and target.claim.topic in said.topics)):
                continue
            rank = (
                2 * fit + 0.5 * score + 0.5 * shared - CITED_FIGURE * (target.claim.id in unstated)
            )
            if best is None or rank > best[0]:
                best = (rank, target, score, fit)
        if best is None:
            return None
        _, target, score, fit = best
        return Match(target.claim, score, "parts", target.label), fit


# "more than on any other route" is a superlative: "the most researched route" compares too
_ANY_OTHER = compiled(r"\bthan (?:[a-z]+ ){0,2}any other\b")
