#### two-stage pipeline
echo hello | tr a-z A-Z
## stdout: HELLO

#### three-stage pipeline
printf '3\n1\n2\n' | sort | head -2
## STDOUT:
1
2
## END

#### long pipeline
echo x | cat | cat | cat | cat | cat | cat | cat | cat | cat
## stdout: x

#### status is the last stage's
false | true; echo $?
true | false; echo $?
## STDOUT:
0
1
## END

#### yes | head -1 finishes
yes | head -1
## stdout: y

#### negated pipeline
! false; echo $?
! true; echo $?
## STDOUT:
0
1
## END

#### builtin in a pipeline runs in a child
x=1
echo hi | x=2
echo $x
## stdout: 1

#### cd in a pipeline does not change the shell
d=$(pwd)
cd / | cat
test "$(pwd)" = "$d" && echo unchanged
## stdout: unchanged

#### pipeline with redirection in the middle
echo abc | cat > mid.txt | cat
cat mid.txt
## stdout: abc

#### stderr does not go through the pipe
ls /nonexistent_path_xyz 2>/dev/null | wc -l
## stdout: 0

#### 2>&1 sends stderr through the pipe
ls /nonexistent_path_xyz 2>&1 | wc -l
## stdout: 1

#### wc -l counts lines from ls
touch a b c
ls | wc -l
## stdout: 3

#### pipeline after a newline
echo a |
tr a b
## stdout: b

#### group in a pipeline
{ echo one; echo two; } | wc -l
## stdout: 2

#### subshell in a pipeline
(echo x; echo y) | tr -d '\n'; echo
## stdout: xy

#### pipeline into a group
echo data | { read line; echo "got $line"; }
## stdout: got data

#### command killed by SIGPIPE in a pipeline
yes | head -c 1 >/dev/null
echo done
## stdout: done

#### status 141 when the first stage is the last reported
seq 1 100000 | head -1 >/dev/null; echo $?
## stdout: 0

#### large data through a pipeline
head -c 1000000 /dev/zero | cat | wc -c
## stdout: 1000000

#### pipeline of not-found command
nosuchcmd_abc 2>/dev/null | echo after; echo $?
## STDOUT:
after
0
## END

#### last stage not found
echo x | nosuchcmd_abc 2>/dev/null; echo $?
## stdout: 127

#### pipeline where a stage exits early with a status
(exit 3) | (exit 4); echo $?
## stdout: 4

#### negation of a pipeline
! echo x | grep -q y; echo $?
## stdout: 0

#### a file with no #! line runs as a script in a pipeline stage
printf 'echo "script $1"; exit 3\n' > plain; chmod +x plain
./plain a | cat; echo ${PIPESTATUS[0]}
echo x | PATH="$PWD:$PATH" plain b; echo $?
## STDOUT:
script a
3
script b
3
## END

#### prefix assignments and redirections of a pipeline stage
X=1 env | grep '^X=' | cat
echo data > in.txt
cat < in.txt | tr a A > out.txt; cat out.txt
cat < missing.txt 2>/dev/null | cat; echo ${PIPESTATUS[0]}
## STDOUT:
X=1
dAtA
1
## END

#### a readonly prefix in a pipeline stage is reported and the command still runs
readonly R=1
R=2 printenv R 2>/dev/null | cat; echo ${PIPESTATUS[0]}
## STDOUT:
1
## END

#### $BASHPID in a pipeline stage and in a substitution is the child's own
p=$(/bin/echo $BASHPID); test "$p" != "$$" && echo sub
/bin/echo $BASHPID | { read q; test "$q" != "$$" && echo stage; }
## STDOUT:
sub
stage
## END
