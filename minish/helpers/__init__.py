"""Small programs that lessons and tests run (so no C compiler is needed)."""
