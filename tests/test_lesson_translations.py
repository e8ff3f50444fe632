"""The Spanish and Portuguese lessons and lab READMEs against the English ones.

A translated lesson (minish/lessons/es/NAME.lesson, lessons/pt/) must be the
same lesson in other words: the same steps, each with the same command, the
same checks and the same setup files, and answers that still accept the
English ones.  Only the words a student reads change, and none of them may be
left empty.  One kind of check may be reworded: a check on the text of the
output (`output contains|lacks|matches`), because minish's own messages reach
the student in their language; it stays the same kind of check, in the same
place.  (Error texts of the C library need no rewording: teach/checks.py
accepts `File exists` in the student's language too.)  Whether the reworded
text is what the student really sees, test_lessons.py finds out by running
every translated lesson.  Every lesson and every lab README must be translated: while one
is missing, the count test fails and names it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from minish import i18n
from minish.teach import lab as labs
from minish.teach import lesson as lessons

LESSONS = ROOT / "minish" / "lessons"
ENGLISH = sorted(LESSONS.glob("*" + lessons.SUFFIX))
LANGS = i18n.SPOKEN
TRANSLATED = sorted((lang, path) for lang in LANGS
                    for path in (LESSONS / lang).glob("*" + lessons.SUFFIX))
LABS = labs.all_labs()


def english_of(path: Path) -> Path:
    return LESSONS / path.name


def same(check: str) -> str:
    """What must not change in a check: all of it, but for the text a
    check on the output looks for (see above)."""
    return " ".join(check.split()[:2]) if check.startswith("output ") else check


@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_is_translated(lang):
    """Fails, naming them, while a lesson has no file in lessons/LANG/ (the
    translators' branches add them)."""
    missing = [p.name for p in ENGLISH if not (LESSONS / lang / p.name).is_file()]
    assert missing == [], f"lessons with no {lang} translation: {missing}"


@pytest.mark.parametrize("lang,path", TRANSLATED,
                         ids=[f"{lang}-{path.name}" for lang, path in TRANSLATED])
def test_translated_lesson_is_the_same_lesson(lang, path):
    assert english_of(path).is_file(), f"{path}: no English lesson of that name"
    mine, english = lessons.parse(str(path)), lessons.parse(str(english_of(path)))
    assert mine.topic == english.topic
    assert bool(mine.needs.strip()) == bool(english.needs.strip()), "`needs:` added or lost"
    assert len(mine.steps) == len(english.steps), "a different number of steps"
    assert [(name, executable) for name, _, executable in mine.files] == \
        [(name, executable) for name, _, executable in english.files]
    assert mine.files == english.files, "the setup files differ"
    assert mine.setup == english.setup and mine.cleanup == english.cleanup
    for number, (step, was) in enumerate(zip(mine.steps, english.steps), 1):
        where = f"step {number} ({was.title})"
        assert step.type == was.type, f"{where}: another command"
        assert [same(check) for _, check, _ in step.checks] == \
            [same(check) for _, check, _ in was.checks], f"{where}: other checks"
        assert step.resume == was.resume, f"{where}: other resume commands"
        assert bool(step.predict) == bool(was.predict), f"{where}: a prediction added or lost"
        if was.answer:
            answers = {lessons.right_prediction(step, a) for a in was.answer.split(" | ")}
            assert answers == {True}, f"{where}: {step.answer!r} does not accept {was.answer!r}"
        assert len(step.hints) >= 1 and (len(step.hints) == len(was.hints)), \
            f"{where}: {len(step.hints)} hints, the English has {len(was.hints)}"
        assert [bool(why) for _, _, why in step.checks] == \
            [bool(why) for _, _, why in was.checks], f"{where}: a `why:` added or lost"


@pytest.mark.parametrize("lang,path", TRANSLATED,
                         ids=[f"{lang}-{path.name}" for lang, path in TRANSLATED])
def test_every_line_a_student_reads_is_there(lang, path):
    """What the runner shows (title, goals, each step's title, text, goal,
    prediction, hints and the words of a failed check) is never empty."""
    lesson = lessons.parse(str(path))
    assert lesson.title.strip() and lesson.title != lesson.name
    english = lessons.parse(str(english_of(path)))
    assert len(lesson.goals) == len(english.goals) and all(g.strip() for g in lesson.goals)
    for number, step in enumerate(lesson.steps, 1):
        where = f"{path.name}: step {number}"
        assert step.title.strip(), where
        assert any(line.strip() for line in step.text), f"{where}: no text"
        assert step.goal.strip(), f"{where}: no goal"
        assert all(h.strip() for h in step.hints), f"{where}: an empty hint"
        assert all(why.strip() for _, _, why in step.checks if why != ""), where
        if step.predict:
            assert step.predict.strip() and step.answer.strip(), where


@pytest.mark.parametrize("lang", LANGS)
def test_every_lab_readme_is_translated(lang):
    missing = [lab.name for lab in LABS if not (Path(lab.dir) / f"README.{lang}.md").is_file()]
    assert missing == [], f"labs with no README.{lang}.md: {missing}"


README = [(lang, lab.name) for lang in LANGS for lab in LABS
          if (Path(lab.dir) / f"README.{lang}.md").is_file()]


@pytest.mark.parametrize("lang,name", README, ids=[f"{lang}-{name}" for lang, name in README])
def test_translated_lab_readme_says_the_same_things(lang, name):
    """The same sections, and the same commands and names a student types
    or looks for (the `code` spans and indented blocks stay as they are)."""
    lab = labs.Lab(name)
    english = (Path(lab.dir) / "README.md").read_text(encoding="utf-8")
    mine = (Path(lab.dir) / f"README.{lang}.md").read_text(encoding="utf-8")
    assert mine.strip() and mine != english
    headings = re.compile(r"^#+ ", re.M)
    assert len(headings.findall(mine)) == len(headings.findall(english))
    for needed in (lab.student_file, "minish lab check"):
        assert needed in mine, f"README.{lang}.md never names {needed!r}"
    blocks = re.compile(r"^    \S.*$", re.M)             # indented code: commands, as typed
    commands = [line.strip() for line in blocks.findall(english)
                if not line.lstrip().startswith(("#", "//"))]
    absent = [c for c in commands if c.split("  ")[0] not in mine]
    assert absent == [], f"README.{lang}.md lacks these commands: {absent}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_lab_has_a_translated_title(lang):
    untitled = [lab.name for lab in LABS if lang not in lab.titles]
    assert untitled == [], f"labs whose lab.ini has no title.{lang}: {untitled}"
