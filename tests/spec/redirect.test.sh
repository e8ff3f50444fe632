#### output to a file
echo hi > out
cat out
## stdout: hi

#### output truncates
echo first > f
echo second > f
cat f
## stdout: second

#### append
echo a > f
echo b >> f
cat f
## STDOUT:
a
b
## END

#### input from a file
echo data > f
tr a-z A-Z < f
## stdout: DATA

#### stderr to a file
ls /nonexistent_xyz 2> err
test -s err && echo has-error
## stdout: has-error

#### stderr append
ls /nonexistent_xyz 2> err
ls /nonexistent_xyz 2>> err
wc -l < err
## stdout: 2

#### 2>&1 after >f sends both to the file
{ echo out; echo err >&2; } > both 2>&1
sort both
## STDOUT:
err
out
## END

#### 2>&1 before >f: stderr stays on the old stdout
{ echo out; echo err >&2; } 2>&1 > onlyout
echo ---
cat onlyout
## STDOUT:
err
---
out
## END

#### >&2 sends stdout to stderr
echo toerr >&2 2>/dev/null
echo visible
## stdout: visible

#### 1>&2 2>file
{ echo x 1>&2; } 2> e
cat e
## stdout: x

#### redirection alone creates the file
> empty
test -f empty && test ! -s empty && echo created
## stdout: created

#### redirection alone truncates
echo old > f
> f
wc -c < f
## stdout: 0

#### redirection before the command
> out echo front
cat out
## stdout: front

#### redirection in the middle of arguments
echo a > out b c
cat out
## stdout: a b c

#### missing input file
cat < nosuchfile
echo $?
## stdout: 1

#### failed redirection skips the command
echo should-not-run < nosuchfile > out
test -e out && echo out-exists || echo no-out
## stdout: no-out

#### failed redirection does not truncate later targets
echo keep > later
cat < nosuch > later
cat later
## stdout: keep

#### directory as output
mkdir d
echo x > d
echo $?
## stdout: 1

#### explicit fd numbers
echo three 3> f3 >&3
cat f3
## stdout: three

#### duplicate input fd
echo line > in
cat 4< in <&4
## stdout: line

#### close stdout
echo gone >&- 2>/dev/null
echo $?
## stdout: 1

#### close a numbered fd then use it fails
cat <&5 2>/dev/null
echo $?
## stdout: 1

#### redirect to bad fd
echo x >&7
echo $?
## stdout: 1

#### read and write open
echo abc > rw
cat <> rw
## stdout: abc

#### clobber operator
echo one > c
echo two >| c
cat c
## stdout: two

#### multiple output redirections: last one wins, both created
echo x > a > b
cat a; echo ---; cat b
## STDOUT:
---
x
## END

#### redirect stderr of a builtin
cd /nonexistent_dir_xyz 2> err
test -s err && echo got
rm err
## stdout: got

#### builtin redirection is restored
echo redirected > f
echo console
cat f
## STDOUT:
console
redirected
## END

#### redirection with a variable target
name=target.txt
echo v > $name
cat target.txt
## stdout: v

#### quoted target with a space
echo sp > "a file"
cat "a file"
## stdout: sp

#### ambiguous redirect
x='a b'
echo hi > $x
echo $?
## stdout: 1

#### exec changes the shell's fds
exec 3> saved
echo via3 >&3
exec 3>&-
cat saved
## stdout: via3

#### exec redirecting stdout for the rest of the script
exec > all.txt
echo one
echo two
exec >&2
cat all.txt >&2
## stdout-json: ""

#### fd opened by exec is inherited by children
exec 4> four
sh -c 'echo child >&4'
exec 4>&-
cat four
## stdout: child

#### exec < file makes it stdin
printf 'l1\nl2\n' > in
exec < in
read a
read b
echo $b $a
## stdout: l2 l1

#### input and output on the same command
echo hello > in
tr h H < in > out
cat out
## stdout: Hello

#### append creates the file
echo new >> fresh
cat fresh
## stdout: new

#### here-string of order: 2>&1 | in a pipeline
{ echo o; echo e >&2; } 2>&1 | sort
## STDOUT:
e
o
## END

#### redirect an external command's stderr to stdout file
sh -c 'echo out; echo err >&2' > log 2>&1
sort log
## STDOUT:
err
out
## END

#### permission denied output
touch ro; chmod 444 ro
sh -c 'test "$(id -u)" = 0' && rm -f ro && mkdir ro
echo x > ro 2>/dev/null
echo $?
## stdout: 1

#### fd 0 redirected for a group
echo from-file > in
{ cat; } < in
## stdout: from-file

#### >&word with a file name sends stdout and stderr
sh -c 'echo o; echo e >&2' >& both
sort both
## STDOUT:
e
o
## END

#### N>&M copies, later changes to M do not matter
{ echo x >&3; } 3>&1 > /dev/null
## stdout: x
