"""Who and whom: the argument finders of one sentence behind one ``Resolver``. Noun phrases as actors
(``phrases``, with ``coref`` for pronouns and role nouns), agents (``subjects``), targets among a
predicate's arguments (``targets``) and parties found elsewhere (``implied``); what the document makes
salient comes in as ``Salience``."""
from __future__ import annotations

from dataclasses import replace

from extractors.events.arg import (NP_SKIP, SUBJ, Arg, Salience, Scope,  # noqa: F401 (re-exported)
                                   join)
from extractors.events.implied import ImpliedParties
from extractors.events.lexicon import Lexicon
from extractors.events.phrases import NounPhrases
from extractors.events.subjects import Subjects
from extractors.events.targets import Targets
from extractors.events.tree import Tree
from extractors.records import Mention


def person_side_mentions(tree: Tree, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A sentence's country mentions that modify a person role noun ("the Iranian foreign minister")."""
    out = []
    for m in mentions:
        if m.actor_type != "COUNTRY":
            continue
        for w in m.word_ids:
            n = tree[w]
            head = tree.nodes.get(n.head)
            if head is not None and head.lemma in lex.bodies and head.deprel in ("nmod", "compound", "nmod:poss") \
                    and n.deprel in ("amod", "compound", "nmod:poss", "nmod"):
                n, head = head, tree.nodes.get(head.head)  # "the head of Turkey's foreign ministry": through the body
            if n.deprel in ("amod", "compound", "nmod:poss", "nmod") and head is not None \
                    and "PERSON" in lex.roles.get(head.lemma, ()) and head.upos == "NOUN":
                out.append(m)
                break
    return out


class Resolver:
    """Resolves the arguments of one sentence's predicates, with the document's earlier mentions
    (``history``) and what it makes salient."""

    def __init__(self, tree: Tree, mentions: list[Mention], history: list[Mention], lex: Lexicon,
                 salience: Salience = Salience()):
        scope = Scope(tree, mentions, history, lex, salience)
        self.scope, self.lex, self.mentions, self.by_word = scope, lex, scope.mentions, scope.by_word
        self.countries, self.speaker = salience.countries, salience.speaker
        self.last_actor, self.last_actor_recent = salience.last_actor, salience.last_actor_recent
        phrases = NounPhrases(scope)
        implied = ImpliedParties(scope, phrases)
        self.np, self.nationality_of, self.noun_agent = phrases.np, phrases.nationality, phrases.noun_agent
        self.subject, self.target = Subjects(scope, phrases).subject, Targets(scope, phrases).target
        self.between, self.has_partner, self.stranded_partner = implied.between, implied.has_partner, implied.stranded_partner
        self.object_owner, self.object_surface, self.mission_owner = implied.object_owner, implied.object_surface, implied.mission_owner
        self.deep_target, self.attacked_place, self.party_in = implied.deep_target, implied.attacked_place, implied.party_in
        self.owned_space = implied.owned_space
        self.judged_maker, self.maker = implied.judged_maker, implied.maker

    def with_speaker(self, speaker: Arg | None) -> Resolver:
        """The same sentence read with its speaker known (for "I" and "we")."""
        s = self.scope
        return Resolver(s.tree, s.mentions, s.history, s.lex, replace(s.seen, speaker=speaker))
