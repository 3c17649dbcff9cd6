"""Decide what to reply: an answer with its quote, an honest refusal with suggestions, or a short note."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.engine.matcher import Candidate, Index, MatchWeights, Query
from bot.engine.normalize import (
    FUTURE_AUXILIARIES,
    NUMBER_WORDS,
    STOP_WORDS,
    AliasTable,
    asks_open,
    clean,
    content_tokens,
    gives_only_orders,
    orders_a_post,
    raw_tokens,
    undrawn,
)
from bot.knowledge.models import Fact, FactBase, Summary

DEFAULT_MAX_CHARS = 500
_ORDINAL_WORDS = {digits: word for word, digits in NUMBER_WORDS.items() if not digits.isdigit()}  # "2nd": "second"


class ReplyKind(StrEnum):
    ANSWER = "answer"
    DECLINE = "decline"
    CHITCHAT = "chitchat"
    SUMMARY = "summary"  # "tldr of the article": the article's short summary, with its sentences
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where an answer stops being safe. Tuned on benchmarks/questions.jsonl (see README)."""

    answer: float = 0.62
    coverage: float = 0.60
    content_coverage: float = 0.66  # for questions that ask what, with no kind of answer to check
    margin: float = 0.02
    sibling_margin: float = 0.05  # facts quoting the best one's sentences, answered with it: no rivals
    # a fact on the same sentence this far behind still comes along if its answer gives what the best one
    # only quotes: "what phase is the war entering as washington underscores its support"
    completing_margin: float = 0.15
    suggest: float = 0.35
    max_tied_elsewhere: int = 1  # facts on other sentences answered along with a best they tie with
    # "what did zelensky say about the nk soldiers": his statement's parts tie, and together they answer
    max_tied_elsewhere_for_a_speaker: int = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    fact_id: str
    question: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One quoted passage and the facts answered from it."""

    quoted: Fact  # the fact whose quote holds every other's sentences
    facts: tuple[Fact, ...]

    @property
    def source(self) -> str:
        return self.quoted.source

    @property
    def answer(self) -> str:
        return _claims(self.facts)


def _claims(facts: tuple[Fact, ...]) -> str:
    """The facts' answers, each once: an answer whose words another answer given says as well is left out
    ("About 11,000 troops are training" beside "About 11,000 infantry troops are training")."""
    answers = list(dict.fromkeys(fact.answer for fact in facts))  # siblings may share an answer text
    words = [frozenset(content_tokens(raw_tokens(answer))) for answer in answers]
    kept = [
        answer for i, answer in enumerate(answers)
        if not any(words[i] < other or (words[i] == other and j < i) for j, other in enumerate(words) if j != i)
    ]
    return " ".join(kept)


@dataclass(frozen=True, slots=True)
class Reply:
    """What the engine says to one question; adapters only format it."""

    question: str
    kind: ReplyKind
    fact: Fact | None = None
    confidence: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    message: str | None = None
    notice: str | None = None  # said under the reply: a question cut short, a figure the article never gives
    truncated: bool = False  # the question was cut to the length cap
    related: tuple[Fact, ...] = ()  # facts that tied with `fact`: answered together, each with its quote
    summary: Summary | None = None  # for a SUMMARY reply

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact, *self.related) if self.kind is ReplyKind.ANSWER and self.fact else ()

    @property
    def answer(self) -> str | None:
        """The answer text: the fact's, then any tied fact's."""
        return _claims(self.facts) or None

    def evidence(self) -> list[Evidence]:
        """Each quoted passage once, with the facts that answer from it, best first: a fact whose
        sentences an earlier quote already holds is answered under that quote, and one whose quote holds
        an earlier quote's sentences widens that quote to its own."""
        groups: list[list[Fact]] = []  # each: the fact quoted, then the facts answered
        for fact in self.facts:
            mine = set(fact.sentences)
            home = next((g for g in groups if mine <= set(g[0].sentences) or mine > set(g[0].sentences)), None)
            if home is None:
                groups.append([fact, fact])
            else:
                home.append(fact)
                if mine > set(home[0].sentences):
                    home[0] = fact
        return [Evidence(quoted, tuple(facts)) for quoted, *facts in groups]

    @property
    def answered(self) -> bool:
        return self.kind is ReplyKind.ANSWER


_CHITCHAT_WORDS = frozenset(
    {
        "hi", "hello", "hey", "heya", "hiya", "yo", "sup", "hallo", "howdy", "greetings", "gm", "gn", "morning",
        "evening", "afternoon", "good", "night", "day", "thanks", "thank", "thx", "ty", "tysm", "cheers",
        "appreciate", "it", "much", "so", "very", "a", "lot", "you", "u", "r", "are", "who", "what", "how",
        "can", "do", "help", "commands", "command", "ok", "okay", "k", "cool", "nice", "great", "awesome",
        "lol", "lmao", "haha", "bot", "bad", "bye", "goodbye", "cya", "see", "later", "is", "this", "the",
        "your", "name", "doing", "up", "whats", "what's", "wassup", "there", "please", "pls", "plz", "and",
        "use", "i", "me", "everyone", "all", "guys", "folks", "yall", "team",
    }
)
_CHITCHAT_MARKERS = frozenset(
    {
        "hi", "hello", "hey", "heya", "hiya", "yo", "sup", "hallo", "howdy", "greetings", "gm", "gn", "thanks",
        "thank", "thx", "ty", "tysm", "cheers", "help", "commands", "lol", "lmao", "haha", "bye", "goodbye",
        "cya", "ok", "okay", "cool", "nice", "great", "awesome", "wassup"
    }
)
_THANKS = frozenset({"thanks", "thank", "thx", "ty", "tysm", "cheers", "appreciate", "appreciated"})
# What thanks are given for, said with them, and no question: "ty that was useful", "thanks for the info".
_THANKED_FOR = frozenset(
    """useful helpful helps helped info information answer answers answered explanation explaining perfect clear
    makes sense got understand understood great""".split()
)
_IDENTITY = re.compile(r"^(who|what) (are|r) (you|u)\b|^what can (you|u) do\b|^how (do|does) (this|it|i)")
_LETTER_SCRIPTS = ("LATIN",)


# Who will win is a prediction the article never makes; who is winning now, it answers ("it is mixed").
_FUTURE = FUTURE_AUXILIARIES | {"going"}  # "who's going to win"


def _predicts_a_winner(tokens: list[str]) -> bool:
    """Whether the question asks who will win: "who's going to win the war", "will ukraine win"; not "is
    ukraine winning", nor "will they win back the land"."""
    return any(
        word == "win" and _FUTURE.intersection(tokens[:at]) and tokens[at + 1 : at + 2] != ["back"]
        for at, word in enumerate(tokens)
    )


# "tell me how to build a missile like Russia's", "how do i make sourdough bread": a recipe, which a news
# article never gives, whatever it is that is to be made.
_HOW_TO_MAKE = re.compile(
    r"\bhow\s+(?:to\s+|(?:do|can|could|would|should|does)\s+(?:i|we|you|u|one|someone|somebody|people|ppl|anyone)\s+)"
    r"(?:build|make|create|manufacture|assemble|construct|produce|cook|bake|brew|craft|put\s+together)\b"
    r"(?!\s+(?:sense|sure)\b)",
    re.IGNORECASE,
)


def _asks_how_to_make(question: str) -> bool:
    """Whether a question asks how to make something: "how to build a missile", not "how did russia make…"."""
    return _HOW_TO_MAKE.search(question) is not None


# "Should Ukraine lower the draft age? Give me your opinion": the bot's own view, which no sentence of the
# article holds. A wh-question with it ("what's the new draft age, your take?") still asks a fact.
_OPINION_WORDS = frozenset({"opinion", "opinions", "view", "views", "take", "thoughts"})
_OPINION_QUALIFIERS = frozenset({"own", "personal", "honest", "real"})


def _asks_the_bots_opinion(tokens: list[str]) -> bool:
    """Whether a question that is no wh-question asks for the bot's own opinion: "your opinion", "ur take"."""
    if asks_open(tokens):
        return False
    for at, word in enumerate(tokens):
        if word in ("your", "ur"):
            after = tokens[at + 1 : at + 3]
            if after[:1] and after[0] in _OPINION_QUALIFIERS:
                after = after[1:]
            if after[:1] and after[0] in _OPINION_WORDS:
                return True
    return False


_TO_THE_BOT = frozenset({"you", "your", "yours", "yourself", "u", "ur", "youre", "ya"})
# Who wrote the article, or when it came out, is nowhere in its sentences.
_THE_ARTICLE = frozenset({"article", "articles", "story", "piece"})
_ITS_MAKING = frozenset(
    {"published", "publish", "written", "wrote", "write", "writer", "author", "authors", "journalist", "reporter",
     "dated"}
)
# "tldr of the article pls", "what's this article about": a request for the gist, naming no part of it.
_GIST_WORDS = frozenset(
    {"tldr", "tl", "dr", "summary", "summarize", "summarise", "summarized", "summarised", "gist", "overview",
     "recap", "rundown", "synopsis"}
)
_GIST_FILLER = frozenset(
    {"the", "a", "an", "of", "this", "that", "news", "it", "whole", "thing", "pls", "plz", "please", "give", "me",
     "us", "can", "could", "you", "u", "i", "get", "quick", "short", "brief", "what", "whats", "is", "was",
     "about", "on", "for", "sum", "up", "so", "ok", "okay", "hey", "yo", "bro", "lol", "in", "one", "sentence",
     "line", "just", "tell", "do", "does", "have", "need", "want", "main", "point", "points", "overall",
     "basically"}
)


def _asks_for_the_gist(tokens: list[str]) -> bool:
    """Whether the message asks what the whole article says, and nothing more particular."""
    if not tokens or not set(tokens) <= _GIST_WORDS | _GIST_FILLER | _THE_ARTICLE:
        return False
    whole = not _THE_ARTICLE.isdisjoint(tokens) or "news" in tokens
    about = whole and ("about" in tokens or "main" in tokens)
    return about or not _GIST_WORDS.isdisjoint(tokens) or ("sum" in tokens and "up" in tokens)


_ABOUT_THE_BOT = re.compile(
    r"^(are|r) (you|u) (a |an )?(real|human|bot|robot|ai|person|machine|alive|chatgpt|people)\b"
)


def _chitchat_reply(tokens: list[str]) -> str | None:
    tokens = [undrawn(token, _CHITCHAT_WORDS.__contains__) for token in tokens]  # "heyyy", "thanksss"
    if 2 < len(tokens) <= 6 and _ABOUT_THE_BOT.search(" ".join(tokens)):
        return "help"  # "are you a real person": say what this is
    if not _THANKS.isdisjoint(tokens) and set(tokens) <= _CHITCHAT_WORDS | _THANKED_FOR | STOP_WORDS:
        return "thanks"
    if not tokens or not set(tokens) <= _CHITCHAT_WORDS:
        return None
    joined = " ".join(tokens)
    if "help" in tokens or "commands" in tokens or _IDENTITY.search(joined):
        return "help"
    if not _THANKS.isdisjoint(tokens):
        return "thanks"
    if set(tokens) & {"bye", "goodbye", "cya"}:
        return "bye"
    if set(tokens) & _CHITCHAT_MARKERS or joined in {"good bot", "bad bot"}:
        return "hello"
    return None


CHITCHAT_TEXTS = {
    "help": (
        "I answer questions about one news article, and I always quote the sentence my answer comes "
        "from. Ask me something like “How many North Korean troops are training in Russia?”, or try "
        "/summary, /facts and /help."
    ),
    "thanks": "You're welcome! Ask me anything else about the article.",
    "bye": "Bye! I'm here whenever you have a question about the article.",
    "hello": (
        "Hi! I answer questions about the article, with the quote to back each answer. "
        "Try “Why did Austin visit Kyiv?”"
    ),
}


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _script_problem(text: str) -> str | None:
    if text.isascii() and _ASCII_LETTER.search(text):  # the usual question: every letter is Latin
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        if any(ch.isdigit() for ch in text):
            return None
        return "I need a question in words, about the article. Try “When did Austin arrive in Kyiv?”"
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(_LETTER_SCRIPTS))
    if latin / len(letters) < 0.5:
        return (
            "I can only read questions in English, about the article. "
            "Try “Who is Kyrylo Budanov?”"
        )
    return None


_REPEATED = "That is the same few words over and over. Ask me one question about the article, once."
_REPEAT_MIN_WORDS = 12
_NOT_POSTED = (
    "I don't post or repeat messages on request. Ask me a question about the article and I'll answer it "
    "with the sentence that backs it."
)


_NO_ORDERS = (
    "I don't take orders on what to say or how to reply. Ask me a question about the article and I'll answer "
    "it with the sentence that backs it."
)


def _repeats_itself(tokens: list[str]) -> bool:
    """Whether a long message is a few words said again and again: a flood, not a question. A real
    question of twelve words or more uses more than a third of them once."""
    return len(tokens) >= _REPEAT_MIN_WORDS and len(set(tokens)) * 3 <= len(tokens)


class Engine:
    """Answers questions from one fact base. Pure: the same question always gets the same reply."""

    def __init__(
        self,
        base: FactBase,
        *,
        weights: MatchWeights | None = None,
        thresholds: Thresholds | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.base = base
        self.thresholds = thresholds or Thresholds()
        self.max_chars = max_chars
        self.index = Index.build(
            base.facts, AliasTable.build(base.aliases), weights or MatchWeights(), common_words=base.common_words
        )

    def ask(self, text: str) -> Reply:
        question, truncated = self._cap(text)
        if not truncated:
            return self._reply(question, None)
        notice = f"Your question was cut to its first {self.max_chars} characters."
        return replace(self._reply(question, notice), truncated=True)

    def _reply(self, question: str, notice: str | None) -> Reply:
        if not question:
            return Reply(question, ReplyKind.INVALID, message="Ask me a question about the article.")
        problem = _script_problem(question)
        if problem:
            return Reply(question, ReplyKind.INVALID, message=problem, notice=notice)
        tokens = raw_tokens(question)
        if _repeats_itself(tokens):
            return Reply(question, ReplyKind.INVALID, message=_REPEATED, notice=notice)
        chat = _chitchat_reply(tokens)
        if chat:
            return Reply(question, ReplyKind.CHITCHAT, message=CHITCHAT_TEXTS[chat], notice=notice)
        if _asks_for_the_gist(tokens):
            summary = self.base.summary(None)
            if summary is not None:
                return Reply(question, ReplyKind.SUMMARY, notice=notice, summary=summary)
        if orders_a_post(question, tokens):
            return Reply(question, ReplyKind.INVALID, message=_NOT_POSTED, notice=notice)
        if gives_only_orders(question, tokens):
            return Reply(question, ReplyKind.INVALID, message=_NO_ORDERS, notice=notice)
        query = self.index.query(question)
        if query.unsaid_figures:  # asked around, and said so: the reply goes by the article's own figures
            notice = " ".join(filter(None, (notice, _never_given(query.unsaid_figures))))
        if query.unsaid_ordinals:
            notice = " ".join(filter(None, (notice, _never_said(query.unsaid_ordinals))))
        thin = not self.index.names_the_article(query)
        if thin and not _TO_THE_BOT.isdisjoint(tokens):  # asked of the bot, about nothing in the article
            return Reply(question, ReplyKind.CHITCHAT, message=CHITCHAT_TEXTS["help"], notice=notice)
        candidates = self.index.candidates(query, limit=8)
        if thin and len(query.tokens) <= 1 and not _says_a_phrasing(candidates):
            return self._decline(question, candidates, notice)  # "sure?", "building": one stray word
        if thin and query.unknown_weight >= self.index.unknown_idf:  # "when does the next iphone come out"
            return self._decline(question, candidates, notice)
        if self.index.too_common(query) and not _says_a_phrasing(candidates):
            return self._decline(question, candidates, notice)  # "how is ukraine doing": most facts name Ukraine
        if candidates and self.index.only_anticipates(query, candidates[0]):
            return self._decline(question, candidates, notice)  # how it turned out is past the article
        if self.index.quotes_nobody_named(query):  # "what did umerov say": the article never quotes him
            return self._decline(question, candidates, notice)
        if _predicts_a_winner(tokens) or _asks_the_bots_opinion(tokens) or _asks_how_to_make(question):
            return self._decline(question, candidates, notice)
        if not _THE_ARTICLE.isdisjoint(tokens) and not _ITS_MAKING.isdisjoint(tokens):
            return self._decline(question, candidates, notice)  # "when was the article published"
        # A question that asks for content, with no kind of answer to check, leaves its point among the
        # words a fact lacks: "what did austin and zelensky agree on".
        content = query.open_ended and query.kind is None
        # A claim put to confirm with a figure the article never gives is not confirmed, nor answered as if
        # asked: the reply says whose figure it is not and suggests the facts that give the article's own.
        # So is a yes-or-no question on an ordinal it never gives ("was this his second visit"): it says which.
        if (query.claims or query.unsaid_ordinals) and candidates:
            return self._decline(question, candidates, notice)
        return self._decide(
            question, candidates, notice, query=query, content_asked=content, speaker_asked=bool(query.speaker)
        )

    def _cap(self, text: str) -> tuple[str, bool]:
        cleaned = " ".join(clean(text).split()) if text else ""
        # A line break parts words ("who is budanov\nthx"); an invisible character inside a word does not.
        printable = text if text.isprintable() else "".join(
            ch if ch.isprintable() else " " if ch.isspace() else "" for ch in text
        )
        display = " ".join(printable.split())
        if not cleaned:
            return "", False
        if len(display) > self.max_chars:
            return display[: self.max_chars].rstrip(), True
        return display, False

    def _decide(
        self, question: str, candidates: list[Candidate], notice: str | None, *,
        query: Query | None = None, content_asked: bool = False, speaker_asked: bool = False,
    ) -> Reply:
        t = self.thresholds
        coverage = t.content_coverage if content_asked else t.coverage
        if not candidates:
            return self._decline(question, candidates, notice)
        best = candidates[0]
        # Near-ties are not settled blindly. Facts sharing a sentence with the best one are parts of the
        # same passage, no rivals: those within the margin, or a little further behind with the answer to a
        # word the best one only quotes, are answered with it. One fact on another
        # passage within the margin is answered too, under its own quote; anything else that close, on a
        # third passage, makes a decline.
        close = [c for c in candidates[1:] if best.score - c.score < t.margin]
        shared = set(best.fact.sentences)
        siblings = [
            c for c in candidates[1:] if shared.intersection(c.fact.sentences) and (
                best.score - c.score < t.sibling_margin
                or (
                    query is not None and best.score - c.score < t.completing_margin
                    and self.index.gives_what_is_only_quoted(query, best, c)
                )
            )
        ][:2]
        others = [c for c in candidates[1:] if shared.isdisjoint(c.fact.sentences)]
        most_tied = t.max_tied_elsewhere_for_a_speaker if speaker_asked else t.max_tied_elsewhere
        tied = [c for c in others if c in close][:most_tied]
        tied_sentences = set().union(*(c.fact.sentences for c in tied))
        rest = [c for c in others if c not in tied and tied_sentences.isdisjoint(c.fact.sentences)]
        gap = min([best.score, *(c.score for c in tied)]) - rest[0].score if rest else best.score
        confident = all(c.score >= t.answer and c.coverage >= coverage for c in (best, *tied))
        if confident and gap >= t.margin:
            return Reply(
                question, ReplyKind.ANSWER, fact=best.fact, confidence=round(min(best.score, 1.0), 3),
                notice=notice,
                related=_adding(best.fact, [c.fact for c in (*siblings, *tied)]),
            )
        return self._decline(question, candidates, notice)

    def _decline(self, question: str, candidates: list[Candidate], notice: str | None) -> Reply:
        confidence = round(min(candidates[0].score, 1.0), 3) if candidates else 0.0
        return Reply(
            question, ReplyKind.DECLINE, confidence=confidence,
            suggestions=_suggestions(candidates, self.thresholds.suggest), notice=notice,
        )

    def autocomplete(self, prefix: str, limit: int = 25) -> list[Suggestion]:
        """Questions to offer while someone types: ranked by the engine, or the first facts if empty."""
        limit = max(0, min(limit, 25))
        if not prefix.strip():
            return [Suggestion(f.id, f.questions[0]) for f in self.base.facts[:limit]]
        query = self.index.query(prefix[: self.max_chars])
        seen: dict[str, Suggestion] = {}
        for candidate in self.index.candidates(query, limit=limit):
            seen.setdefault(candidate.fact.id, Suggestion(candidate.fact.id, candidate.best_question))
        return list(seen.values())[:limit]


def _never_given(figures: tuple[str, ...]) -> str:
    if len(figures) == 1:
        return f"The article never gives the figure {figures[0]}."
    return f"The article never gives the figures {', '.join(figures[:-1])} or {figures[-1]}."


def _never_said(ordinals: tuple[str, ...]) -> str:
    words = [_ORDINAL_WORDS.get(ordinal, ordinal) for ordinal in ordinals]
    return " ".join(f"The article never says “{word}”." for word in words)


def _says_a_phrasing(candidates: list[Candidate]) -> bool:
    """Whether the best fact has a phrasing that is the question itself ("what's next")."""
    return bool(candidates) and candidates[0].phrasing_f1 >= 1.0


def _adding(best: Fact, others: list[Fact]) -> tuple[Fact, ...]:
    """The facts to give with the best one, less those that would only say again what is given, from a
    sentence already quoted: three ways of putting Zelensky's claim read as one."""
    given, sentences = set(_answer_words(best)), set(best.sentences)
    kept: list[Fact] = []
    for fact in others:
        words = _answer_words(fact)
        if given.issuperset(words) and sentences.issuperset(fact.sentences):
            continue
        kept.append(fact)
        given.update(words)
        sentences.update(fact.sentences)
    return tuple(kept)


def _answer_words(fact: Fact) -> list[str]:
    return content_tokens(raw_tokens(fact.answer))


def _suggestions(candidates: list[Candidate], floor: float) -> tuple[Suggestion, ...]:
    picked: list[Suggestion] = []
    for candidate in candidates:
        if len(picked) == 3:
            break
        # Close in words is enough to suggest, even where the kind of answer did not fit.
        if candidate.coverage >= floor and all(s.fact_id != candidate.fact.id for s in picked):
            picked.append(Suggestion(candidate.fact.id, candidate.fact.questions[0]))  # the plain phrasing
    return tuple(picked)
