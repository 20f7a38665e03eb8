# bash --posix: a pattern over several directory levels sees every directory's entries
mkdir -p g/a g/b g/c g/.hid
touch g/a/x1 g/a/x2 g/a/x3 g/b/y g/c/z g/.hid/h g/top
echo g/*/*
echo g/*/x?
echo g/[ab]/*
echo g/*/
echo g/.*/*
rm -r g
