"""General English news vocabulary that more than one package reads: the role nouns a person is
called by, month and day names, irregular past tenses. Lower case, dots removed; no corpus's
phrases (the actor rules in ``lib.actors.words`` and the event names in ``lib.framing.targets``)."""
from __future__ import annotations

ROLES = frozenset("""
president leader dictator autocrat strongman despot tyrant ruler premier chancellor minister
secretary director chief head chairman chairwoman chair chairperson governor senator congressman
congresswoman congressperson representative lawmaker legislator politician statesman stateswoman
mayor king queen prince princess emperor empress monarch pope ayatollah sultan emir sheikh
general commander admiral colonel major lieutenant captain sergeant marshal sheriff
ambassador envoy diplomat emissary consul spokesman spokeswoman spokesperson adviser advisor aide
counselor counsellor counsel attorney lawyer judge justice prosecutor magistrate solicitor
nominee candidate challenger incumbent frontrunner front-runner speaker whip
founder ceo executive boss owner billionaire millionaire magnate mogul tycoon oligarch
businessman businesswoman entrepreneur investor financier banker economist
host anchor commentator columnist pundit author writer journalist reporter editor publisher
activist official officer agent analyst expert professor scientist historian researcher
strategist pollster operative donor fundraiser lobbyist
ally rival critic opponent friend partner counterpart predecessor successor foe enemy adversary
populist nationalist demagogue hardliner hard-liner firebrand reformer revolutionary
conservative liberal progressive socialist communist fascist republican democrat independent
star actor actress singer rapper musician comedian athlete player coach quarterback champion
veteran soldier pilot
heir heiress son daughter wife husband father mother brother sister widow widower
pastor bishop cardinal rabbi imam cleric priest preacher evangelist
czar tsar deputy vice-president president-elect prime-minister
whistleblower defendant suspect convict killer murderer terrorist militant warlord gunman
liar crook thug bully madman maniac dotard puppet stooge traitor hero icon
associate confidant confidante loyalist crony protege protégé surrogate fixer consultant
staffer intern employee contractor
""".split())

MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""".split())

IRREGULAR_VERBS = frozenset("""
made met took gave went came saw won lost left led held sent spent built kept felt thought brought
bought ran began wrote spoke became chose drove flew grew knew threw wore hid fought sought taught
caught sat stood understood hit put set cut let quit read got paid sold heard meant struck swore
tore woke shook forgot forgave rose fell dealt slept
himself herself alone again
""".split())
