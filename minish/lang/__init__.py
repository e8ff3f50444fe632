"""The language: where text becomes an AST, and words become argv.

    syntax   the AST nodes, each with its source span
    lexer    text -> tokens (also feeds the highlighter)
    dollar   the $ forms inside a word, mixed into the lexer; what a name is
    parser   tokens -> AST (parse_compound: if, loops, case, functions)
    expand   words -> argv: parameters, $(...), $((...)) (arith), globs

Nothing here makes a system call that changes a process.
"""
