"""Messages in the student's language: English, Spanish or Portuguese.

Every sentence minish says to a person goes through `_()` (or `ngettext()`
for a count), GNU gettext's convention (info gettext, "Sources"):

    report(_("{name}: not found").format(name=name))

The English text is the message id; minish/locale/LANG/LC_MESSAGES/minish.mo
holds the translations, compiled from the .po files by `make catalogs`
(Babel) and at build time (setup.py), so a wheel carries them.  A string
that must be marked where it is defined but translated where it is used
(a table of descriptions) is marked with `N_()`, which does nothing, and
translated where it is printed with `i18n._(text)`: the bare `_()` takes
only a literal (tests/test_i18n.py), so an f-string can never slip past
the extractor.

Which language, as gettext(3) and POSIX (XBD 8.2) choose: MINISH_LANG if
set, else the first non-empty of LANGUAGE (a colon list: its first
language we can speak wins), LC_ALL, LC_MESSAGES, LANG.  es* means
Spanish, pt* Portuguese, anything else English.  Like bash, the shell's
own variables count: `LANG=es_ES.UTF-8` typed at the prompt switches
minish's messages (State.set calls `follow`).

Nothing is loaded until the first message is translated, so `minish -c`
pays nothing for a language it never prints in; English never loads a
catalog at all.  Error texts of the C library (strerror) follow the same
choice when the system has that locale: we set LC_MESSAGES for them.
"""

import os

SPOKEN = ("es", "pt")                         # languages with a catalog
VARIABLES = ("MINISH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")

_translation = None                           # a gettext.GNUTranslations, or False for English
_environ = os.environ                         # where the language variables are read
_localized = False                            # LC_MESSAGES was set for strerror


def language(environ=None) -> str:
    """"es", "pt" or "en": the rule above, applied to `environ`."""
    env = _environ if environ is None else environ
    if env.get("MINISH_LANG"):
        return _spoken(env["MINISH_LANG"]) or "en"
    for item in (env.get("LANGUAGE") or "").split(":"):
        if item:
            # gettext(3): LANGUAGE names a priority list; a language with no
            # catalog is passed over, but English ("en", "C") is a choice.
            if _spoken(item) or item.split("_")[0] in ("en", "C", "POSIX"):
                return _spoken(item) or "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return _spoken(env[name]) or "en"
    return "en"


def _spoken(value: str) -> str | None:
    code = value.split("_")[0].split(".")[0].split("@")[0].lower()
    return code if code in SPOKEN else None


def follow(environ) -> None:
    """Read the language variables from `environ` from now on (the shell's
    variables); the next message loads the matching catalog."""
    global _environ, _translation
    _environ, _translation = environ, None


def _catalog():
    global _translation
    if _translation is None:
        lang = language()
        if lang == "en":
            _translation = False
            if _localized:                    # back from es/pt: C library in English too
                import locale
                locale.setlocale(locale.LC_MESSAGES, "C")
        else:
            import gettext                    # imports re: only when a message is printed
            _translation = gettext.translation("minish", LOCALE_DIR, [lang], fallback=True)
            _localize_strerror(lang)
    return _translation


def _(message: str) -> str:
    """`message` in the chosen language (itself when there is no translation)."""
    catalog = _catalog()
    return catalog.gettext(message) if catalog else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a sentence about `n` things (Spanish and Portuguese plurals
    follow the English rule, but the catalogs say so in their header)."""
    catalog = _catalog()
    if catalog:
        return catalog.ngettext(singular, plural, n)
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Marks `message` for the catalog; `_()` translates it where it is used."""
    return message


def strerror(code: int) -> str:
    """strerror(3) in the chosen language, from the C library's catalogs."""
    _catalog()
    return os.strerror(code)


def strerror_en(code: int) -> str:
    """strerror(3) as strace prints it, in English whatever the language:
    the syscall notation of the teaching trace is strace's, never translated."""
    if not _localized:
        return os.strerror(code)
    import locale
    chosen = locale.setlocale(locale.LC_MESSAGES)
    locale.setlocale(locale.LC_MESSAGES, "C")
    try:
        return os.strerror(code)
    finally:
        locale.setlocale(locale.LC_MESSAGES, chosen)


def strsignal(signum: int) -> str | None:
    """strsignal(3) in the chosen language, like strerror (a job's "Killed")."""
    import _signal
    _catalog()
    return _signal.strsignal(signum)


def _localize_strerror(lang: str) -> None:
    """Point the C library's LC_MESSAGES at `lang`, for strerror(3).

    A locale the system does not have (locale -a) leaves English, which is
    what every other program on that machine prints too.
    """
    import locale
    global _localized
    _localized = True
    wanted = [_environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    defaults = {"es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}
    for name in [w for w in wanted if w and _spoken(w) == lang] + [defaults[lang], "C.UTF-8"]:
        try:
            locale.setlocale(locale.LC_MESSAGES, name)
            return
        except locale.Error:
            continue
