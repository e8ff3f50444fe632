#### syntax error exits 2
echo ok
echo |
## status: 2
## stdout: ok

#### syntax error runs nothing of its line
echo before; echo after | ;
## status: 2
## stdout-json: ""

#### lone operator
| echo
## status: 2
## stdout-json: ""

#### double semicolon
echo a ;; echo b
## status: 2
## stdout-json: ""

#### trailing && at end of input
echo a &&
## status: 2
## stdout-json: ""

#### unmatched parenthesis
echo (
## status: 2
## stdout-json: ""

#### unexpected close paren
echo a )
## status: 2
## stdout-json: ""

#### redirection without a target
echo >
## status: 2
## stdout-json: ""

#### lines before a syntax error run
echo first
echo second
( echo bad
## status: 2
## STDOUT:
first
second
## END

#### semicolon alone
;
## status: 2
## stdout-json: ""

#### ampersand then semicolon
echo a & ;
## status: 2
## stdout-json: ""

#### unterminated command substitution
echo $(echo
## status: 2
## stdout-json: ""

#### unterminated backquote
echo `echo
## status: 2
## stdout-json: ""

#### a syntax error inside command substitution
echo $(echo |)
## bash-differs: minish parses $(...) with its command line, so nothing runs (as dash does); bash parses it late and runs echo
## status: 2
## stdout-json: ""

#### `name (` with nothing after it on the line is an error, not more input
f (
## status: 2
## stdout-json: ""
