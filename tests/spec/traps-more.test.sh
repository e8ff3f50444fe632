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
