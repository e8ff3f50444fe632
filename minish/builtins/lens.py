"""The teaching lens: wait statuses (`explain` has a module of its own).

    status                      the raw wait status of every process of the
                                last foreground job, decoded
"""
from ..errors import write
from ..i18n import _
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
        write(1, _("no job has run yet") + "\n")
        return 0
    width = max(len(text) for _, text, _ in table)
    for pid, text, raw in table:
        decoded = pr_exit(raw) if raw >= 0 else _("still running")
        row = _("pid {pid} {command}  raw {raw}  {decoded}").format(
            pid=f"{pid:<7}", command=f"{text:<{width}}", raw=f"{raw & 0xFFFF:#06x}",
            decoded=decoded)
        write(1, row + "\n")
    return sh.state.last_status
