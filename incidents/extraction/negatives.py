"""Sentences that talk about violence without reporting an event ACLED would code.

Threats, plans and forecasts; denials; counts of many past attacks; generic background
("has repeatedly targeted"); economic consequences. Each rule returns a short reason, so an
editor (or a test) can see why a sentence was skipped.
"""

from __future__ import annotations

import re

_I = re.I

# Looked for in the stretch of the sentence just before the trigger (same clause).
_MODAL = re.compile(
    r"\b(?:threat\w*|warn\w*|vow\w*|would|will|shall|plan\w*|intend\w*|could|might|(?-i:may)(?!\s+\d)|"
    r"due to|expected to|"
    r"is to|are to|promis\w*|pledg\w*|prepar\w* to|ready to|fears? (?:of|that)|for fear of|risk of|"
    r"call\w* for|urg\w*|demand\w*|aimed to|sought to|tried to|attempt\w* to|in response to|to avenge|"
    r"go after|retaliat\w*|get ready|if|ordered|order\w* to|allow\w*|"
    r"announc\w* (?:a|an|plans? for|new|further|more))\b",
    _I,
)
# "attacks would escalate", "strikes will continue": the event word is the subject of a forecast.
# "further fighting near the port is likely": a forecast too.
_MODAL_AFTER = re.compile(
    r"\w*(?:\s+[\w'’-]+){0,4}?\s+(?:would|will|could|might|shall|(?:is|are|remains?) (?:\w+ )?likely|"
    r"(?:is|are) (?:due|set|scheduled|expected) to)\b",
    _I,
)
_FUTURE = re.compile(r"\bin the (?:coming|next) (?:few )?(?:days|weeks|months)\b", _I)
# "Organisers of the protests ...": the protests are named as the organisers' cause, not told as held.
# "traders protesting against the grenade attack blocked the road": the attack is what they protest.
_PROTESTED = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ying)|march\w*|outrage|anger)\s+(?:against|over|at|about)\s+"
    r"(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
_OF_THE_EVENT = re.compile(r"\b(?:organi[sz]ers|leaders|wave|movement) of (?:the |these |those )?$", _I)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|dismissed|rejected)\b|\bno evidence\b", _I)
_REPEATED = re.compile(
    r"\b(?:repeatedly|routinely|regularly|frequently|often|continue to|continues to|"
    r"keep|keeps|has long|have long|for years|continue|continues|ongoing|still|rampant|"
    r"widespread|common|usually|similar|every (?:day|night|week|month|year|\w+day)|"
    # habits and alliances told as background: "raids have become an almost daily occurrence",
    # "forces that fought alongside the army during the war"
    r"(?:has|have) become|almost daily|fought alongside)\b",
    _I,
)
_AGGREGATE = re.compile(
    r"\b(?:thousands|hundreds|scores|dozens|series|wave|number)\s+of\s+(?:\w+\s+){0,2}"
    r"(?:attacks|air ?strikes|strikes|raids|missiles|rockets|killings|incidents|violations|bombings)\b|"
    r"\b(?:two|three|four|five|six|several|separate|multiple|a series of|a spate of)\s+(?:\w+\s+)?"
    r"(?:attacks|raids|strikes|air ?strikes|incidents|assaults)\b|"
    r"\b\d[\d,]*\s+(?:\w+\s+){0,2}(?:attacks|air ?strikes|strikes|raids|violations|"
    r"incidents|ceasefire violations)\b|"
    r"\bsome\s+\d[\d,]*\s+(?:\w+\s+){0,2}(?:missiles|rockets)\b|"
    r"\b(?:in|to|across) (?:several|many|various|other|\w+ different) (?:\w+ )?"
    r"(?:cities|towns|places|provinces|regions|areas)\b|"
    r"\b(?:during|over|in) the (?:reporting )?period\b|\b(?:days|weeks|months|years) of (?:[\w-]+\s+){0,2}"
    r"(?:protests|fighting|clashes|unrest|violence|war)\b|"
    r"\b(?:across|throughout) the (?:country|region|territory)\b|\bnationwide\b|\bin total\b|\bso far\b|"
    # "Five dead as protests turn chaotic in Nairobi, Kisumu and Mlolongo": a toll over three places
    r"\bin (?-i:[A-Z][\w-]+)(?:,\s+(?-i:[A-Z][\w-]+))+,?\s+and\s+(?-i:[A-Z][\w-]+)|"
    r"\b(?:operations|raids|strikes|attacks)\s+(?:\w+\s+){0,2}(?:across|throughout)\b|"
    r"(?-i:\b(?:across|throughout)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*(?=[\s,.;]|$))|"
    r"\bcivilian casualties\b|\brecord number\b|"
    # "The conflict has killed more than 6,000 people": a war's toll, not an event's.
    r"\b(?:conflict|war|insurgency|violence|crisis|fighting)\s+(?:\w+\s+){0,2}(?:has|have|had)\s+"
    r"(?:\w+\s+)?(?:killed|left|claimed|displaced)\b",
    _I,
)
_SINCE = re.compile(r"\bsince\b", _I)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ck|ht)\b", _I)
_ECONOMIC = re.compile(
    r"\b(?:oil production|barrels|per cent|percent|prices?|economy|economic|exports?|"
    r"inflation|market shares?|currency)\b",
    _I,
)
_REACTION = re.compile(
    r"\b(?:condemn\w*|investigat\w*|inquiry|deplor\w*|mourn\w*|funeral|commemorat\w*|"
    r"revived memories|remember\w*|anniversary|meeting|talks|visit\w*|describ\w*)\b",
    _I,
)
# "after rumours spread that he had come to abduct children": what a rumour says is no event (rules-1.3).
_RUMOUR = re.compile(r"\b(?:rumou?rs?|hoax(?:es)?|false (?:claims?|reports?))\b[^.;]{0,80}$", _I)
_HYPOTHETICAL = re.compile(r"\b(?:whether|mistaken|to wage|war on|would not|not return)\b", _I)


_PROTEST = re.compile(r"protest(?!ant)|demonstrat|rall|march", re.I)  # people protest about prices and pay
_CLAUSE_BREAK = re.compile(
    r"[;:]|, (?:and|but|while|as|which|who|citing|according to|adding|quoting)\b|\b(?:while|whereas|after)\b|"
    r",? when\b",
    re.I,
)


def negative_reason(sentence: str, trigger_offset: int) -> str | None:
    """Why the event told at `trigger_offset` in `sentence` is not one to code, or None if it is."""
    before = sentence[:trigger_offset]
    clause = re.split(r"[;:]|, (?:but|while|and)\b| but ", before)[-1]
    if _MODAL.search(clause[-70:]) or _MODAL_AFTER.match(sentence, trigger_offset):
        return "threat, plan or forecast"
    if _FUTURE.search(sentence, trigger_offset):
        return "threat, plan or forecast"
    if _PROTESTED.search(before[-80:]):
        return "what a protest is against"
    if _OF_THE_EVENT.search(clause):
        return "the event named as a cause"
    if _DENIAL.search(clause):
        return "denial"
    if _HYPOTHETICAL.search(clause):
        return "hypothesis"
    if _RUMOUR.search(before[-100:]):
        return "rumour"
    # Background and counts are judged in the trigger's own clause: a lead may list a fresh event beside
    # "seven weeks of unrest".
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, trigger_offset)]
    stop = _CLAUSE_BREAK.search(sentence, trigger_offset)
    own = sentence[(starts[-1] if starts else 0) : (stop.start() if stop else len(sentence))]
    if _REPEATED.search(own):
        return "repeated or generic background"
    if _AGGREGATE.search(own):
        return "aggregate count"
    since = _SINCE.search(sentence)
    if since and _PERFECT.search(sentence) and since.start() < trigger_offset + 60:
        return "aggregate since a date"
    # "Oil exports fell after the attack": a consequence stated before "after" is still about the trigger.
    consequence = sentence[before.rfind(";") + 1 : stop.start() if stop else len(sentence)]
    if _ECONOMIC.search(consequence) and not _PROTEST.search(sentence[trigger_offset : trigger_offset + 12]):
        return "economic consequence"
    return None


_PERIOD = re.compile(
    r"\b(?:in|during|over) the (?:first|past|last) (?:\w+ )?(?:days|weeks|months|years)\b|\bthis year\b|"
    r"\blast year\b|\bsince (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|the start|the beginning|\d{4})\b|\bin \d{4}\b",
    _I,
)
# rules-1.3: a past event named by its year ("the 2014 attack on a school"), a war's start ("began in late
# 2016"): background whose toll belongs to no event of the report.
_PAST_TOLL = re.compile(
    r"\bthe (?:19|20)\d\d\s+(?:[\w-]+\s+){0,2}(?:attacks?|massacres?|bombings?|war|conflict|uprising|siege|"
    r"coup|crackdown|killings?)\b|\b(?:began|started|erupted|broke out) in (?:(?:late|early|mid-)\s*)?"
    r"(?:\w+\s+)?(?:19|20)\d\d\b",
    _I,
)


def is_past_toll(sentence: str) -> bool:
    """Does the sentence tell an old event's or a whole war's toll ("the 2014 attack, in which 140 died")?"""
    return bool(_PAST_TOLL.search(sentence))


def is_aggregate(sentence: str) -> bool:
    """Does the sentence count over a period or many events ("3,600 killed this year")?"""
    return bool(_AGGREGATE.search(sentence) or _PERIOD.search(sentence))


def is_reaction(sentence: str, trigger_offset: int | None = None) -> bool:
    """Condemnations, inquiries, meetings and memories: about an event, never an event themselves.

    With `trigger_offset`, only a reaction word before the trigger counts ("condemned the attack").
    """
    end = len(sentence) if trigger_offset is None else trigger_offset
    return bool(_REACTION.search(sentence, 0, end))
