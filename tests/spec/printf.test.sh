# printf as a builtin.

#### widths, precision and flags
printf '[%5s][%-5s][%.2s][%05d][%+d][%x][%o][%X]\n' ab cd efgh 42 7 255 8 255
## stdout: [   ab][cd   ][ef][00042][+7][ff][10][FF]

#### the format is used again for the remaining arguments
printf '%s-%s\n' a b c
## STDOUT:
a-b
c-
## END

#### floating point
printf '%.3f %e %g\n' 3.14159 1234.5 0.0001
## stdout: 3.142 1.234500e+03 0.0001

#### %b expands escapes in the argument, %s does not
printf '%s|%b\n' 'a\tb' 'a\tb'
## stdout: a\tb|a	b

#### %q quotes for the shell
printf '%q\n' "it's here" 'a$b'
## STDOUT:
it\'s\ here
a\$b
## END

#### -v puts the output in a variable
printf -v padded '%03d' 7
echo "[$padded]"
## stdout: [007]

#### 'c gives the code of c; 0x and 0 prefixes
printf '%d %d %d\n' "'A" 0x1F 017
## stdout: 65 31 15

#### an invalid number is an error but printing goes on
printf '%d|' 12 abc 2>/dev/null
echo " status=$?"
## stdout: 12|0| status=1

#### escapes in the format
printf 'a\tb\x41\101\n'
## stdout: a	bAA

#### %% and %c
printf '%c%c %%\n' hello world
## stdout: hw %

#### %#o is C's alternate octal form: a leading 0, never Python's 0o
printf '%#o|%#o|%#5o|%#.5o|%#-6o|%#08o|\n' 8 0 8 8 8 8
## stdout: 010|0|  010|00010|010   |00000010|
