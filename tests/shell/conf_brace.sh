# bash --posix: brace expansion (bash manual, "Brace Expansion")
HOME=/hh
echo {1..a} {"a",b} {$HOME,b} x{a,b}y {a..e} {5..1} {01..10..3} {a,b{1,2}} {} {a} {a..} {,x} a{,}b
echo {"x,y",z} '{a,b}' \{a,b} {a,b\}c} {1..10..-3} {-3..3..2} {z..u} {a..f..2} "{a,b}"
v=q; echo {1..3}{a,b} a{"$v"x,y}b
