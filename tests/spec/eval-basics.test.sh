#### eval runs its words as commands in this shell
x=1
eval 'x=2; echo in eval $x'
echo after $x
## STDOUT:
in eval 2
after 2
## END

#### eval of a pipeline and of a background job
cmd='echo abc | tr a-c A-C'
eval "$cmd"
eval 'sleep 0 &'
wait $!
echo waited $?
## STDOUT:
ABC
waited 0
## END

#### a syntax error in eval is reported and the script goes on
eval 'if then' 2>/dev/null
echo status $?
## stdout: status 2

#### eval contains an arithmetic or readonly error: eval fails, its caller goes on
readonly r=1
f() { eval 'echo $((1/0)); echo not-here'; echo "status=$?"; eval 'r=2; echo not-here'; echo "status=$?"; }
f 2>/dev/null
echo end
## STDOUT:
status=1
status=1
end
## END

#### set -e: assigning a readonly variable ends the shell
set -e
readonly r=1
r=2 2>/dev/null
echo not-here
## status: 1
## STDOUT:
## END
