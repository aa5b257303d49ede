"""What the type model (:mod:`.model`) reads about a candidate event.

Sparse features (strings) — the rule reading (the sense's type, CAMEO code and
mode, the type after composition, the content's type), the trigger's lemma and
part of speech, its object, preposition, particle, infinitive and modifier
words, the verb that carries a noun, PETRARCH2's reading of the verb and its
object (:mod:`.petrarch`), the status, and what kind of entities the source
and target are — and one dense vector: word vectors scaled to unit length,
one block each of those the model was trained on (``DENSE_BLOCKS``; the
shipped model reads the trigger's lemma and its object's head; the others
were measured, docs/events.md "issue 14, evmodel").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Token

from ..text.syntax import OBJECTS, children, clause_subject, lemma
from .compose import main_content
from .lexicon import Lexicon
from .mention import EventMention
from .model import DEFAULT_BLOCKS
from .petrarch import verb_table
from .triggers import infinitives, modifier_words, object_words

#: length of one word vector of the md model
VECTOR_WIDTH = 300
#: the dense part's blocks, one word vector each (see :func:`mention_vector`)
DENSE_BLOCKS = ("trigger", "object", "subject", "governor", "context")
#: parts of speech whose words make the context block
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _object_head(m: EventMention) -> Token | None:
    """The head of what the trigger acts on: the verb's object, a noun's of-phrase or
    the carrier's object."""
    tok = m.token
    found = children(tok, OBJECTS)
    if found:
        return found[0]
    for c in tok.children:
        if c.dep_ == "prep":
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    for c in tok.children:
        if c.dep_ in {"xcomp", "ccomp"}:
            return c
    return None


def _entity_kinds(ids: list[str], labels: dict[str, str]) -> set[str]:
    return {labels.get(i, "?") for i in ids}


def mention_features(m: EventMention, lex: Lexicon, labels: dict[str, str] | None = None) -> list[str]:
    """The sparse features of a live mention (arguments and status filled in)."""
    tok = m.token
    lem = lemma(tok)
    pos = "N" if m.nominal else "V"
    sense = m.sense.type or "-"
    out = [f"rule={m.type}", f"sense={sense}", f"lemma={lem}", f"pos={pos}",
           f"lemma|rule={lem}|{m.type}", f"pos|rule={pos}|{m.type}", f"status={m.status}",
           f"status|rule={m.status}|{m.type}", f"dep={tok.dep_}", f"origin={m.sense.origin}"]
    if m.cameo:
        out.append(f"cameo={m.cameo[:3]}")
    if m.mode:
        out.append(f"mode={m.mode}")
    if m.converted:
        out.append(f"converted={sense}>{m.type}")
    content = main_content(m)
    if content is not None:
        out.append(f"content={content.type}")
        out.append(f"content|rule={content.type}|{m.type}")
        out.append(f"content_lemma={lemma(content.token)}")
    objects = sorted(object_words(tok)) if not m.nominal else []
    out += [f"obj={w}" for w in objects]
    out += [f"prep={c.lower_}" for c in tok.children if c.dep_ in {"prep", "agent", "dative"}]
    out += [f"prt={c.lower_}" for c in tok.children if c.dep_ == "prt"]
    out += [f"xcomp={lemma(c)}" for c in infinitives(tok)]
    if m.nominal:
        out += [f"mod={w}" for w in sorted(modifier_words(tok))]
        if m.carrier is not None:
            out.append(f"carrier={lemma(m.carrier)}")
            objects = sorted(object_words(m.carrier))
    reading = verb_table().reading(lem if not m.nominal else lemma(m.carrier) if m.carrier is not None
                                   else lem, objects + ([lem] if m.nominal else []))
    if reading is not None:
        group, code = reading
        ptype = verb_table().plover(code) or "none"
        out += [f"petrarch={ptype}", f"petrarch|rule={ptype}|{m.type}", f"pgroup={group}"]
    kinds = labels or {}
    out.append("source" if m.source else "no_source")
    out.append("target" if m.target else "no_target")
    out += [f"src={k}" for k in sorted(_entity_kinds(m.source, kinds))]
    out += [f"tgt={k}" for k in sorted(_entity_kinds(m.target, kinds))]
    return out


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else vec


def _governor(m: EventMention) -> Token | None:
    """The word the event's clause hangs on: a noun's carrier verb, else the head of the
    trigger ("vowed" of "vowed to retaliate", "said" of a reported clause)."""
    if m.nominal and m.carrier is not None:
        return m.carrier
    head = m.token.head
    return None if head.i == m.token.i else head


def _context_words(m: EventMention) -> list[str]:
    """The content words of the event's clause (the subtree of its clause verb), the
    trigger left out."""
    clause = m.clause or m.token
    return [lemma(t) for t in clause.subtree if t.pos_ in _CONTENT_POS and t.i != m.token.i]


def _word_vector(vocab, word: str | None) -> np.ndarray | None:
    if word and vocab.has_vector(word):
        return np.asarray(vocab.get_vector(word), dtype=np.float64)
    return None


def mention_vector(m: EventMention, blocks: Sequence[str] = DEFAULT_BLOCKS) -> np.ndarray:
    """Word vectors of unit length, one block of ``VECTOR_WIDTH`` per name in ``blocks``
    (``DENSE_BLOCKS``): the trigger's lemma, its object head, its clause's subject head,
    the word its clause hangs on, the mean of its clause's other content words (zeros
    where there is no such word or the spaCy model has no vectors)."""
    vocab = m.token.vocab
    out = np.zeros(len(blocks) * VECTOR_WIDTH, dtype=np.float64)
    if vocab.vectors.shape[1] != VECTOR_WIDTH:
        return out
    for k, name in enumerate(blocks):
        vec = _block_vector(m, name)
        if vec is not None:
            out[k * VECTOR_WIDTH:(k + 1) * VECTOR_WIDTH] = _unit(vec)
    return out


def _block_vector(m: EventMention, name: str) -> np.ndarray | None:
    """The word vector of one block (``DENSE_BLOCKS``), not yet of unit length."""
    vocab = m.token.vocab
    if name == "context":
        found = [v for w in _context_words(m) if (v := _word_vector(vocab, w)) is not None]
        return np.mean(found, axis=0) if found else None
    if name == "trigger":
        tok: Token | None = m.token
    elif name == "object":
        tok = _object_head(m)
    elif name == "subject":
        tok = clause_subject(m.clause or m.token)
    elif name == "governor":
        tok = _governor(m)
    else:
        raise ValueError(f"unknown word-vector block {name!r} (known: {', '.join(DENSE_BLOCKS)})")
    return _word_vector(vocab, lemma(tok)) if tok is not None else None


def retyped_cameo(m: EventMention, ptype: str, lex: Lexicon) -> str | None:
    """A CAMEO code for a mention the model gave another type: PETRARCH2's code for the
    verb when it has that type, else the type's most general code in the codebook."""
    reading = verb_table().reading(lemma(m.token), object_words(m.token))
    if reading is not None and verb_table().plover(reading[1]) == ptype:
        return reading[1]
    return lex.general_codes.get(ptype)
