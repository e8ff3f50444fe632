#### an EXIT trap set inside a subshell runs when the subshell ends
(trap 'echo sub-exit' EXIT; exit 4)
echo status $?
## STDOUT:
sub-exit
status 4
## END

#### an EXIT trap inside $(...) is part of its output
x=$(trap 'echo cs' EXIT; echo v)
echo "[$x]"
## STDOUT:
[v
cs]
## END

#### a trapped signal ends wait at once, and its trap runs
trap 'echo usr1-trap' USR1
sleep 5 &
(sleep 0.3; kill -USR1 $$) &
wait %1
echo wait-rc=$?
kill %1
## STDOUT:
usr1-trap
wait-rc=138
## END

#### N>&M- moves fd M to N (bash)
exec 4>four
exec 5>&4-
echo five >&5
echo four >&4 2>/dev/null || echo fd 4 is closed
cat four
## STDOUT:
fd 4 is closed
five
## END
