#### if then fi
if true; then echo yes; fi
## stdout: yes

#### if else
if false; then echo yes; else echo no; fi
## stdout: no

#### elif chain
x=2
if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi
## stdout: two

#### if status when nothing ran
if false; then echo no; fi
echo $?
## stdout: 0

#### if on several lines
if true
then
  echo multi
fi
## stdout: multi

#### condition is a pipeline
if echo abc | grep -q b; then echo found; fi
## stdout: found

#### while loop counting
i=0
while [ $i -lt 3 ]; do echo $i; i=$((i + 1)); done
## STDOUT:
0
1
2
## END

#### until loop
i=0
until [ $i -ge 2 ]; do echo $i; i=$((i + 1)); done
## STDOUT:
0
1
## END

#### for over words
for x in a b c; do echo $x; done
## STDOUT:
a
b
c
## END

#### for over a glob
touch f1 f2
for f in f*; do echo file $f; done
## STDOUT:
file f1
file f2
## END

#### for without in uses the positional parameters
set -- p q
for x; do echo $x; done
## STDOUT:
p
q
## END

#### for over an empty list
for x in; do echo never; done
echo after
## stdout: after

#### break
for x in 1 2 3; do [ $x = 2 ] && break; echo $x; done
## stdout: 1

#### continue
for x in 1 2 3; do [ $x = 2 ] && continue; echo $x; done
## STDOUT:
1
3
## END

#### break 2 leaves two loops
for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done
## stdout: 1x

#### while read from a redirection
printf 'one\ntwo\n' > in
while read line; do echo "got $line"; done < in
## STDOUT:
got one
got two
## END

#### loop output into a pipe
for x in c a b; do echo $x; done | sort
## STDOUT:
a
b
c
## END

#### loop in a pipeline does not change the shell
x=before
echo data | while read x; do :; done
echo $x
## stdout: before

#### status of a loop is its last command
for x in 1; do false; done; echo $?
## stdout: 1

#### function definition and call
greet() { echo "hello $1"; }
greet world
## stdout: hello world

#### function arguments and $#
f() { echo $# $2; }
f a b c
## stdout: 3 b

#### positional parameters restored after a call
set -- outer
f() { echo in $1; }
f inner
echo out $1
## STDOUT:
in inner
out outer
## END

#### return status
f() { return 7; }
f; echo $?
## stdout: 7

#### function variables are global
f() { v=set-in-f; }
f; echo $v
## stdout: set-in-f

#### function with redirection on the call
f() { echo to-file; }
f > out
cat out
## stdout: to-file

#### recursion
count() { if [ $1 -gt 0 ]; then echo $1; count $(($1 - 1)); fi; }
count 3
## STDOUT:
3
2
1
## END

#### nested if in a loop
for n in 1 2 3 4; do if [ $((n % 2)) = 0 ]; then echo even $n; fi; done
## STDOUT:
even 2
even 4
## END

#### reserved words as arguments
echo if then fi do done
## stdout: if then fi do done

#### fi without if is a syntax error
fi
## status: 2
## stdout-json: ""

#### unterminated if is a syntax error
if true; then echo x
## status: 2
## stdout-json: ""

#### done without a loop
echo a; done
## status: 2
## stdout-json: ""

#### set -e does not fire in an if condition
set -e
if false; then echo no; fi
echo survived
## stdout: survived

#### loop with a command substitution
for w in $(echo x y); do echo [$w]; done
## STDOUT:
[x]
[y]
## END

#### while with break on a condition
n=0
while true; do n=$((n+1)); if [ $n = 3 ]; then break; fi; done
echo $n
## stdout: 3

#### case with patterns
for w in apple banana cherry 7 zzz; do
  case $w in
    a*) echo "$w starts with a" ;;
    b*|c*) echo "$w is b or c" ;;
    [0-9]) echo "$w is a digit" ;;
    *) echo "$w is something else" ;;
  esac
done
## STDOUT:
apple starts with a
banana is b or c
cherry is b or c
7 is a digit
zzz is something else
## END

#### case: quoted pattern is literal
case 'a*' in "a*") echo literal ;; a*) echo glob ;; esac
## stdout: literal

#### case with no match has status 0
false
case x in y) echo no ;; esac
echo $?
## stdout: 0

#### case with parenthesised patterns and an empty body
case foo in (bar) ;; (f*) echo matched ;; esac
## stdout: matched

#### case word from a variable, pattern from a variable
w=hello p='h*'
case $w in $p) echo var-pattern ;; esac
## stdout: var-pattern

#### case last item without ;;
case b in a) echo a ;; b) echo b
esac
## stdout: b

#### esac without case is a syntax error
esac
## status: 2
## stdout-json: ""
