"""Bad input: one clear line on stderr, the right status, nothing lost."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import MINISH, shell_env


def run(script, tmp_path, *args, stdin=None):
    proc = subprocess.run([MINISH, "-c", script, *args], cwd=tmp_path, env=shell_env(tmp_path),
                          input=stdin, capture_output=True, text=True, errors="replace", timeout=20)
    return proc.stdout, proc.stderr, proc.returncode


MESSAGES = [
    ("nosuchcmd_xyz", "minish: nosuchcmd_xyz: command not found\n", 127),
    ("cat < missing", "minish: missing: No such file or directory\n", 1),
    ("mkdir d; echo x > d", "minish: d: Is a directory\n", 1),
    ("echo |", "minish: syntax error: unexpected end of file\n", 2),
    ("echo a ;; b", "minish: syntax error near unexpected token `;;'\n", 2),
    ("echo 'abc", "minish: unexpected end of file looking for `''\n", 2),
    ("cd /no/such", "minish: cd: /no/such: No such file or directory\n", 1),
    ("x='a b'; echo > $x", "minish: $x: ambiguous redirect\n", 1),
    ("echo >&7", "minish: 7: Bad file descriptor\n", 1),
    ("printf '#!/no/such\\n' > t; chmod +x t; ./t",
     "minish: ./t: bad interpreter /no/such: No such file or directory\n", 127),
    ("touch t; ./t", "minish: ./t: Permission denied\n", 126),
    ("mkdir dd; ./dd", "minish: ./dd: Is a directory\n", 126),
    ("exit abc", "minish: exit: abc: numeric argument required\n", 2),
    ("set -q", "minish: set: -q: invalid option\n"
               "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2),
    ("cat <<EOF", "minish: warning: here-document at line 1 delimited by end-of-file "
                  "(wanted `EOF')\n", 0),
]


@pytest.mark.parametrize("script,message,status", MESSAGES)
def test_error_message_and_status(script, message, status, tmp_path):
    out, err, code = run(script, tmp_path)
    assert err == message
    assert code == status


def test_failed_redirection_truncates_nothing_after_it(tmp_path):
    (tmp_path / "keep").write_text("precious\n")
    out, err, code = run("cat < missing > keep", tmp_path)
    assert (tmp_path / "keep").read_text() == "precious\n"
    assert code == 1


def test_syntax_error_in_c_mode_runs_nothing_of_its_line(tmp_path):
    out, err, code = run("touch made; echo a | ;", tmp_path)
    assert not (tmp_path / "made").exists()
    assert code == 2


def test_shell_keeps_running_after_errors_in_a_script(tmp_path):
    script = "nosuch\ncat < missing\ncd /nonexistent\necho still-alive\n"
    (tmp_path / "s.sh").write_text(script)
    proc = subprocess.run([MINISH, "s.sh"], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=20)
    bash = subprocess.run(["bash", "s.sh"], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=20)
    assert proc.stdout == bash.stdout == "still-alive\n"
    # each error names the script and its line, as bash's do
    assert proc.stderr == bash.stderr and proc.stderr.count("s.sh: line ") == 3


def test_missing_script_file(tmp_path):
    proc = subprocess.run([MINISH, "nonexistent.sh"], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, text=True, timeout=20)
    assert proc.stderr == "minish: nonexistent.sh: No such file or directory\n"
    assert proc.returncode == 127


def test_no_traceback_on_weird_input(tmp_path):
    weird = ["$(", "${", "${:}", "`", "echo ${x", ")))", "{", "}", "echo $((",
             "'" * 3, "\\", "a" * 100000, "echo " + "$(" * 50 + ")" * 50, "exec 999>&-",
             "echo ${!}", "cd ''", "echo \udcff"]
    for text in weird:
        out, err, code = run(text, tmp_path)
        assert "Traceback" not in err, text
        assert "internal error" not in err, (text, err)


def test_binary_script_file(tmp_path):
    (tmp_path / "bin.sh").write_bytes(b"echo a\x00b\xff\nprintf '%s\\n' ok\n")
    proc = subprocess.run([MINISH, "bin.sh"], cwd=tmp_path, env=shell_env(tmp_path),
                          capture_output=True, timeout=20)
    assert b"Traceback" not in proc.stderr
    assert proc.stdout.endswith(b"ok\n")


def test_deep_nesting_is_reported_not_crashed(tmp_path):
    out, err, code = run("(" * 3000 + "echo" + ")" * 3000, tmp_path)
    assert "Traceback" not in err
    assert err.startswith("minish: ")


def test_invalid_option(tmp_path):
    proc = subprocess.run([MINISH, "--bogus"], capture_output=True, text=True, timeout=20)
    assert proc.returncode == 2
    assert proc.stderr.startswith("minish: --bogus: invalid option")


SOAK = textwrap.dedent(r'''
    import os, sys
    from minish.shell import Shell

    def fds():
        return sorted(os.listdir("/proc/self/fd"))

    shell = Shell()
    before = fds()
    lines = [
        "echo ok > out", "cat out | wc -l > /dev/null", "nosuchcmd 2>/dev/null",
        "cat < missing 2>/dev/null", "echo x > /nonexistent/dir/f 2>/dev/null",
        "ls | sort | head -1 > /dev/null", "true && false || true", "(cd /; pwd) > /dev/null",
        "{ echo a; echo b; } 2>&1 >/dev/null", "x=$(echo sub)", "echo $x >&2 2>/dev/null",
        "exec 3>three; echo y >&3; exec 3>&-", "sleep 0 &", "wait", "echo >&9 2>/dev/null",
        "yes | head -1 > /dev/null", "echo ${x:-d} | cat > /dev/null",
        "cd . 2>/dev/null", "false | nosuch 2>/dev/null", "echo a 2>&1 | cat >/dev/null",
    ]
    for i in range(500):
        shell.run_line(lines[i % len(lines)])
    shell.run_line("wait")
    after = fds()
    try:
        os.waitpid(-1, os.WNOHANG)
        children = "some child left unreaped"
    except ChildProcessError:
        children = "none"
    print(before == after, before, after, children)
''')


def test_soak_leaves_fds_and_children_as_before(tmp_path):
    proc = subprocess.run([sys.executable, "-c", SOAK], cwd=tmp_path, env={
        **shell_env(tmp_path), "PYTHONPATH": os.path.dirname(os.path.dirname(__file__))},
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    same, *_rest = proc.stdout.split(" ", 1)
    assert same == "True", proc.stdout
    assert proc.stdout.rstrip().endswith("none"), proc.stdout
    assert "Traceback" not in proc.stderr


def test_engine_does_not_import_the_ui():
    code = ("import sys, minish.shell, minish.__main__; "
            "print(any(m.split('.')[0] in ('prompt_toolkit', 'pygments') for m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False"


def test_c_mode_does_not_import_the_ui(tmp_path):
    code = ("import sys; from minish.__main__ import main; main(['-c', 'true']); "
            "print(sorted(m for m in sys.modules if m.startswith(('prompt_toolkit', 'pygments'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "[]"
