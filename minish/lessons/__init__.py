"""The lessons that ship with minish, as package data (*.lesson files).

A package, not just a directory, so importlib.resources.files(__name__) gives
a real directory on every Python minish supports (a bare directory inside the
`minish` namespace package gives a MultiplexedPath on 3.10/3.11).  The format
is described in minish/teach/lesson.py.
"""
