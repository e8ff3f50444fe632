# cd, pwd, CDPATH, pushd, popd, dirs.

#### cd - goes back and prints where
mkdir a b
cd a
cd ../b
cd - >/dev/null
basename "$PWD"
basename "$OLDPWD"
## STDOUT:
a
b
## END

#### cd into nodir/.. fails
cd nodir/.. 2>/dev/null
echo status=$?
## stdout: status=1

#### CDPATH finds a relative directory, and cd prints it
mkdir -p base/target
CDPATH=$PWD/base cd target > out
basename "$PWD"
wc -l < ../../out
## STDOUT:
target
1
## END

#### PWD is exported
mkdir sub
cd sub
sh -c 'basename "$PWD"'
## stdout: sub

#### pushd and popd
mkdir one two
pushd one > /dev/null
pushd ../two > /dev/null
basename "$PWD"
popd > /dev/null
basename "$PWD"
popd > /dev/null
popd 2>/dev/null
echo status=$?
## STDOUT:
two
one
status=1
## END

#### cd -- dir
mkdir dash
cd -- dash
basename "$PWD"
## stdout: dash

#### dirs +N and -N show one entry; bad arguments are usage errors
cd /tmp
dirs +1 2>/dev/null; echo "st=$?"
pushd /usr >/dev/null; pushd /etc >/dev/null
dirs +1; dirs -0; dirs -v +2
dirs +3 2>/dev/null; echo "st=$?"
dirs -z 2>/dev/null; echo "st=$?"
dirs x 2>/dev/null; echo "st=$?"
dirs -- -p
dirs -p -- +1
## STDOUT:
st=1
/usr
/tmp
 2  /tmp
st=1
st=2
st=2
/etc /usr /tmp
/etc
/usr
/tmp
## END
