# getopts: one option per call, OPTIND and OPTARG.

#### a loop over flags and an option with an argument
f() {
  while getopts 'hc:' opt; do
    echo "opt=$opt arg=${OPTARG-none}"
  done
  shift $((OPTIND - 1))
  echo "rest: $*"
}
f -h -c foo x y
## STDOUT:
opt=h arg=none
opt=c arg=foo
rest: x y
## END

#### bundled flags and an argument glued to its letter
f() { while getopts 'abc:' o; do echo "$o ${OPTARG-}"; done; echo OPTIND=$OPTIND; }
f -ab -cVALUE rest
## STDOUT:
a 
b 
c VALUE
OPTIND=3
## END

#### -- ends the options
f() { while getopts 'a' o; do echo "got $o"; done; shift $((OPTIND - 1)); echo "rest: $*"; }
f -a -- -a
## STDOUT:
got a
rest: -a
## END

#### an unknown option gives ? (and a message on stderr)
f() { getopts 'a' o 2>/dev/null; echo "status=$? o=$o OPTARG=${OPTARG-unset}"; }
f -z
## stdout: status=0 o=? OPTARG=unset

#### silent mode: ? with the letter, : for a missing argument
f() { while getopts ':a:' o; do echo "o=$o OPTARG=$OPTARG"; done; }
f -z
OPTIND=1
f -a
## STDOUT:
o=? OPTARG=z
o=: OPTARG=a
## END

#### getopts parses the arguments it is given
while getopts 'xy' o -x -y; do echo "$o"; done
echo OPTIND=$OPTIND
## STDOUT:
x
y
OPTIND=3
## END

#### setting OPTIND=1 starts over
getopts 'a' o -a; echo $o
OPTIND=1
getopts 'a' o -a; echo $o $OPTIND
## STDOUT:
a
a 2
## END
