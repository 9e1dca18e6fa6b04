"""Writers' wordings of how a dose reaches the blood, as `wordings` rules: absorption, the
lining of the nose, the liver's first pass and bioavailability. Kept apart from `wordings`
for size; `wordings.RULES` holds them in place, as order matters."""

from __future__ import annotations

from . import metabolites, sprays

__all__ = ["RULES"]

# the lining of the nose, in a writer's words
_NASAL_LINING = (
    r"(?:(?:the |your )?(?:nasal|nose's) (?:lining|membranes?|mucosa)|"
    r"(?:the |your )?(?:absorptive |inner )?(?:lining|membranes?|mucosa) of (?:the |your )?nose|"
    # "never reaches the lining where it can soak in": the nose's, said of a spray
    r"(?:the |your )?lining(?= where (?:it|they) (?:can|could) (?:soak in|be absorbed|get "
    r"absorbed)))\b"
)
# a dose that "passes", "goes" or "travels" through the liver
_THROUGH_THE_LIVER = r"(?:passes|pass|passed|goes|went|travels|travel) through (?:your |the )?liver"
# what reaches the blood, and the blood it reaches
_REACHES = (
    r"(?:reach(?:es|ing)?|gets? (?:into|to)|got (?:into|to)|enters?|entering|"
    r"makes? it (?:into|to)|made it (?:into|to)|finds? (?:its|their) way (?:into|to)|ends? up in)"
)
_THE_BLOOD = r"(?:blood ?stream|blood|circulation|system)\b"
# "..., but the liver then breaks down most of it": absorbed from the gut, lost after it
_THEN_THE_LIVER = r"(?![^.;]{0,80}\b(?:but|yet|only to|then)\b[^.;]{0,60}\bliver\b)"
# (pattern, replacement), applied in order, case-insensitively, after the rules before
# them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "the dose actually received is uncertain": no way to know it
    (
        r"\bthe (?:dose|amount)(?: (?:actually|really))? (?:received|absorbed|delivered|taken in) "
        r"(?:is|remains) (?:uncertain|unknown|not known|unclear|anyone's guess|a guess)\b",
        "there is no way to know the dose actually absorbed",
    ),
    # "leftover drug keeps seeping into the blood for hours": a depot, still being absorbed
    (
        r"\b(?:keeps?|kept|keeping|goes on|went on|carries on|carried on) (?:seeping|trickling|"
        r"leaking|soaking|draining|being absorbed)(?: out)?(?: (?:of|from) (?:the )?(?:muscle|"
        r"tissue))? (?:into|to) (?:the |your )?(?:blood ?stream|blood|circulation|system)\b",
        "keeps being absorbed slowly",
    ),
    *sprays.RULES,  # how much each puff of a spray delivers
    # a spray that "loses most of each puff before it reaches the lining" fails to reach it
    (
        r"\b(?:lose|loses|lost|losing)\b([^.;]{0,40}?) before (?:it|they) (?:ever |even )?"
        r"(?:gets? to|reach(?:es)?|makes? it to) (?=(?:the |your )?(?:lining|membranes?|mucosa|"
        r"nasal|part of (?:the |your )?nose))",
        r"\1 fails to reach ",
    ),
    # "almost the whole dose makes it into the bloodstream": well absorbed, near wholly (before
    # "nearly all" is read as "most", below)
    (
        r"\b(?:almost|nearly|virtually|practically) (?:the whole|the entire|all(?: of)?(?: the| a|"
        r" an| each)?) (?:[\w-]+ ){0,3}?(?:dose|capsule|tablet|pill|drug)s? (?:(?:makes? it|gets?|"
        r"goes|finds? its way) (?:into|to) (?:the |your )?(?:blood ?stream|blood|circulation|"
        r"system)|(?:gets?|is|are) absorbed)\b",
        "is not poorly absorbed",
    ),
    (
        r"\b(?:gets?|puts?|delivers?) (?:almost|nearly|virtually|practically) (?:the whole|"
        r"the entire|all(?: of)? the) (?:dose|drug) into (?:the |your )?(?:blood ?stream|blood|"
        r"circulation|system)\b",
        "is not poorly absorbed",
    ),
    # "lands in the bloodstream in full", "the whole dose is in his system"
    (
        r"\b(?:lands?|arrives?|ends? up|is|goes) (?:straight )?(?:in|into) (?:the |your |his |her |"
        r"their )?(?:blood ?stream|blood|circulation|system) in full\b|\b(?:the whole|the entire|"
        r"all of the) dose (?:is in|ends up in|reaches|enters|gets into) (?:the |your |his |her |"
        r"their |my )?"
        r"(?:blood ?stream|blood|circulation|system)\b",
        "has 100 % bioavailability",
    ),
    # "a drip gets the whole dose into your blood" (or does not): the whole dose is bioavailable
    (
        r"\b(?:gets?|delivers?|puts?) (?:(?:the whole|the entire|the full|all(?: of)? the) "
        r"(?:dose|drug)|all of it) (?:straight |directly )?(?:into|to) "
        r"(?:the |your |my |his |her )?(?:blood ?stream|blood|circulation|system|body)\b",
        "has 100 % bioavailability",
    ),
    # "the shot gets about 70% of the dose into your blood": its bioavailability
    (
        r"\b(?:gets?|puts?|delivers?) ((?:about |around |roughly |nearly |only |just |some |"
        r"approximately )?\d[\d.]*\s?(?:%|per ?cent)) of (?:the |a |each |its )?(?:dose|drug) into "
        r"(?:the |your )?(?:blood ?stream|blood|circulation)\b",
        r"has a bioavailability of \1",
    ),
    # "pretty much all of it gets through into your blood": nearly all of it is bioavailable
    (
        r"\b(?:pretty much|nearly|almost|virtually|practically) all of (?:it|the dose|the drug) "
        rf"(?:gets?|goes|makes it) (?:through )?(?:into|to) (?:the |your )?{_THE_BLOOD}"
        + _THEN_THE_LIVER,
        "has high bioavailability",
    ),
    # "only about 60 % of the dose is absorbed", "5 % of a tablet reaches the blood": its
    # bioavailability
    (
        r"\b((?:about |around |roughly |nearly |only |just |some |approximately )?\d[\d.]*\s?"
        r"(?:%|per ?cent)) of (?:it|(?:the |a |an |each |its )?(?:[\w-]+ )?(?:dose|drug|tablet|"
        r"pill|spray|shot|jab|injection)s?) (?:(?:is|gets|was) (?:actually |ever )?absorbed\b|"
        rf"(?:actually |ever )?{_REACHES} (?:the |your )?{_THE_BLOOD})",
        r"the bioavailability is \1",
    ),
    # "the liver barely touches it", "the gut and liver hardly break it down": well absorbed
    # (in the claim's words: "poorly absorbed" becomes "low bioavailability" further down)
    (
        r"\b(?:the |your )?(?:liver|gut)(?: and (?:the )?(?:liver|gut))? (?:barely|hardly|"
        r"scarcely) (?:touch(?:es)? (?:it|ketamine|the drug|(?:an?|the) (?:swallowed |oral |"
        r"tablet )?dose)|breaks? (?:it|ketamine|the drug) "
        r"down|breaks? down (?:it|ketamine))\b",
        "it does not have low bioavailability",
    ),
    # "loses a good chunk of the dose before it reaches your bloodstream": not all of it is
    (
        r"\b(?:loses?|lost|losing) (?:a (?:good |big |large |fair )?(?:chunk|share|part|bit|"
        r"portion|fraction)|some|much|most|part|a lot) of (?:it|the dose|the drug) "
        rf"before (?:it )?{_REACHES} (?:the |your )?{_THE_BLOOD}",
        "does not have 100 % bioavailability",
    ),
    # "loses relatively little to the liver", "the liver leaves most of it alone", "mostly
    # absorbed intact": well absorbed
    (
        r"\b(?:lose|loses|lost|losing) (?:relatively |very |only )?(?:little|hardly any(?:thing)?|"
        r"next to nothing) (?:of (?:it|the dose) )?(?:to|in) (?:the |your )?liver\b|"
        # "..., with hardly any lost to the liver"
        r"\b(?:hardly|barely|scarcely) any(?:thing)? (?:of it )?(?:is )?lost (?:to|in) "
        r"(?:the |your )?liver\b|"
        r"\b(?:mostly|largely|mainly|almost entirely) absorbed intact\b",
        "is not poorly absorbed",
    ),
    (
        r"\bliver (?:leaves|spares) (?:most|much|nearly all|almost all) of (?:it|the dose) alone\b",
        "dose goes without first-pass metabolism",
    ),
    # "none of it is lost before it reaches the blood": no first pass
    (
        r"\b(?:nothing|none(?: of it| of the dose)?) (?:is |gets )?(?:lost|wasted|broken down|"
        r"metaboli[sz]ed) before (?:it )?(?:reaches|reaching|gets into|enters) "
        r"(?:the |your )?(?:blood ?stream|blood|circulation)\b",
        "goes without first-pass metabolism",
    ),
    # "with nothing lost along the way": the whole dose kept, which negates nothing
    (
        r"\b(?:with )?(?:nothing|none of it|none of the dose|none(?= (?:is|gets|was) )) "
        r"(?:is |gets |was |being )?(?:lost|wasted)"
        r"(?: along the way| on the way(?: in)?)?(?! (?:to|in|by) )",  # not "lost to the liver"
        "fully retained",
    ),
    # "absorbed really well" denies a low bioavailability (before "poorly absorbed")
    # "almost fully absorbed" is well absorbed, not wholly (before the rule for "fully")
    (
        r"\b(?:almost|nearly|virtually|practically) (?:fully|completely|entirely|totally) "
        r"(?:absorbed|available|bioavailable)\b",
        "not poorly absorbed",
    ),
    # "gets into your blood almost completely": well absorbed
    (
        r"\b(?:gets?|goes|makes it) into (?:the |your )?(?:blood ?stream|blood|circulation) "
        r"(?:(?:almost|nearly|virtually|practically) (?:completely|entirely|fully|in full)|"
        r"(?:just |perfectly |really |very )?(?:fine|well))\b"  # "gets into the blood just fine"
        + _THEN_THE_LIVER,
        "is not poorly absorbed",
    ),
    # "it passes the liver almost untouched" ("untouched" is read as "not affected" before),
    # "hardly gets touched by the liver",
    # "little of a swallowed dose is lost on its first pass": well absorbed
    (
        r"\b(?:pass(?:es)?|goes|gets?|slips?|sails?) (?:through |by |past )?(?:the |your )?liver "
        r"(?:almost |nearly |largely |mostly |virtually |more or less )?not affected|"
        r"\b(?:hardly|barely|scarcely) (?:gets? |is )?touched by (?:the |your )?liver|"
        r"\b(?:little|hardly any|very little) of (?:it|the|a|an) (?:[\w-]+ )?(?:dose )?(?:is|gets) "
        r"lost (?:on|in|to|during) (?:its |the )?(?:first[- ]pass|liver)",
        "is not poorly absorbed",
    ),
    # "mostly escapes breakdown by the liver", "very little is lost on the way through the gut
    # and liver", "gets most of the dose past the liver intact": well absorbed
    # (said of a swallowed dose, and not "very little escapes breakdown", "rarely escapes";
    # "escapes first-pass metabolism" is the claims' own wording of a route with none)
    (
        r"(?<!little )(?<!fraction of )"
        r"\b((?:swallow\w*|oral(?:ly)?|tablets?|pills?|by mouth)\b[^.;]{0,60}?)"
        r"(?<!little )(?<!rarely )(?<!seldom )(?<!never )(?<!only )(?<!fraction )"
        r"(?:(?:mostly |largely |mainly )?escapes? (?:being broken down|breakdown)(?: (?:by|in|"
        r"through) (?:the )?(?:gut and |gut or )?(?:the )?liver)?|"
        r"(?:very |relatively )?little (?:of it )?(?:is |gets )?lost (?:on the way |along the "
        r"way )?(?:through|in|to|by) (?:the )?(?:gut and |gut or )?(?:the )?liver\b|"
        r"(?:past|through) the liver (?:intact|unchanged)\b)",
        r"\1is not poorly absorbed",
    ),
    # "a swallowed dose isn't heavily lost in the liver", "swallowing it is super efficient,
    # barely any gets lost": well absorbed
    (
        r"\b((?:swallow\w*|oral(?:ly)?|tablets?|pills?|by mouth)\b"
        r"(?:(?!\b(?:iv|drip|infusion|vein|intravenous|line|jab|shot|spray|nasal|muscle|but)\b)"
        r"[^.;,]){0,60}?)"
        r"(?:(?:is|are|'s)(?: not|n't) (?:heavily|much|greatly|badly|largely|mostly) lost\b|"
        r"(?:is|'s|are) (?:actually )?(?:super |very |really |highly |remarkably )?"
        r"efficient\b(?! at| way)|(?:barely|hardly|scarcely) any (?:of it )?(?:gets |is )?lost\b)",
        r"\1is not poorly absorbed",
    ),
    # "gets nearly as much of the drug into your blood as a drip does", "gets the medicine
    # into your bloodstream about as well as the drip": well absorbed, the drip its yardstick
    (
        r"\b(?:gets?|puts?|delivers?) (?:almost|nearly|about|just|every bit|roughly) as much "
        r"(?:[\w-]+ ){0,4}?(?:into|to) (?:the |your )?(?:blood ?stream|blood|circulation|"
        r"system) as\b|"
        r"\b(?:gets?|puts?|delivers?) (?:[\w-]+ ){1,3}?(?:into|to) (?:the |your )?"
        r"(?:blood ?stream|blood|circulation|system) (?:almost|nearly|about|just|every bit|"
        r"roughly) as (?:well|efficiently|effectively|completely|fully) as\b",
        "is not poorly absorbed, like",
    ),
    # "absorbed almost as completely as a drip": well absorbed
    (
        r"\b(?:absorbed|taken up) (?:almost|nearly|just|every bit) as "
        r"(?:completely|fully|well) as\b",
        "not poorly absorbed, like",
    ),
    (
        r"\b(?:absorbed well|absorbed really well|absorbed very well|absorbed quite well|"
        r"absorbed rather well|absorbed fairly well|absorbed reasonably well|"
        r"absorbed perfectly well|well absorbed|readily absorbed)\b",
        "not poorly absorbed",
    ),
    (r"\b(?:poorly|badly|barely) absorbed\b", "has low bioavailability"),
    # taken up through the lining of the nose: absorbed through the nasal membrane
    (
        r"\b(?:soaks?|soaked|soaking) in(?:to)? (?:through )?(?=" + _NASAL_LINING + ")",
        "is absorbed through ",
    ),
    (
        r"\b(?:taken up|soaked up|absorbed) (?:through|across|by|into) " + _NASAL_LINING,
        "absorbed through the nasal membrane",
    ),
    (
        r"\b(?:crosses|cross|crossed|crossing|passes through|pass through|gets through|"
        r"get through|goes through|go through) " + _NASAL_LINING,
        "is absorbed through the nasal membrane",
    ),
    # "hardly any of the spray misses the lining": most of it does not fail to reach it
    (
        r"\b(?:hardly any|barely any|very little|almost none|next to none|none)\b"
        r"(?=[^.;]{0,40}?\bmiss(?:es|ed)? )",
        "not most",
    ),
    # "never gets to the lining of the nose": fails to reach the nasal membrane
    (
        r"\b(?:never|does not|doesn't|do not|don't) (?:even |actually |ever )?(?:reach|reaches|"
        r"gets? to|makes? it to) (?=" + _NASAL_LINING + r")|\b(?:miss|misses|missed|missing) "
        r"(?=" + _NASAL_LINING + ")",
        "fails to reach ",
    ),
    (_NASAL_LINING, "the nasal membrane"),
    (r"\b(?:nearly|almost|virtually|practically|essentially) all\b", "most"),
    *metabolites.RULES,
    # "where you inject makes zero difference": absorption does not depend on the site
    (
        r"\b(?:where|which muscle|the (?:injection )?site(?: where)?) (?:you |we |they |it is |"
        r"it's )?(?:inject(?:ed)?|put it|give it|given)(?: it)? (?:makes?|made) (?:no|zero|little|"
        r"not much|no real) difference\b"
        # (to how fast it gets in, not "to the pain of the jab")
        r"(?! to (?!how (?:fast|quickly|soon|well)|(?:the )?(?:absorption|uptake|speed|onset)\b))",
        "how fast it is absorbed does not depend on where it is injected",
    ),
    (r"\b(?:soaks?|soaked|soaking) (?:it |them )?up\b", "absorbs"),
    # "loses a chunk of the dose in the liver": part of it lost to first-pass metabolism
    (
        r"\b(?:loses|lose|losing) (?:a (?:chunk|share|lot|fraction|portion|good part|big part)|"
        r"some|much|most|part) of (?:the |its |each |a )?dose (?:in|to) the liver\b",
        "loses part of the dose to first-pass metabolism",
    ),
    # a share removed before the blood is first-pass loss; a share that gets there is
    # bioavailability (this rule must run before the one for what reaches the blood, below)
    (
        r"\b(?:metaboli[sz]ed|broken down|lost|removed|cleared|filtered(?: out)?|mopped up|"
        r"inactivated|processed|destroyed|eliminated|chewed up) (?:by the liver )?"
        r"(?:before (?:reaching|it (?:ever |even )?(?:reaches|gets into)|getting into|"
        r"entering) (?:the|your|his|her|their) (?:blood ?stream|blood|circulation)|"
        r"(?:by|in) the liver)\b",
        "lost to first-pass metabolism",
    ),
    # "barely any of a swallowed dose gets broken down by the liver": well absorbed
    (
        r"\b(?:barely any|hardly any|very little|almost none|next to none|virtually none|"
        r"next to nothing|almost nothing)(?: of (?:it|(?:an? |the |each )?(?:[\w-]+ ){0,2}?"
        r"dose))? (?:is |gets |was )?lost to first-pass metabolism",
        "the dose is not mostly lost to first-pass metabolism",
    ),
    # escaping the liver's first pass is doing without it ("avoids first-pass metabolism",
    # "... first pass, while what crosses the lining avoids it")
    (
        r"\b(?:avoids|avoid|avoided|avoiding|bypasses|bypass|bypassed|bypassing|escapes|escape|"
        r"escaping|dodges|dodge|dodged|"
        r"escaped|skips|skip|skipped|skipping) "
        r"(?:(?:the |a |any )?(?:liver's |hepatic )?first[- ]pass|"
        r"(?:the |your )?liver|hepatic metabolism|(?:the )?liver's metabolism)\b",
        "without first-pass",
    ),
    (
        r"(\bfirst[- ]pass\b[^.;]{0,80}?)\b"
        r"(?:avoids|avoid|bypasses|bypass|escapes|escape|skips|skip) (?:it|that step|this step)\b",
        r"\1without it",
    ),
    # "more hassle to give than a drip", "more demanding to give": harder
    (
        r"\b(?:more (?:of a )?hassle|a bigger hassle|a greater hassle|more of a chore|"
        r"more (?:demanding|fiddly|awkward|cumbersome|laborious)|trickier|fiddlier)\b",
        "harder",
    ),
    # "tablets lose about 40 % of the dose to (or in) the liver": to first-pass metabolism
    (
        r"(\b(?:lose|loses|lost|losing)\b[^.;]{0,50}?) to (?:the |your )?liver\b|"
        r"(\b(?:lose|loses|lost|losing) (?:most|much|all|some|part|half|a share|nearly all) of "
        r"(?:their|its|the|each|a) (?:[\w-]+ )?(?:ketamine|dose|drug)) in (?:the |your )?liver\b",
        r"\1\2 to first-pass metabolism",
    ),
    # "gets about three-quarters of the dose into your blood": that share is bioavailable
    (
        r"\b(?:gets?|delivers?|puts?) ((?:only |just )?(?:about |around |roughly |somewhere )?"
        r"(?:between )?[\w-]+(?: [\w-]+){0,4} of (?:the|its|each) (?:dose|drug|ketamine|medicine)) "
        r"(?:into|to) (?:the|your|my|his|her|their) (?:blood ?stream|blood|circulation|system)\b",
        r"has \1 bioavailability",
    ),
    # "available to your body" is bioavailable
    (r"\bavailable to (?:the|your) (?:body|system)\b", "bioavailable"),
    # "has to get past the liver", "hepatic extraction": a first pass (each its own rule: a
    # rule opening on a list of words is tried only where one of them is written)
    (
        r"\b(?:has|have|had|needs?)(?: still)? to (?:(?:get|go|pass) (?:past|through)|survive|"
        r"clear) (?:the |your )?liver\b",
        "goes through first-pass metabolism",
    ),
    (
        r"\bmust (?:still )?(?:(?:get|go|pass) (?:past|through)|clear) (?:the |your )?liver\b",
        "goes through first-pass metabolism",
    ),
    (r"\bhepatic extraction\b", "first-pass metabolism"),
    (r"\bruns? the gauntlet of (?:the |your )?liver\b", "goes through first-pass metabolism"),
    # "absorbed almost completely", "the body soaks up nearly all of a dose": well absorbed
    (
        r"\b(?:absorbed|absorbs|soaked up|taken up) (?:almost|nearly|virtually) "
        r"(?:completely|fully|entirely|in full)\b|\bgets? (?:most|much|nearly all|almost all) of "
        r"(?:its|the|their) (?:ketamine|dose|drug) past (?:the |your )?liver\b",
        "does not have low bioavailability",  # (in the claim's words: "poorly" is read by now)
    ),
    (
        r"\b(?:soaks? up|absorbs?|absorb) (?:(?:almost|nearly|virtually) all|most) of "
        r"(?=(?:a |the |each )?(?:swallowed |oral )?(?:ketamine )?(?:dose|tablet|pill)\b)"
        + _THEN_THE_LIVER,
        "is not poorly absorbed: ",
    ),
    # "an oral dose reaches the circulation almost intact", "most of a swallowed dose gets
    # through": well absorbed
    (
        rf"\b{_REACHES} (?:the |your )?{_THE_BLOOD} (?:almost|nearly|largely|virtually|mostly) "
        r"(?:intact|unchanged|untouched)\b|\b(?:most|nearly all|almost all) of (?:a|the|each|an) "
        r"(?:swallowed |oral )?(?:ketamine )?(?:dose|tablet|pill) (?:gets|makes it|goes) through\b"
        # ("...gets through the liver untouched": that it is untouched is the same fact)
        r"(?: (?:the |your )?liver (?:untouched|intact|unchanged|unscathed|not affected)\b)?"
        + _THEN_THE_LIVER,
        "does not have low bioavailability",
    ),
    # "goes through the liver first": through first-pass metabolism
    (
        r"\bthrough (?:your |the )?liver (?:first|before)\b|\bto (?:your |the )?liver first\b",
        "through first-pass metabolism",
    ),
    # "passes through the liver intact" escapes it
    (
        r"\b(?:passes|pass|passed|passing|goes|went|gets|get|got) (?:through|past) (?:your |the )?"
        r"liver (?:largely |mostly |almost |essentially |virtually )?(?:intact|unchanged|"
        r"untouched|unscathed|unaltered)\b",
        "goes without first-pass metabolism",
    ),
    # a dose that "still passes through the liver", or does so "like a tablet", or is "subject
    # to" its first pass, has one (not what the liver clears later, after circulating)
    (r"\bstill " + _THROUGH_THE_LIVER + r"\b", "still goes through first-pass metabolism"),
    (
        r"\b" + _THROUGH_THE_LIVER + r"(?= (?:just |much )?like\b)",
        "goes through first-pass metabolism",
    ),
    (
        r"\b(?:subject to|subjected to|undergoes|undergo|goes through) (?:the )?"
        r"(?:hepatic |liver's |liver )?first[- ]pass(?: metabolism| effect)?\b",
        "goes through first-pass metabolism",
    ),
    (
        # ("the liver reportedly breaks down", "the liver then destroys")
        # (not "barely", "only": they deny it)
        r"\bliver (?:reportedly |apparently |probably |likely |usually |typically |normally |"
        r"generally |largely |mostly |partly |quickly |rapidly |efficiently |then |also |still )?"
        r"(?:breaks|broke|destroys|destroyed|metaboli[sz]es|metaboli[sz]ed|chews? up|"
        r"chewed up|gobbles? up|gobbled up|"
        r"removes|removed|inactivates|inactivated|filters(?: out)?|filtered(?: out)?|"
        r"mops up|mopped up)\b",
        "first-pass metabolism",
    ),
    (
        r"\b(?:fully|completely|entirely|totally|wholly) (?:bio)?(?:available|absorbed)\b",
        "has 100 % bioavailability",
    ),
    # a bioavailability that "falls short of" a figure is below it
    (r"\b(?:falls?|fell|falling) short of\b", "is less than"),
    # "whatever the body breaks it down into": its metabolites ("breakdown products" are read
    # as metabolites above)
    (
        r"\b(?:what(?:ever)?|anything) the (?:body|liver) (?:breaks|broke|turns|converts) it "
        r"(?:down )?into\b",
        "its metabolites",
    ),
    (r"\b(?:unchanged|intact|unaltered|parent) (?=ketamine\b)", "unmetabolised "),
    # "is absorbed at around 90 %": its bioavailability is
    (
        r"\b(?:is|are|gets|get) absorbed at (?=(?:about |around |roughly |nearly |only |just |"
        r"approximately |close to )?\d)",
        "has a bioavailability of ",
    ),
    # "how much ketamine your body takes in": what is absorbed
    (
        r"\b(?:your|the|their|his|her|my) body (?:takes|took) in\b",
        "is absorbed",
    ),
    # "a share of the dose makes it into your circulation" (not "it all ends up in your blood")
    (
        r"((?:\bdose|\bper ?cent|%|\bnose|\btablet|\bpill)"
        r"(?: (?!before|after|until|once|when|it\b)[\w-]+){0,4}? )"
        + _REACHES
        + r" (?:your|his|her|their) "
        + _THE_BLOOD,
        r"\1bioavailability",
    ),
    (r"\b" + _REACHES + r" the " + _THE_BLOOD, "bioavailability"),
    # what the rules after "poorly absorbed" said well absorbed, in the claim's words (not
    # what the gut takes up, which the liver may lose: "the gut soaks up nearly all of it")
    (r"(?<!\bgut )\bis not poorly absorbed\b", "does not have low bioavailability"),
)
