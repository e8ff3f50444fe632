#### arithmetic wraps around at 64 bits
echo $((9223372036854775807 + 1)) $((-9223372036854775807 - 2))
echo $((2**63)) $((3**40)) $((99999999999999999999))
## STDOUT:
-9223372036854775808 9223372036854775807
-9223372036854775808 -6289078614652622815 7766279631452241919
## END

#### squaring in a loop wraps instead of growing without end
x=3
for i in 1 2 3 4 5 6 7 8 9 10; do x=$((x * x)); done
echo $x
## stdout: -7087363323575676927

#### shift counts are taken modulo 64
echo $((1 << 64)) $((1 << -1)) $((1 << 99999999999)) $((-8 >> 1)) $((-1 >> 70))
## stdout: 1 -9223372036854775808 -9223372036854775808 -4 -1

#### the one overflowing quotient
echo $(( (-9223372036854775807 - 1) / -1 )) $(( (-9223372036854775807 - 1) % -1 ))
## stdout: -9223372036854775808 0

#### bases, comma, power, compound assignments
a=2
echo $((2#101)) $((16#ff)) $((64#_)) $((0x)) $((x=5, x+1)) $((2**3**2))
echo $((a <<= 3)) $((a |= 1)) $((a ^= 3)) $((a &= 6)) $a
## STDOUT:
5 255 63 0 6 512
16 17 18 2 2
## END

#### double quotes inside arithmetic are removed
x=2
echo $(( "$x" + 1 )) $(( "1 + 2" * 3 ))
## stdout: 3 7

#### && || and ?: do not evaluate the side not taken
echo $((0 && 1/0)) $((1 || 1/0)) $((1 ? 2 : 1/0)) $((0 ? n=1 : 3)) ${n:-unset}
## stdout: 0 1 2 3 unset

#### division by zero is an error with bash's status
echo $((1 / 0))
## status: 1

#### arithmetic syntax error
echo $((1 _ 2))
## status: 1

#### a bad substitution is found when it is expanded
echo before
echo ${x!}
## stdout: before
## status: 1

#### return outside a function is refused and the line goes on
return; echo "status $?"
## stdout: status 2

#### return in a sourced file ends only the file
printf 'echo in-file\nreturn 3\necho not-reached\n' > f.sh
. ./f.sh; echo "status $?"
## STDOUT:
in-file
status 3
## END

#### sourcing an empty file gives status 0
false; . /dev/null; echo $?
## stdout: 0

#### trap with a bad signal goes on with the others
trap 'echo caught' 99 USR1; echo "status $?"
kill -USR1 $$; echo after
## STDOUT:
status 1
caught
after
## END

#### trap on signal 32 is recorded as bash does
trap x 32; echo "status $?"; trap
## STDOUT:
status 0
trap -- 'x' 32
## END

#### trap -p lists one signal without changing it
trap 'echo a' INT; trap -p INT; trap
## STDOUT:
trap -- 'echo a' SIGINT
trap -- 'echo a' SIGINT
## END

#### kill -l names and numbers
kill -l 130 INT 0 37 9
## STDOUT:
INT
2
EXIT
RTMIN+3
KILL
## END

#### kill -l table
kill -l | head -2
## STDOUT:
 1) SIGHUP	 2) SIGINT	 3) SIGQUIT	 4) SIGILL	 5) SIGTRAP
 6) SIGABRT	 7) SIGBUS	 8) SIGFPE	 9) SIGKILL	10) SIGUSR1
## END

#### kill with a pid too big for pid_t
kill 99999999999999999999; echo "status $?"
kill 9999999999; echo "status $?"
## STDOUT:
status 1
status 1
## END

#### kill with an invalid signal
kill -s 99 $$; echo "status $?"; kill -99 $$; echo "status $?"
## STDOUT:
status 1
status 1
## END

#### umask refuses what is not an octal mask
umask 77777777777777777777777; echo "status $?"
umask -1; echo "status $?"
umask 0778; echo "status $?"
umask 7777; umask
## STDOUT:
status 1
status 2
status 1
0777
## END

#### umask -p and -S
umask 027; umask -p; umask -S
## STDOUT:
umask 0027
u=rwx,g=rx,o=
## END

#### exit and return with huge numbers
f() { return 99999999999999999999; }; f; echo "status $?"
g() { return -1; }; g; echo "status $?"
(exit 99999999999999999999); echo "status $?"
## STDOUT:
status 2
status 255
status 2
## END

#### shift refuses what is not a count
set -- a b; shift x; echo "status $?"; shift -1; echo "status $?"; echo $#
## STDOUT:
status 1
status 1
2
## END

#### read from a closed stdin
read x <&-; echo "status $?"
## stdout: status 1

#### read -u
echo hello > f; read -u 3 x 3< f; echo "$x"; read -u 99 y; echo "status $?"
## STDOUT:
hello
status 1
## END

#### history with a bad count
history x; echo "status $?"
## stdout: status 1

#### wait for something that is no job
wait x; echo "status $?"
## stdout: status 1

#### here-document with no body: the blank line before the next case is its body
cat <<EOF
## stdout:

#### backslash-quote in a here-document stays
x=V
cat <<EOF
a\"b $x \$x \\ \`
EOF
## stdout: a\"b V $x \ `

#### ulimit sets and shows a limit
ulimit -f 100; ulimit -f; ulimit -Hf
ulimit -S -c 0; ulimit -c
ulimit -n 64; ulimit -n; ulimit -Sn; ulimit -Hn
## STDOUT:
100
100
0
64
64
64
## END

#### ulimit unlimited, hard and soft
ulimit -t unlimited; ulimit -t; ulimit -S -s hard; ulimit -s | grep -c .
## STDOUT:
unlimited
1
## END

#### ulimit errors
ulimit -n abc; echo "status $?"
ulimit -y; echo "status $?"
ulimit -v -1; echo "status $?"
ulimit -S -n 99999999; echo "status $?"
ulimit -p 3; echo "status $?"
## STDOUT:
status 1
status 2
status 2
status 1
status 1
## END

#### ulimit -a lists every limit
ulimit -a | cut -c1-40
## STDOUT:
real-time non-blocking time  (microsecon
core file size              (blocks, -c)
data seg size               (kbytes, -d)
scheduling priority                 (-e)
file size                   (blocks, -f)
pending signals                     (-i)
max locked memory           (kbytes, -l)
max memory size             (kbytes, -m)
open files                          (-n)
pipe size                (512 bytes, -p)
POSIX message queues         (bytes, -q)
real-time priority                  (-r)
stack size                  (kbytes, -s)
cpu time                   (seconds, -t)
max user processes                  (-u)
virtual memory              (kbytes, -v)
file locks                          (-x)
## END

#### ulimit -a values are bash's
ulimit -a; ulimit -Ha; ulimit -c -n

#### here-document cut short by the end of input
cat <<EOF
one $((1 + 1))
## stdout: one 2
