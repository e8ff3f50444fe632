# wait -n (bash): the next background job to end.

#### wait -n waits for the next job to end and gives its status
sleep 5 & slow=$!
(sleep 0.2; exit 3) &      # still running when wait -n starts (bash needs that)
wait -n
echo first=$?
(sleep 0.2; exit 4) &
wait -n
echo second=$?
kill $slow
wait $slow
echo killed=$?
wait -n
echo none=$?
## STDOUT:
first=3
second=4
killed=143
none=127
## END

#### jobs -p in $(...) and in a pipeline lists the shell's jobs (kill $(jobs -p))
sleep 5 &
test "$(jobs -p)" = "$!" && echo listed
jobs -p | grep -qx "$!" && echo piped
( test -z "$(jobs -p)" ) && echo "not in ( )"
kill $(jobs -p)
wait $!; echo "status=$?"
## STDOUT:
listed
piped
not in ( )
status=143
## END
