"""Scoring system events against gold events (the dev set's README, "Scoring").

A system event can match a gold event of the same sentence when their action spans overlap or
their types agree; pairs are made one-to-one, best first. Levels: trigger, typed (+event_type),
full (+actor and +target, lenient: equal normalised names or a shared 5-letter word stem)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"\w+", re.U)


@dataclass
class Sys:
    """An event for scoring: where it lies, what it is, who did it to whom, and its attributes."""

    doc_id: str
    sentence: tuple[int, int]  # char span of the sentence the event lies in
    start: int | None
    end: int | None
    event_type: str
    actor_norm: str | None
    actor_text: str | None
    target_norm: str | None
    target_text: str | None
    condition: str | None
    negated: bool
    modality: str
    date: str | None
    lang: str


@dataclass
class Gold(Sys):
    event_id: str = ""


def _stems(text: str | None) -> set[str]:
    return {w.lower()[:5] for w in WORD.findall(text or "") if len(w) >= 5}


def _names(norm: str | None) -> set[str]:
    return {x.strip().lower() for x in (norm or "").split("|") if x.strip()}


def same_party(s_norm, s_text, g_norm, g_text) -> bool:
    if not g_norm and not g_text:
        return not s_norm and not s_text
    if _names(s_norm) and _names(s_norm) == _names(g_norm):
        return True
    return bool(_stems(s_text) & _stems(g_text)) or bool(_stems(s_norm) & _stems(g_norm) and _names(s_norm) & _names(g_norm))


def _overlap(s: Sys, g: Gold) -> bool:
    return g.start is not None and s.start < g.end and g.start < s.end


def pair(system: list[Sys], gold: list[Gold]) -> list[tuple[Sys, Gold]]:
    """One-to-one pairs, best first: overlap+type > type > overlap; same document and sentence."""
    scored = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if s.doc_id != g.doc_id or not (g.sentence[0] <= s.start < g.sentence[1]):
                continue
            ov, ty = _overlap(s, g), s.event_type == g.event_type
            if not (ov or ty):
                continue
            full = same_party(s.actor_norm, s.actor_text, g.actor_norm, g.actor_text) and same_party(
                s.target_norm, s.target_text, g.target_norm, g.target_text)
            scored.append(((ov and ty) * 4 + ty * 2 + ov + full * 0.5, i, j))
    used_s, used_g, out = set(), set(), []
    for _, i, j in sorted(scored, reverse=True):
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        out.append((system[i], gold[j]))
    return out


@dataclass
class Scores:
    lang: str
    n_gold: int
    n_sys: int
    trigger: int = 0
    typed: int = 0
    full: int = 0
    cond_gold: int = 0
    cond_hit: int = 0
    cond_false: int = 0
    date_ok: int = 0
    neg_ok: int = 0
    mod_ok: int = 0
    unmatched_gold: list[Gold] = field(default_factory=list)
    unmatched_sys: list[Sys] = field(default_factory=list)
    mismatched: list[tuple[Sys, Gold]] = field(default_factory=list)  # same trigger, other type or parties
    # typed matches whose date, negation or modality differ: (attribute, system, gold)
    attribute_diffs: list[tuple[str, Sys, Gold]] = field(default_factory=list)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.n_sys if self.n_sys else 0.0
        r = tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _covers(sys_cond: str | None, gold_cond: str) -> bool:
    g = [w.lower() for w in WORD.findall(gold_cond)]
    s = {w.lower() for w in WORD.findall(sys_cond or "")}
    return bool(g) and sum(w in s for w in g) * 2 >= len(g)


def score(system: list[Sys], gold: list[Gold], lang: str) -> Scores:
    system = [s for s in system if s.lang == lang]
    gold = [g for g in gold if g.lang == lang]
    sc = Scores(lang, len(gold), len(system))
    pairs = pair(system, gold)
    matched_s = {id(s) for s, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for s, g in pairs:
        sc.trigger += 1
        if s.event_type == g.event_type:
            sc.typed += 1
            if same_party(s.actor_norm, s.actor_text, g.actor_norm, g.actor_text) and same_party(
                    s.target_norm, s.target_text, g.target_norm, g.target_text):
                sc.full += 1
            else:
                sc.mismatched.append((s, g))
            sc.date_ok += s.date == g.date
            sc.neg_ok += s.negated == g.negated
            sc.mod_ok += s.modality == g.modality
            sc.attribute_diffs += [(a, s, g) for a in ("date", "negated", "modality") if getattr(s, a) != getattr(g, a)]
        else:
            sc.mismatched.append((s, g))
        if s.condition and not g.condition:
            sc.cond_false += 1
    for g in gold:
        if g.condition:
            sc.cond_gold += 1
            match = next((s for s, gg in pairs if gg is g), None)
            if match is not None and _covers(match.condition, g.condition):
                sc.cond_hit += 1
    sc.cond_false += sum(1 for s in system if s.condition and id(s) not in matched_s)
    sc.unmatched_gold = [g for g in gold if id(g) not in matched_g]
    sc.unmatched_sys = [s for s in system if id(s) not in matched_s]
    return sc


def render(all_scores: list[Scores], details: bool = False) -> str:
    lines = [f"{'lang':<5}{'level':<9}{'P':>7}{'R':>7}{'F1':>7}   (gold / system)"]
    for sc in all_scores:
        for level, tp in (("trigger", sc.trigger), ("typed", sc.typed), ("full", sc.full)):
            p, r, f = sc.prf(tp)
            lines.append(f"{sc.lang:<5}{level:<9}{p:7.3f}{r:7.3f}{f:7.3f}   ({sc.n_gold} / {sc.n_sys})")
        cr = sc.cond_hit / sc.cond_gold if sc.cond_gold else 0.0
        t = sc.typed or 1
        lines.append(f"{sc.lang:<5}condition recall {cr:.3f} ({sc.cond_hit}/{sc.cond_gold}), false conditions {sc.cond_false}")
        lines.append(f"{sc.lang:<5}on typed matches: date {sc.date_ok / t:.3f}, negation {sc.neg_ok / t:.3f}, "
                     f"modality {sc.mod_ok / t:.3f}")
        if details:
            for g in sc.unmatched_gold:
                lines.append(f"    missed  {g.doc_id} {g.event_type:<9} {g.actor_norm} -> {g.target_norm}")
            for s in sc.unmatched_sys:
                lines.append(f"    extra   {s.doc_id} {s.event_type:<9} {s.actor_norm} -> {s.target_norm}")
            for s, g in sc.mismatched:
                lines.append(f"    differs {g.doc_id} gold {g.event_type:<9} {g.actor_norm} -> {g.target_norm}  |  "
                             f"system {s.event_type} {s.actor_norm} -> {s.target_norm}")
            for a, s, g in sc.attribute_diffs:
                lines.append(f"    {a:<9}{g.doc_id} {g.event_type:<9} {g.actor_norm} -> {g.target_norm}: "
                             f"gold {getattr(g, a)}, system {getattr(s, a)}")
    return "\n".join(lines)
