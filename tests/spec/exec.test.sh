#### command not found is 127
nosuchcommand_xyz
echo $?
## stdout: 127

#### not executable is 126
printf 'echo hi\n' > noexec
./noexec 2>/dev/null
echo $?
## stdout: 126

#### a directory is 126
mkdir dir
./dir 2>/dev/null
echo $?
## stdout: 126

#### missing file with a slash is 127
./missing 2>/dev/null
echo $?
## stdout: 127

#### #! script runs through its interpreter
printf '#!/bin/sh\necho "from sh: $1"\n' > s
chmod +x s
./s arg
## stdout: from sh: arg

#### file without #! runs as a shell script
printf 'echo no-shebang $1\n' > plain
chmod +x plain
./plain x
## stdout: no-shebang x

#### missing interpreter is 127
printf '#!/no/such/interp\necho hi\n' > bad
chmod +x bad
./bad 2>/dev/null
echo $?
## stdout: 127

#### #! with an argument: the kernel passes it as one word
printf '#!/bin/echo -n one two\n' > e
chmod +x e
./e three
## stdout: -n one two ./e three

#### interpreter receives the script path
printf '#!/bin/cat\nline two\n' > c
chmod +x c
./c
## STDOUT:
#!/bin/cat
line two
## END

#### PATH search finds a script
mkdir bin
printf '#!/bin/sh\necho found\n' > bin/tool
chmod +x bin/tool
PATH=$PWD/bin:$PATH
tool
## stdout: found

#### PATH search skips non-executable files
mkdir b1 b2
printf '#!/bin/sh\necho one\n' > b1/t
printf '#!/bin/sh\necho two\n' > b2/t
chmod +x b2/t
PATH=$PWD/b1:$PWD/b2:$PATH
t
## stdout: two

#### only non-executable files on PATH is 126
mkdir bx
printf 'echo x\n' > bx/onlyme
PATH=$PWD/bx:$PATH
onlyme 2>/dev/null
echo $?
## stdout: 126

#### exit status of a program
sh -c 'exit 9'
echo $?
## stdout: 9

#### killed by a signal is 128+n
sh -c 'kill -TERM $$'
echo $?
## stdout: 143

#### killed by SIGKILL is 137
sh -c 'kill -KILL $$'
echo $?
## stdout: 137

#### arguments reach the program intact
printf '[%s]' 'a b' "c" '' d; echo
## stdout: [a b][c][][d]

#### environment reaches the program
export FOO=bar
env | grep '^FOO='
## stdout: FOO=bar

#### program reads from the terminal stdin replaced
echo piped | cat
## stdout: piped

#### minish as an interpreter gets $0 and args
printf '#!/usr/bin/env minish\necho "$# $1 $2"\n' > m
chmod +x m
./m a b
## bash-differs: the interpreter is minish itself (bash would run it too, through env)
## stdout: 2 a b

#### script file run by minish: $0 is the file
printf 'echo $0 $1\n' > s.sh
minish s.sh arg
## bash-differs: runs minish explicitly
## stdout: s.sh arg

#### minish reads commands from stdin
echo "echo from-stdin" | minish
## bash-differs: runs minish explicitly
## stdout: from-stdin

#### stdin commands leave the rest of input to commands
printf 'read line\nsecond line\necho got $line\n' | minish
## bash-differs: runs minish explicitly
## stdout: got second line

#### relative command with a slash in a subdirectory
mkdir sub
printf '#!/bin/sh\necho sub\n' > sub/run
chmod +x sub/run
sub/run
## stdout: sub

#### empty command after expansion does nothing
e=
$e
echo $?
## stdout: 0

#### command named by a variable
cmd=echo
$cmd via-var
## stdout: via-var
