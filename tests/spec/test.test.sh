# test, [ and [[ ]].

#### file tests
mkdir d; touch f; ln -s f link
[ -d d ] && echo dir
[ -f f ] && echo file
[ -L link ] && echo symlink
[ -e nothing ] || echo missing
[ -s f ] || echo empty
## STDOUT:
dir
file
symlink
missing
empty
## END

#### string and integer comparisons
[ abc = abc ] && echo eq
[ abc != abd ] && echo ne
[ -z "" ] && echo zero
[ 3 -lt 10 ] && echo lt
[ 10 -ge 10 ] && echo ge
## STDOUT:
eq
ne
zero
lt
ge
## END

#### ! -a -o and parentheses
[ ! -e nothing ] && echo not
[ 1 = 1 -a 2 = 2 ] && echo and
[ 1 = 2 -o 2 = 2 ] && echo or
[ \( 1 = 2 \) -o 1 = 1 ] && echo parens
## STDOUT:
not
and
or
parens
## END

#### an operator as the only argument is a non-empty string
[ -n ] && echo true
[ = ] && echo true
## STDOUT:
true
true
## END

#### a bad integer is status 2, a missing ] too
[ abc -eq 1 ] 2>/dev/null
echo status=$?
[ 1 = 1 2>/dev/null
echo status=$?
## STDOUT:
status=2
status=2
## END

#### [[ ]] does not split or glob its words
x='a b'
touch star.txt
[[ $x = 'a b' ]] && echo no-split
[[ *.txt = '*.txt' ]] && echo no-glob
## STDOUT:
no-split
no-glob
## END

#### [[ == ]] matches a pattern; quoting makes it literal
[[ file.txt == *.txt ]] && echo pattern
[[ file.txt == "*.txt" ]] || echo literal
## STDOUT:
pattern
literal
## END

#### [[ =~ ]] and BASH_REMATCH
if [[ abc123 =~ ^([a-z]+)([0-9]+)$ ]]; then
  echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
fi
[[ abc =~ ^[0-9]+$ ]] || echo no-match
## STDOUT:
abc123 abc 123
no-match
## END

#### [[ ]] with && || ! and ( )
[[ -n x && ( 1 -lt 2 || 0 -eq 1 ) ]] && echo complex
[[ ! -d nothing ]] && echo negated
## STDOUT:
complex
negated
## END

#### [[ < ]] compares strings
[[ apple < banana ]] && echo before
## stdout: before
