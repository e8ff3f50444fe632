"""Build hook: compile the message catalogs (minish/locale/*/LC_MESSAGES/
minish.po -> .mo) so that every wheel and install carries them.

Everything else about the package is in pyproject.toml.  Babel does the
compiling (`pybabel compile` is the same code); `make catalogs` also
extracts and merges, which a build never does.
"""
import os

from setuptools import setup
from setuptools.command.build_py import build_py


def compile_catalogs(package_dir: str) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    locale_dir = os.path.join(package_dir, "locale")
    for lang in sorted(os.listdir(locale_dir)):
        po = os.path.join(locale_dir, lang, "LC_MESSAGES", "minish.po")
        if os.path.exists(po):
            with open(po, "rb") as f:
                catalog = read_po(f, locale=lang)
            with open(po[:-3] + ".mo", "wb") as f:
                write_mo(f, catalog)


class BuildWithCatalogs(build_py):
    def run(self):
        super().run()
        # A wheel: into the build tree.  An editable install: beside the .po.
        compile_catalogs("minish" if self.editable_mode else os.path.join(self.build_lib, "minish"))


setup(cmdclass={"build_py": BuildWithCatalogs})
