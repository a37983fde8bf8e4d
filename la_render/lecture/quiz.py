"""The lesson's quiz in the lecture: the pre-lesson check after the title, the post-lesson quiz
before the end. Each question is a card with its choices, a pause with a countdown the viewer can
see, then an answer card (the right choice lit, the reason from the lesson's numbers:
scenes.narrative.quiz). Narrated, the voice reads the question and its choices, waits out the
countdown, then reads the answer; silent, the cards are captioned with the same words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from la_render.lecture.cards import Segment, make_card
from la_render.lecture.text import Cue
from scenes import style

PAUSE_SECONDS = 5.0  # the visible countdown after a question
READING_CPS = 15.0  # a silent card stays up long enough to read its words at this pace
MIN_CARD_SECONDS = 3.0
PRE_CHAPTER = "Quiz: before the lesson"
POST_CHAPTER = "Quiz: after the lesson"


def _reading(text: str) -> float:
    return max(MIN_CARD_SECONDS, len(text) / READING_CPS)


def _silent_captions(text: str, seconds: float) -> tuple[Cue, ...]:
    """A silent card's words as caption cues of two short lines, sharing its time by length."""
    from la_render.narration.narrator import caption_lines, split_caption

    pieces = split_caption(text) or [text]
    total, at, cues = sum(len(p) for p in pieces), 0.0, []
    for piece in pieces:
        length = seconds * len(piece) / total
        cues.append((at, at + length, caption_lines(piece)))
        at += length
    return tuple(cues)


SPACER = ("", 0.03, style.BACKGROUND)  # a blank line between the question, its choices and the reason


def question_lines(question: Any) -> list[tuple]:
    """The question, then its lettered choices, left-aligned as one block so the letters line up."""
    from scenes.narrative.quiz import LETTERS

    lines: list[tuple] = [(question.prompt, 0.05, style.FOREGROUND), SPACER]
    lines += [(f"{LETTERS[n]}   {choice}", 0.04, style.SKY_BLUE, True)
              for n, choice in enumerate(question.choices)]
    return lines


def answer_lines(question: Any) -> list[tuple]:
    """The question, the right choice lit and ticked (the others dimmed), and why, from the lesson's
    numbers."""
    from scenes.narrative.quiz import LETTERS

    lines: list[tuple] = [(question.prompt, 0.045, style.FOREGROUND), SPACER]
    for n, choice in enumerate(question.choices):
        right = n == question.answer
        lines.append((f"{LETTERS[n]}   {choice}{'   ✓' if right else ''}", 0.04 if right else 0.035,
                      style.POSITIVE if right else style.MUTED, True))
    reason = question.answer_spoken.split(". ", 1)[1] if ". " in question.answer_spoken else ""
    return [*lines, SPACER, (reason, 0.035, style.FOREGROUND)]


def _segment(dest: Path, lines: list, ident: str, text: str, chapter: str, work: Path, size: dict,
             narrator: Any, lead: float, countdown: bool = False) -> Any:
    """One quiz card as a lecture Segment (narrated: it waits for the words, then the countdown)."""
    from la_render.lecture.audio import card_speech

    seconds = _reading(text)
    captions = _silent_captions(text, seconds)
    speech: tuple[Any, ...] = ()
    if narrator is not None:
        seconds, captions, speech = card_speech(narrator, ident, text, MIN_CARD_SECONDS, lead)
    window = (seconds, seconds + PAUSE_SECONDS) if countdown else None
    total = seconds + PAUSE_SECONDS if countdown else seconds
    make_card(dest, lines, seconds=total, work=work, countdown=window, **size)
    return Segment(dest, chapter, captions, None, speech)


def quiz_segments(kind: str, lesson: Any, work: Path, size: dict, narrator: Any, lead: float) -> list[Any]:
    """The quiz's cards, "pre" (2 questions) or "post" (5): an opening card (the Quiz chapter),
    then per question its card with the countdown and its answer card."""
    from scenes.narrative.bridges import POST_QUIZ, PRE_QUIZ
    from scenes.narrative.quiz import post_lesson, pre_lesson

    pre = kind == "pre"
    questions = pre_lesson(lesson) if pre else post_lesson(lesson)
    chapter = PRE_CHAPTER if pre else POST_CHAPTER
    count = f"{len(questions)} question{'s' if len(questions) != 1 else ''}"
    opening = [("Quiz", 0.065, style.FOREGROUND),
               (f"{'Before' if pre else 'After'} the lesson: {count}", 0.045, style.SKY_BLUE)]
    segments = [_segment(work / f"quiz-{kind}-0.mp4", opening, f"quiz.intro.{1 if pre else 2}",
                         PRE_QUIZ if pre else POST_QUIZ, chapter, work, size, narrator, lead)]
    for n, question in enumerate(questions, start=1):
        segments.append(_segment(work / f"quiz-{kind}-{n}q.mp4", question_lines(question), question.id,
                                 question.spoken, "", work, size, narrator, lead, countdown=True))
        segments.append(_segment(work / f"quiz-{kind}-{n}a.mp4", answer_lines(question), question.answer_id,
                                 question.answer_spoken, "", work, size, narrator, lead))
    return segments
