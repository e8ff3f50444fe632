"""The teaching lens: wait statuses (`explain` has a module of its own).

    status                      the raw wait status of every process of the
                                last foreground job, decoded
"""
from ..errors import write
from .registry import builtin


@builtin("status", "show the raw wait status of each process of the last job",
         "status")
def status(sh, argv):
    """For each process of the last foreground job: its raw wait status as
    waitpid(2) returned it, and what the <sys/wait.h> macros make of it
    (WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG, WCOREDUMP, WIFSTOPPED/
    WSTOPSIG) -- next to $?, which the shell computed from the last one."""
    from ..libc import pr_exit
    write(1, f"$? = {sh.state.last_status}\n")
    table = sh.last_job_table()
    if not table:
        write(1, "no job has run yet\n")
        return 0
    width = max(len(text) for _, text, _ in table)
    for pid, text, raw in table:
        decoded = pr_exit(raw) if raw >= 0 else "still running"
        write(1, f"pid {pid:<7} {text:<{width}}  raw {raw & 0xFFFF:#06x}  {decoded}\n")
    return sh.state.last_status
