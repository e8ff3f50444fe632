"""minish in the course's languages (minish/i18n.py): which language the
variables choose, catalogs that are complete and consistent with the
source, and messages that reach the student in Spanish and Portuguese."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import MINISH, ROOT, shell_env
from minish import i18n

sys.path.insert(0, str(ROOT / "scripts"))
from babel_extract import extract as minish_extractor  # noqa: E402  (babel.cfg's extractor)

SOURCE = ROOT / "minish"
LANGS = i18n.SPOKEN
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifgxXorc%]")


def source_messages() -> dict[str, tuple[str, int]]:
    """Every message id marked in the source, and every builtin's help text
    (as `make catalogs` extracts them: the same extractor as babel.cfg's)."""
    found = {}
    method_map = [("**.py", minish_extractor)]
    for path, line, message, _comments, _context in extract_from_dir(
            str(SOURCE), method_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        # ngettext's (singular, plural): a catalog keeps the pair under the singular
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, (path, line))
    return found


def catalog(lang: str):
    with open(SOURCE / "locale" / lang / "LC_MESSAGES" / "minish.po", "rb") as f:
        return read_po(f, locale=lang)


# -- which language ---------------------------------------------------------

RULES = [
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANG": "pt_BR.UTF-8"}, "pt"),
    ({"LANG": "pt_PT"}, "pt"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
    ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "pt_BR.UTF-8"}, "es"),
    ({"LC_ALL": "pt_BR.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "pt"),
    ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
    ({"LANGUAGE": "pt:es", "LC_ALL": "es_ES.UTF-8"}, "pt"),
    ({"LANGUAGE": "fr:es", "LANG": "pt_BR.UTF-8"}, "es"),       # fr: no catalog, passed over
    ({"LANGUAGE": "en:es", "LANG": "pt_BR.UTF-8"}, "en"),
    ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "es"),
    ({"MINISH_LANG": "pt", "LANGUAGE": "es", "LC_ALL": "es_ES.UTF-8"}, "pt"),
    ({"MINISH_LANG": "en", "LANG": "es_ES.UTF-8"}, "en"),
    ({"MINISH_LANG": "es"}, "es"),
]


@pytest.mark.parametrize("env,lang", RULES, ids=[" ".join(f"{k}={v}" for k, v in e.items()) or
                                                  "nothing set" for e, _ in RULES])
def test_the_language_rule(env, lang, tmp_path):
    assert i18n.language(env) == lang
    # ... and what a student sees from the real program under that environment
    full = {**shell_env(tmp_path), **env}
    if "LC_ALL" not in env:
        del full["LC_ALL"]
    said = subprocess.run([MINISH, "-c", "nosuchcommand-xyz"], env=full, capture_output=True,
                          text=True, cwd=tmp_path)
    expected = {"en": "command not found"}.get(lang) or \
        catalog(lang).get("{name}: command not found").string.format(name="")[2:]
    assert said.stderr.startswith("minish: nosuchcommand-xyz: ") and expected in said.stderr
    assert said.returncode == 127


def test_assigning_lang_in_the_shell_switches_messages(tmp_path):
    """As in bash, the shell's own LANG (exported or not) decides its messages."""
    env = {**shell_env(tmp_path)}
    del env["LC_ALL"]
    said = subprocess.run([MINISH, "-c", "nosuch1; LANG=es_ES.UTF-8; nosuch2; LANG=pt_BR; nosuch3;"
                           " unset LANG; nosuch4"], env=env, capture_output=True, text=True)
    lines = said.stderr.splitlines()
    messages = [catalog(lang).get("{name}: command not found").string for lang in ("es", "pt")]
    assert lines == ["minish: nosuch1: command not found",
                     "minish: " + messages[0].format(name="nosuch2"),
                     "minish: " + messages[1].format(name="nosuch3"),
                     "minish: nosuch4: command not found"]


@pytest.mark.parametrize("lang", ["es_ES.UTF-8", "pt_BR.UTF-8"])
def test_c_library_errors_are_the_systems_own(lang, tmp_path):
    """strerror(3) texts come from the C library's catalogs: minish says what
    bash says under the same locale (in that language when the machine has
    it, in English when it does not)."""
    env = {**shell_env(tmp_path), "LC_ALL": lang}
    ours = subprocess.run([MINISH, "-c", "cd /nonexistent-dir"], env=env, capture_output=True,
                          text=True).stderr
    bash = subprocess.run(["bash", "-c", "cd /nonexistent-dir"], env=env, capture_output=True,
                          text=True).stderr
    assert ours.rsplit(": ", 1)[1] == bash.rsplit(": ", 1)[1]


# -- the catalogs -----------------------------------------------------------

def test_messages_are_marked_so_that_they_can_be_extracted():
    """_(), N_() and ngettext() take literal strings: an f-string or a variable
    cannot be extracted into the catalog, so it would never be translated."""
    bad = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("_", "N_", "ngettext"):
                literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                              for a in node.args[:2 if node.func.id == "ngettext" else 1])
                if not node.args or not literal:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in ("_", "ngettext"):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: _() inside an f-string"
                                   " (Python 3.11's extractor cannot see it)")
    assert bad == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    po = catalog(lang)
    problems = []
    for msgid, (path, line) in sorted(source_messages().items()):
        entry = po.get(msgid)
        where = f"{path}:{line}: {msgid!r}"
        if entry is None:
            problems.append(f"missing (run make catalogs): {where}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings):
            problems.append(f"untranslated: {where}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {where}")
        elif any(sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(msgid))
                 for s in strings):
            problems.append(f"placeholders differ: {where} -> {strings!r}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_is_current(lang):
    """The .mo minish loads says what the .po says (make compiles it)."""
    import gettext
    po = catalog(lang)
    mo = gettext.translation("minish", str(SOURCE / "locale"), [lang])
    for entry in po:
        if entry.id and not isinstance(entry.id, tuple) and entry.string and not entry.fuzzy:
            assert mo.gettext(entry.id) == entry.string
