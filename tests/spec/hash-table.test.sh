#### a program found once is run from where it was found, until hash -r
PATH="one:two:$PATH"
mkdir -p one two
echo 'echo two' > two/mycmd; chmod +x two/mycmd
mycmd; echo status=$?
echo 'echo one' > one/mycmd; chmod +x one/mycmd
mycmd
rm two/mycmd
mycmd 2>/dev/null; echo status=$?
hash -r; mycmd; echo status=$?
## STDOUT:
two
status=0
two
status=127
one
status=0
## END

#### assigning PATH forgets the table
mkdir -p a b
printf '#!/bin/sh\necho a\n' > a/prog; printf '#!/bin/sh\necho b\n' > b/prog
chmod +x a/prog b/prog
PATH="$PWD/a:$PATH"; prog
PATH="$PWD/b:$PATH"; prog
## STDOUT:
a
b
## END

#### a pipeline stage's lookup is made in its child: the table stays empty
hash -r
ls / | cat >/dev/null
hash
## STDOUT:
hash: hash table empty
## END

#### a pipeline stage runs a program from the table, even one moved since
PATH="one:two:$PATH"
mkdir -p one two
echo 'echo two' > two/mycmd; chmod +x two/mycmd
mycmd
echo 'echo one' > one/mycmd; chmod +x one/mycmd
mycmd | cat
rm two/mycmd
mycmd 2>/dev/null | cat; echo status=${PIPESTATUS[0]}
echo x | mycmd 2>/dev/null; echo status=$?
## STDOUT:
two
two
status=127
status=127
## END
