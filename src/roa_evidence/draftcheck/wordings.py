"""Writers' wordings and the words claims use for them, as (pattern, replacement) rules that
`lexicon.canonical` applies in order, case-insensitively, to a sentence and to each claim's
statement alike. Each pattern is linear on any input: alternations, bounded repeats, no
quantifier nested in another."""

from __future__ import annotations

from . import (
    absorption,
    control,
    conversions,
    costs,
    denials,
    durations,
    efficacy,
    leadins,
    mechanisms,
    onsets,
    research,
    tolerability,
    vitals,
)

__all__ = ["RULES"]


# (pattern, replacement), applied in order, case-insensitively.
RULES: tuple[tuple[str, str], ...] = (
    *leadins.RULES,  # lead-in clauses that frame, not change, what follows
    # "the spray may beat placebo": it is effective, which ranks no route against another
    (
        r"\b(?:beats?|beating|outperform(?:s|ed|ing)?|(?:does|did|do) better than|"
        r"(?:is|was|are|were) (?:better than|superior to)) (?:a |an |the )?"
        r"(?:placebo|saline|dummy|sugar pill|salt water)\w*",
        "is effective against placebo",
    ),
    # "almost never makes children sick", "hardly ever": seldom, which says it happens a
    # little (what "minimal vomiting" says), not that it does not
    (
        r"\b(?:almost|practically|virtually|next to) never\b|\bhardly (?:ever|at all)\b",
        "rarely",
    ),
    # "breathing is left untouched", "unaffected": not affected
    (
        r"\b(?<!partly )(?<!partially )(?:unaffected|(?:left )?"
        r"(?:essentially |largely |virtually )?(?:untouched|spared))\b",
        "not affected",
    ),
    # "the trial had nothing to compare against": no control group
    (
        r"\bhad nothing(?: at all)? to compare (?:it |them |with |against )?(?:against|with)?\b",
        "had no control group",
    ),
    # "Worse, it lacked...", "Better still, ...": a comment on the argument, not a ranking
    (r"^\W*(?:(?:even |what's |what is )?(?:worse|better)(?: still)?|more importantly)\s*,\s*", ""),
    # "Contrary to most textbooks, ..." frames what follows as a correction
    (r"^\W*contrary to (?:[\w'-]+ ){0,5}[\w'-]+, ", " "),
    # a claim said to be wrong denies it: "it is a myth that X", "the view that X is
    # incorrect" (draftcheck/denials.py)
    *denials.CLAIM_DENIED,
    # "little evidence for any formula" hedges a denial: reportedly there is none
    (
        r"\b(?:little|no|scant|scarcely any|hardly any|not much) (?:good |reliable |real )?"
        r"evidence (?:for|of) any\b",
        "reportedly no",
    ),
    # a part played in something: essential to it, or not
    (
        r"\b(?:plays?|played|playing) (?:no|little|no real|only a minor) (?:part|role) in\b",
        "is not essential to",
    ),
    (
        r"\b(?:plays?|played|playing) (?:a|an) (?:key|central|essential|vital|crucial|major) "
        r"(?:part|role) in\b",
        "is essential to",
    ),
    # a rate "changed" or "altered" is a rate adjusted
    (r"\bbe (?:changed|altered|varied|modified|tweaked)\b", "be adjusted"),
    # units spelled out, as claims write them
    (r"\bmilligrams? per millilit(?:re|er)s?\b", "mg/ml"),
    (r"\bmilligrams? per (?:kilogram|kilo)s?\b", "mg/kg"),
    # negation in other words
    (r"\b(?:ineffective|inefficacious|useless)\b", "not effective"),
    # "of little use for depression": not effective for it
    (r"\b(?:no|little) (?:real )?use (?:for|in|against)\b", "not effective for"),
    # (not "does not work via NMDA receptors": how it acts, `mechanisms`)
    (
        r"\b(?:does|do|did) not work\b(?! (?:via|through|on|by way of) (?:the )?(?:brain's )?"
        r"(?:[\w-]+ ){0,2}(?:receptors?|system)\b)",
        "is not effective",
    ),
    # "three antidepressants failed to help": other treatments tried, not ketamine failing
    (
        r"\b((?:ordinary |other |previous |standard |older )?(?:antidepressants|medications|"
        r"medicines|treatments|therapies|drugs)) (?:had )?failed to (?:help|work)\b",
        r"\1 were tried in vain",
    ),
    # "failed to ease", "does nothing for": a verb of relief that did not happen
    (
        r"\b(?:fail|fails|failed|failing) to (?:ease|relieve|help|improve|lift|reduce|treat|"
        r"touch|shift|budge|dent|move)\b",
        "was not effective for",
    ),
    (
        r"\b(?:does|do|did) (?:basically |almost |next to |practically |virtually |very |"
        r"absolutely |precisely )?"
        r"(?:nothing|little)(?: or nothing| much| at all|,? if anything,?)?"
        r"( fast| quickly| rapidly)? for\b",
        r"is not\1 effective for",
    ),
    # no better than a dummy treatment: no efficacy at all (before the "no better than" rule);
    # "no benefit over saline", "did no better than a puff of salt water"
    (
        r"\b(?:no better than|no more effective than|not any better than|(?:no|little) (?:real |"
        r"clear |significant |measurable )?(?:benefit|advantage|improvement|gain) (?:over|beyond)|"
        r"(?:did|does|do) not beat|(?:fail|fails|failed) to beat|not superior to|"
        r"indistinguishable from) (?:with |on |[a-z]+ing )?"
        r"(?:(?:a|an|the|one|single) )?"
        r"(?:(?:puff|spray|squirt|dose|shot|bag|drip|course) of )?"
        r"(?:sugar pill|placebo|(?:dummy|sham) (?:pill|treatment|injection|spray|infusion|drip|"
        r"jab|shot)|salt[- ]water(?: placebo|"
        r" spray| solution)?|saline(?: placebo| spray| solution| injection| infusion)?|"
        r"(?:midazolam|active) (?:control|"
        r"placebo|comparator)|control (?:group|arm|condition))\b",
        "not effective",
    ),
    (r"\bunsafe\b", "not safe"),
    # "by injection as well as by drip", "advertising jabs as well as drips": and, not a
    # likeness ("jabs work as well as drips" has its verb between)
    (r"\bas well as (?=(?:by|via|through|with) )", "and "),
    (
        r"\b((?:jabs|shots|injections|drips|infusions|sprays|tablets|pills|lozenges)) as well as "
        r"(?=(?:the |their )?(?:jabs|shots|injections|drips|infusions|sprays|tablets|pills|"
        r"lozenges|iv|im|intravenous|intramuscular|nasal|oral)\b)",
        r"\1 and ",
    ),
    # "supervision is probably unnecessary" (a predicate, not "unnecessary delays")
    (
        r"\b(is|are|was|were|be|been|seems?|deemed) ((?:probably |largely |often |entirely |"
        r"completely |quite )?)unnecessary\b",
        r"\1 \2not necessary",
    ),
    # "no route other than a drip lets ...": only a drip
    (r"\bno (?:route|way|method) other than\b", "only"),
    # "did not find that one worked better than the other": no difference found
    (
        r"\b(?:did|does|do) not find (?:that )?(?:one|either)(?: route)? (?:worked|works|was|is) "
        r"(?:significantly |any )?better\b",
        "found no significant difference",
    ),
    # "do little to ease depression": not effective for it
    (
        r"\b(?:does|do|did) (?:very )?little to (?:ease|help|relieve|lift|improve|treat)\b",
        "is not effective for",
    ),
    # denials in other words: "has nothing to do with", "does little to" (draftcheck/denials.py)
    *denials.RULES,
    # "far from minimal" denies it; "far from a hospital" is a distance
    (
        r"(?<!not )\bfar from (?=(?:being |proven|clear|certain|settled|ideal|enough|minimal|"
        r"negligible|rare|safe|effective|simple|easy|harmless|trivial|perfect|complete|"
        r"reliable|predictable|established)\b)",
        "not ",
    ),
    (r"\b(?:no|not any) (?:better|more effective) than\b", "as effective as"),
    (r"\b(?:no|not any) (?:safer) than\b", "as safe as"),
    # "no significant gap between the groups" states an equivalence, not a negation
    (
        r"\bno (?:significant |real |meaningful |clear |statistically significant )?"
        r"(?:gap|divergence)\b",
        "no significant difference",
    ),
    # how ketamine acts on receptors (draftcheck/mechanisms.py)
    *mechanisms.RULES,
    # how much a route has been studied (draftcheck/research.py)
    *research.RULES,
    # "X, not the drip, is the route looked at most closely": X rather than the drip
    (
        r",\s*not (?=(?:the |a )?(?:drips?|infusions?|iv|intravenous|injections?|jabs?|shots?)\b)",
        " rather than ",
    ),
    (
        # "looked at most closely", or "studied most" ending its clause
        r"\b(?:looked at|studied|researched|tested|investigated) (?:the )?most(?: (?:closely|"
        r"often|extensively|thoroughly)\b|(?=\W*$|[.,;]))|\bmost often been (?:tested|studied|"
        r"researched)\b",
        "the most researched",
    ),
    (
        r"\bleast[- ](?:studied|researched|investigated)\b|\b(?:the )?least (?:research|study)"
        r"(?: attention| interest)?\b",
        "not the most researched",
    ),
    (
        r"\b(?:largest|biggest|greatest|most extensive|richest) (?:research )?literature\b|"
        r"\b(?:largest|biggest|greatest|most extensive|richest) (?:body|amount|volume) "
        r"of (?:published )?(?:[\w-]+ )?(?:research|studies|evidence|literature)\b",
        "the most researched",
    ),
    # "the main way", "the commonest route": the most common one
    (r"\b(?:main|commonest|predominant|usual) (?:way|route|method)\b", "most common route"),
    # ranking verbs
    (
        r"\b(?:outperform(?:s|ed|ing)?|beats?|beaten|beating|surpass(?:es|ed|ing)?|outdid|outdoes)\b",
        "is better than",
    ),
    (r"\bunderperform(?:s|ed)?\b", "is worse than"),
    (
        r"\b(?:came|comes|come) out (?:clearly |well |far |way |comfortably )?(?:ahead of|"
        r"on top of)\b(?![^.;]{0,40}\bon (?:cost|price|safety|convenience|tolerability)\b)",
        "is better than",
    ),
    # "IM works just like IV": a likeness of the two routes
    (
        r"\b(?:works|work|worked) (?:just |exactly |much )?like (?=(?:a |an |the )?(?:IV|IM|IN|"
        r"SC|intravenous|intramuscular|intranasal|nasal|oral|subcutaneous|infusions?|drips?|"
        r"shots?|injections?)\b)",
        "works as well as ",
    ),
    # "a clear advantage for IV over IM": a ranking of the two (a preference is not one:
    # "patients preferred IM over IV" says nothing of which works better)
    (
        r"\b(?:advantage|edge) (?:for|of|with) ((?:the |a |an )?[\w-]+) over\b",
        r"\1 is better than",
    ),
    # patients who "improved far more than" others: a ranking on the effect scale
    (
        r"\b(?:improved|improves|improve|recovered|responded) (?:far |much |a lot |significantly "
        r"|considerably |markedly )?(?:more|better) than\b",
        "were more effective than",
    ),
    (r"\bsuperior to\b", "better than"),
    (r"\binferior to\b", "worse than"),
    (r"\b(?:pricier|dearer)\b", "more expensive"),
    (r"\b(?:less|lower|smaller) risk\b", "safer"),
    (r"\bless risky\b", "safer"),
    (r"\b(?:more|higher|greater) risk\b", "riskier"),
    (r"\beasier to (?:give|use|administer)\b", "simpler to administer"),
    (r"\bhead[- ]to[- ]head\b", "head to head"),
    (r"\bharder to (?:give|use|administer)\b", "harder to administer"),
    (r"\b(?:more difficult|more complicated|more awkward)\b", "harder"),
    # "easier to tolerate" is tolerability, not how simply a dose is given
    (r"\b(?:easier|simpler) to (?:tolerate|bear|put up with)\b", "more tolerable"),
    (r"\b(?:harder|more difficult) to (?:tolerate|bear|put up with)\b", "less tolerable"),
    # "compared the spray directly with a drip" is a head-to-head comparison
    (
        r"\b(?:compared|compares|comparing|set|sets|setting|pitted|pits|pitting|tested|tests|"
        r"testing|put|puts) (?=(?:[\w-]+ ){1,5}?(?:directly|head to head) (?:with|to|against)\b)",
        "compared head to head ",
    ),
    # "compared it with saline, not with a drip", "used saline as its comparator, not an
    # infusion": what it was not compared with (not "used IM rather than a drip": a route)
    (
        r"\b(?:compared (?:it |them )?(?:with|against|to) (?:[\w-]+ ){0,2}?[\w-]+|used (?:saline|"
        r"placebo|a placebo|salt water|a dummy [\w-]+|a sham [\w-]+))"
        r"(?: as (?:its|the|a) (?:comparator|control))?,? (?:and |but )?(?:not|rather than) "
        r"(?:with |against |to )?"
        r"(?=(?:an? |the )?(?:[\w-]+ )?(?:drip|infusion|IV|intravenous|injection|spray)\b)",
        "did not compare with ",
    ),
    # "the spray trial went head to head against a drip": compared it with one
    (r"\b(?:went|go|goes|going) head to head (?=with|against)", "compared head to head "),
    # "costs patients more" is "costs more": the payer named between does not change it
    (
        rf"\b(?:cost|costs|costing) (?:{costs.PAYERS} )?"
        r"(?:(?:much|far|a lot|a bit|slightly|rather) )?(?P<more>more|less)\b",
        r"cost \g<more>",
    ),
    # equivalence
    (
        r"\b(?:neck and neck|level pegging|dead heat)\b",
        "were equally effective",
    ),
    (
        r"\b(?:how) well (?:they|it|the two|each|both|either) "
        r"(?:worked|works|work|did|performed)\b",
        "effectiveness",
    ),
    (r"\b(?:works?|worked|working) (?:just |equally |about )?as well as\b", "is as effective as"),
    (
        r"\b(?:did|does|do|performed|performs|fared|fares) (?:just |equally |about )?as well as\b",
        "is as effective as",
    ),
    (r"\b(?:just |equally )?as good as\b", "as effective as"),
    # efficacy in plain verbs: "rivals the drip", "lifts depression" (draftcheck/efficacy.py)
    *efficacy.RULES,
    (
        r"\b(?:did|do|does|work(?:s|ed)?|perform(?:s|ed)?|fared|fare) (?:equally|just as) well\b",
        "were equally effective",
    ),
    # relief compared: on the effect scale whatever the adjective
    (
        r"\b(?:greater|more|stronger|bigger|longer|longer-lasting|more lasting)"
        r"(?: and (?:greater|stronger|longer|longer-lasting|more lasting))? relief\b",
        "better relief",
    ),
    (
        r"\b(?:smaller|less|weaker|shorter|shorter-lasting)"
        r"(?: and (?:smaller|weaker|shorter|shorter-lasting))? relief\b",
        "worse relief",
    ),
    (r"\b(?:is |are )?equally (?:safe|risky) (?:as|to)\b", " as safe as"),
    (r"\bequally safe\b", "similar safety"),
    (r"\b(?:just )?as safe as\b", "similar safety as"),
    # synonyms of what claims say
    (r"\b(?:switched|turned|shut) off\b", "shut off"),
    (r"\b(?:straight away|right away|immediately|at once|in an instant)\b", "instantly"),
    (r"\bthe (?:moment|instant)\b", "instantly"),
    (r"\bstopped (?:quickly|instantly|fast)\b", "shut off instantly"),
    # "a drip can't be stopped halfway through", "an infusion can be stopped": an infusion's
    # stopping is its shut-off (the drip the subject: not "unlike a drip the spray can't")
    (
        r"\b((?:drip|infusion|pump)(?:,? once (?:it is |it's )?(?:started|running|going),?)? "
        r"(?:can(?:not|'t| not)?|could(?:n't| not)?) be) (?:stopped|halted)\b"
        r"(?: (?:halfway|partway|part-way|midway|early)(?: through)?)?",
        r"\1 shut off",
    ),
    # stopping, adjusting and controlling a dose (draftcheck/control.py)
    *control.RULES,
    # "you'll need someone to drive you home": arranging transport
    (
        r"\b(?:need|needs|have|has) (?:someone|somebody|a friend|a lift|an escort) to "
        r"(?:drive|take|get|bring) (?:you|them|him|her|patients) home\b",
        "need to arrange transport",
    ),
    # "every last drop is available to the body": it reaches the bloodstream (bioavailable),
    # which says nothing of the brain
    (
        r"\b(?:is|are) available to (?:the|your) body\b",
        "reaches the bloodstream",
    ),
    # "a precise, known dose every time": a dose whose size is known
    (
        r"\b(?:an? |the )?(?:(?:precise|exact|accurate|reliable),? )?known (?:dose|amount)\b",
        "a way to know the exact dose",
    ),
    # "every drop of the medicine": the entire dose
    (
        r"\b(?:every (?:last )?(?:drop|bit|milligram|molecule)|all) of "
        r"(?:the |your |her |his |an? )?(?:medicine|drug|dose|infusion)\b|"
        r"\bevery (?:last )?(?:drop|bit|milligram|molecule) of it\b",
        "the entire dose",
    ),
    (
        r"\b(?:ends? up|goes (?:straight )?(?:in)?to|lands? in)"
        r"(?= (?:the |your |her |his )?brain\b)",
        "reaches",
    ),
    # "pairing it with talk therapy", "makes the results better": psychotherapy improves outcomes
    (
        r"\b(?:talk(?:ing)? therapy|counsell?ing|therapy sessions?|a therapy session)\b",
        "psychotherapy",
    ),
    (
        r"\b((?:psycho)?therapy\b[^.;]{0,80}?)(?:(?:makes?|made) (?:the )?(?:results|outcomes?) "
        r"(?:so |much |far |a lot )*better|doubles? (?:your |the )?chances? of (?:recovery|"
        r"getting better))\b",
        r"\1improves outcomes",
    ),
    (
        r"\b(?:make|makes|made) (?:your |the |a )?heart (?:race|pound|beat faster)\b",
        "cause tachycardia",
    ),
    (r"\b(?:racing|pounding|rapid|fast) (?:heart ?beat|heart rate|heart|pulse)\b", "tachycardia"),
    (
        r"\b(?:send|sends|sent|set|sets) (?:your |the |a )?(?:heart|pulse) (?:racing|pounding)\b",
        "tachycardia",
    ),
    (
        r"\b(?:heart|pulse) (?:can |may |will |might |could )?(?:to )?"
        r"(?:race|races|raced|racing|pound|pounds|pounding)\b",
        "tachycardia",
    ),
    # how a dose reaches the blood (draftcheck/absorption.py)
    *absorption.RULES,
    # how long an infusion runs (draftcheck/durations.py)
    *durations.INFUSED_RULES,
    # when a dose starts to act, and how it peaks (draftcheck/onsets.py)
    *onsets.RULES,
    # street drugs: "cut with" is "adulterated with"
    (
        r"\b(?:cut|laced|bulked(?: up| out)?|padded(?: out)?|spiked) with\b",
        "adulterated with",
    ),
    # side effects, how well a route is tolerated, and oversight (draftcheck/tolerability.py)
    *tolerability.RULES,
    # how long effects last, and whether they were sustained (draftcheck/durations.py)
    *durations.RULES,
    (
        r"\b(?:medical|clinical|professional|a doctor's|doctors'|a clinician's) "
        r"(?:supervision|oversight|monitoring)\b",
        "professional oversight",
    ),
    (r"\b(?:randomly (?:assigned|allocated)|randomised|randomly divided)\b", "randomized"),
    # "hits at a wildly uneven pace": a highly variable rate
    (
        r"\b(?:a |an )?(?:wildly |very |highly |quite )?(?:uneven|erratic|unpredictable|"
        r"irregular|inconsistent|different) (?:paces?|rates?|speeds?)\b",
        "a highly variable rate",
    ),
    (
        r"\b(?:assigned|allocated)\b[\w ]{0,30}? (?:by chance|at random|by lot|"
        r"by (?:a )?coin toss)\b",
        "randomized",
    ),
    (
        r"\b(?:put|divided|split|sorted)\b[\w ]{0,20}? into (?:two |three |four )?"
        r"(?:groups|arms) (?:by chance|at random|by lot|by (?:a )?coin toss)\b",
        "randomized",
    ),
    (r"\bbreathing\b|(?<=press )respiration\b", "respiratory function"),  # "suppress respiration"
    # ("being sick", "puking", "sick to their stomach": British and lay vomiting)
    (
        r"\b(?:vomited|threw up|throws? up|throwing up|were sick|was sick|being sick|"
        r"puk(?:e|es|ed|ing)|(?:get|gets|got|getting) sick to (?:their|your|his|her|my) "
        r"stomachs?)\b",
        "vomiting",
    ),
    (r"\bdepressed (?:patients|people|adults)\b", "depression"),
    # a heart rate or blood pressure raised or lowered (draftcheck/vitals.py)
    *vitals.RULES,
    # a share of another route's price ranks the two (draftcheck/costs.py)
    *costs.RULES,
    *conversions.RULES,  # one route's dose converted into another's
    (r"\b(?:can|may) be given at home\b", "self-administer at home"),
    # patients who "use the spray at home" give it to themselves
    (
        r"\b(?:use|take|using|taking|give themselves|giving themselves)\b"
        r"(?= (?:[\w-]+ ){0,4}at home\b)",
        "self-administer",
    ),
    (r"\b(?:allow|allows|allowed|permit|permits|permitted)\b", "let"),
    (r"\b(?:hinges?|hinged|hinging) (?:up)?on\b", "depends on"),  # "doesn't hinge on the rate"
    (r"\bcarefully (?:chosen|selected|picked|vetted)\b", "carefully screened"),
    # a cannula is the catheter a drip runs through; feeling hemmed in is feeling restricted
    (r"\bcannulas?\b", "catheter"),
    # being "free to walk about" during a session is freedom to move; a way of having it
    # that "suits them better" is more convenient for them
    (r"\b(?:free|able) to (?:walk|move|get up)(?: about| around)?\b", "freedom to move"),
    (r"\b(?:suits?|suited) (?:them |patients |people |you |me )?better\b", "is more convenient"),
    (r"\b(?:confining|constraining|restricting|cramped|hemmed in|tied down)\b", "restrictive"),
    # how quickly a dose reaches the brain, and how steadily (draftcheck/onsets.py)
    *onsets.RATE_RULES,
)
