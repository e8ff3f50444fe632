# alias and unalias: substitution at parse time, from the next line on.
# (bash needs expand_aliases outside an interactive shell; minish always expands.)

#### an alias with arguments after it
shopt -s expand_aliases
alias say='echo said:'
say one two
## stdout: said: one two

#### alias text can hold a whole list
shopt -s expand_aliases
alias both='echo a; echo b'
both
## STDOUT:
a
b
## END

#### an alias is not expanded inside its own text
shopt -s expand_aliases
alias echo='echo [wrapped]'
echo hi
## stdout: [wrapped] hi

#### a trailing blank makes the next word an alias too
shopt -s expand_aliases
alias run='command '
alias greet='echo hello'
run greet world
## stdout: hello world

#### a quoted word is not an alias
shopt -s expand_aliases
alias greet='echo hello'
'greet' 2>/dev/null
echo status=$?
## stdout: status=127

#### alias lists, and prints one in a form the shell reads back
alias ll='ls -l' q="it's"
alias ll
alias
## STDOUT:
alias ll='ls -l'
alias ll='ls -l'
alias q='it'\''s'
## END

#### alias of an unknown name fails
alias nosuch
echo status=$?
## stdout: status=1

#### unalias removes one, unalias -a all
shopt -s expand_aliases
alias a1='echo one' a2='echo two'
unalias a1
alias | wc -l
unalias -a
alias | wc -l
unalias a2
echo status=$?
## STDOUT:
1
0
status=1
## END

#### an alias defined on a line is used from the next line
shopt -s expand_aliases
alias later='echo later'; later 2>/dev/null || echo not-yet
later
## STDOUT:
not-yet
later
## END

#### aliases work inside $( ) and ( )
shopt -s expand_aliases
alias hi='echo hello'
x=$(hi)
echo "$x"
(hi)
## STDOUT:
hello
hello
## END

#### a script expands aliases only after shopt -s expand_aliases
alias hi='echo hello'
hi 2>/dev/null || echo "not expanded $?"
shopt -s expand_aliases
alias hi='echo hello'
hi
## STDOUT:
not expanded 127
hello
## END
