"""Execution: where an AST becomes processes.

    state      variables, options, $?
    signals    what the shell changes, what every child restores
    trace      narration of each system call, in strace's notation
    redirect   <, >, N>&M: in a child for good, or around a builtin
    process    every fork, pipe, dup2, execve, wait
    jobs       jobs, process groups, the terminal, and the one wait
    executor   walks the AST; control: if, loops, case, functions
"""
