# local (dynamic scope), declare/typeset, readonly, export -n.

#### local hides the global for the rest of the call
x=global
f() { local x=inner; echo "f: $x"; }
f
echo "top: $x"
## STDOUT:
f: inner
top: global
## END

#### dynamic scope: a function called from f sees f's local
x=global
show() { echo "show: $x"; }
f() { local x=inner; show; }
f
show
## STDOUT:
show: inner
show: global
## END

#### local without a value leaves the name unset
x=global
f() { local x; echo "[${x-unset}]"; }
f
## stdout: [unset]

#### a callee's assignment changes the caller's local, not the global
x=global
set_it() { x=changed; }
f() { local x=mine; set_it; echo "f: $x"; }
f
echo "top: $x"
## STDOUT:
f: changed
top: global
## END

#### local outside a function is an error
local x=1
echo status=$?
## stdout: status=1

#### X=value before a function call is seen by it and its children
f() { echo "f: $V"; sh -c 'echo "child: $V"'; }
V=temp f
echo "after: [${V-unset}]"
## STDOUT:
f: temp
child: temp
after: [unset]
## END

#### declare -x exports, declare -r makes readonly
declare -x EX=1
sh -c 'echo child sees $EX'
declare -r RO=2
( RO=3 ) 2>/dev/null || echo refused
echo $RO
## STDOUT:
child sees 1
refused
2
## END

#### readonly refuses assignment and unset
readonly r=1
unset r 2>/dev/null
echo "unset status=$? r=$r"
## stdout: unset status=1 r=1

#### local x=$y is one word, not split
y='a b  c'
f() { local x=$y; echo "[$x]"; }
f
## stdout: [a b  c]

#### export -n keeps the variable but not in the environment
export E=val
export -n E
echo "shell: $E"
sh -c 'echo "child: [${E-}]"'
## STDOUT:
shell: val
child: []
## END

#### unset removes a function when no variable has the name
f() { echo f; }
unset f
f 2>/dev/null
echo status=$?
## stdout: status=127

#### local, declare and readonly with an array value
f() { local -a arr=(1 "2 3"); echo ${#arr[@]} "${arr[1]}"; }
f
echo "outside: [${arr[@]}]"
declare -a d=(x y)
echo ${d[1]}
readonly r=(5 6)
echo ${r[0]}
(r=(7)) 2>/dev/null || echo still-readonly
## STDOUT:
2 2 3
outside: []
y
5
still-readonly
## END
