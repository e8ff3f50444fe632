"""Start-up in the course's languages (issue #16): choosing Spanish or
Portuguese must not slow `minish -c`.

minish/i18n.py loads a catalog only when the first message is printed, so
`-c true` under LANG=es_ES.UTF-8 should cost what it costs in English; a
command that prints an error pays for gettext and the catalog once.  The
runs of all languages are interleaved, so machine noise hits them alike;
bash is timed the same way (it loads its own catalogs through setlocale).
"""
from __future__ import annotations

import statistics

from common import MINISH, ms, run_once, shells

LANGS = {"en": "C.UTF-8", "es": "es_ES.UTF-8", "pt": "pt_BR.UTF-8"}


def interleaved(argv: list[str], repeat: int) -> dict[str, float]:
    """Median wall time per language, the languages taking turns."""
    times: dict[str, list[float]] = {lang: [] for lang in LANGS}
    for lang, value in LANGS.items():                   # warm-up
        run_once(argv, env={"LANG": value, "LC_ALL": value})
    for _ in range(repeat):
        for lang, value in LANGS.items():
            times[lang].append(run_once(argv, env={"LANG": value, "LC_ALL": value}))
    return {lang: statistics.median(t) for lang, t in times.items()}


def run(quick: bool = False) -> list[list[str]]:
    n = 7 if quick else 31
    rows = []
    bash = shells().get("bash")
    for what, script in (("`-c true`", "true"), ("`-c` printing an error", "nosuchcommand")):
        ours = interleaved([MINISH, "-c", script], n)
        theirs = interleaved([bash, "-c", script], n) if bash else {}
        for lang in ("es", "pt"):
            rows.append([f"{what}, LANG={LANGS[lang]}", ms(ours[lang]),
                         ms(theirs.get(lang, float("nan"))), "",
                         f"{ours[lang] / ours['en']:.2f}× English ({ms(ours['en'])}); "
                         f"bash {theirs[lang] / theirs['en']:.2f}×" if theirs else ""])
    return rows


if __name__ == "__main__":
    from common import table
    print(table([["benchmark", "minish", "bash", "dash", "ratio"], *run("--quick" in __import__("sys").argv)]))
