# set -x: what the shell writes before each command (run/xtrace.py).
# Each case sends the trace to stdout (2>&1) so that it is compared with bash.

#### PS4 is expanded: $LINENO and arithmetic
{
PS4='+$LINENO: '
set -x
echo one
x=$((2 + 3))
set +x
} 2>&1
## STDOUT:
+4: echo one
one
+5: x=5
+6: set +x
## END

#### PS4 is shown as it was before it is assigned
{
set -x
PS4='> '
echo two
set +x
} 2>&1
## STDOUT:
+ PS4='> '
> echo two
two
> set +x
## END

#### an empty or unset PS4 means no prefix at all
{
set -x
PS4=
echo empty
unset PS4
echo unset
set +x
} 2>&1
## STDOUT:
+ PS4=
echo empty
empty
unset PS4
echo unset
unset
set +x
## END

#### the first character of PS4 repeats once per level of $(...), eval and .
{
echo 'echo sourced' > lib.sh
set -x
x=$(echo a $(echo b))
eval 'echo c'
. ./lib.sh
set +x
} 2>&1
## STDOUT:
+++ echo b
++ echo a b
+ x='a b'
+ eval 'echo c'
++ echo c
c
+ . ./lib.sh
++ echo sourced
sourced
+ set +x
## END

#### a $(...) inside PS4 is not traced itself
{
PS4='$(echo "[x]") '
set -x
echo inside
set +x
} 2>&1
## STDOUT:
[x] echo inside
inside
[x] set +x
## END

#### a PS4 whose expansion fails is written as it is, and the command runs
{
PS4='${nope?} '
set -x
echo still
set +x
} 2>/dev/null
echo "status $?"
## STDOUT:
still
status 0
## END

#### prefix assignments: each on its own line, as its value is expanded
{
set -x
a=1 b=$(echo 2) /bin/true
c= env >/dev/null
d=
set +x
} 2>&1
## STDOUT:
+ a=1
++ echo 2
+ b=2
+ /bin/true
+ c=
+ env
+ d=
+ set +x
## END

#### for and case show their words as written; (( )) its expanded text
{
set -x
set -- 'a b'
for i; do :; done
l='p q'
for i in $l "r"; do :; done
case "$l" in p*) ;; esac
j=4
((  k = j + 1  ))
((k))
set +x
} 2>&1
## STDOUT:
+ set -- 'a b'
+ for i in "$@"
+ :
+ l='p q'
+ for i in $l "r"
+ :
+ for i in $l "r"
+ :
+ for i in $l "r"
+ :
+ case "$l" in
+ j=4
+ ((   k = j + 1   ))
+ (( k ))
+ set +x
## END

#### for (( )) shows each part it evaluates; an empty part is 1
{
set -x
for (( i = 0 ; i < 1 ; i++ )); do :; done
for ((;;)); do break; done
set +x
} 2>&1
## STDOUT:
+ (( i = 0  ))
+ (( i < 1  ))
+ :
+ (( i++  ))
+ (( i < 1  ))
+ (( 1 ))
+ (( 1 ))
+ break
+ set +x
## END

#### [[ ]] shows each test it makes, quoted pattern characters escaped
{
x='a b'
e=
set -x
[[ -z $x || $x == a* ]]
[[ $x == "a b" && ! -d /nonexistent ]]
[[ $x ]]
[[ $e == '' ]]
[[ -n $x && ( 1 -gt 2 || $x =~ ^a ) ]]
set +x
} 2>&1
## STDOUT:
+ [[ -z a b ]]
+ [[ a b == a* ]]
+ [[ a b == \a\ \b ]]
+ [[ ! -d /nonexistent ]]
+ [[ -n a b ]]
+ [[ '' == '' ]]
+ [[ -n a b ]]
+ [[ 1 -gt 2 ]]
+ [[ a b =~ ^a ]]
+ set +x
## END
