#### single quotes keep everything literal
echo 'a  $HOME  "b"  \n  *'
## stdout: a  $HOME  "b"  \n  *

#### double quotes expand variables but keep blanks
x='1   2'
echo "[$x]"
## stdout: [1   2]

#### backslash escapes inside double quotes
echo "a\"b\\c\$d\e"
## stdout: a"b\c$d\e

#### backslash outside quotes
echo a\ b \$x \\ \'
## stdout: a b $x \ '

#### empty arguments are preserved
printf '[%s]\n' '' "" a ''
## STDOUT:
[]
[]
[a]
[]
## END

#### adjacent quoted and unquoted parts make one word
printf '[%s]\n' a'b'"c"d
## stdout: [abcd]

#### quoted glob characters do not glob
touch a1 a2
echo 'a*' "a?" a\*
## stdout: a* a? a*

#### comments are ignored
echo one # two three
echo four#five
## STDOUT:
one
four#five
## END

#### hash inside quotes is not a comment
echo '# not' "# comment"
## stdout: # not # comment

#### line continuation with backslash-newline
echo ab\
cd
## stdout: abcd

#### single quote inside double quotes
echo "it's"
## stdout: it's

#### double quote inside single quotes
echo 'say "hi"'
## stdout: say "hi"

#### dollar at end of word is literal
echo a$ "b$" '$'
## stdout: a$ b$ $

#### quoted operators are words
echo '|' "&&" ';' '>' '<'
## stdout: | && ; > <

#### backslash before an ordinary character inside double quotes stays
echo "\a\b"
## stdout: \a\b

#### tab and newline inside quotes
printf '%s\n' "a	b" 'c
d'
## STDOUT:
a	b
c
d
## END

#### unterminated single quote is a syntax error
echo 'abc
## status: 2
## stdout-json: ""

#### unterminated double quote is a syntax error
echo "abc
## status: 2
## stdout-json: ""

#### empty quotes as a command name
'' 2>/dev/null
echo $?
## stdout: 127

#### quoted word with spaces is one argument
set -- "a b" c
echo $#
## stdout: 2

#### mixing quotes inside one word
echo "a"'b'"c"'d'
## stdout: abcd

#### escaped newline inside double quotes disappears
echo "ab\
cd"
## stdout: abcd

#### backslash-newline inside single quotes stays
echo 'ab\
cd'
## STDOUT:
ab\
cd
## END

#### a quoted reserved word is not reserved
'{' 2>/dev/null
echo $?
## stdout: 127

#### literal brace words are arguments
echo { } x
## stdout: { } x
