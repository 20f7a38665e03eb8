# Arithmetic expansion $(( )).
echo $((1 + 2 * 3)) $(( (1 + 2) * 3 )) $((10 / 3)) $((10 % 3)) $((-7 / 2)) $((-7 % 2))
echo $((2 ** 10)) $((1 << 4)) $((256 >> 2)) $((5 & 3)) $((5 | 3)) $((5 ^ 3)) $((~0))
echo $((3 < 4)) $((3 > 4)) $((3 <= 3)) $((3 >= 4)) $((3 == 3)) $((3 != 3))
echo $((1 && 0)) $((1 || 0)) $((!5)) $((!0)) $((0 ? 10 : 20)) $((1 ? 10 : 20))
echo $((0x1f)) $((010)) $((2#101)) $((16#ff)) $((-(3)))
x=5 y=7
echo $((x + y)) $(($x * $y)) $((x * (y - 2)))
echo $((z + 1)) "unset counts as 0"
n=3; echo $((n += 2)) $n $((n -= 1)) $((n *= 3)) $((n /= 2)) $((n %= 4))
i=1; echo $((i++)) $i $((++i)) $i $((i--)) $i $((--i)) $i
e="2 + 3"; echo $((e * 2)) "(variables hold expressions)"
echo $((1, 2, 3))
echo $(( $(echo 6) * 7 ))
a=10; echo "$((a > 5 ? a - 5 : a + 5))"
echo $((0 && (1 / 0))) "short circuit skips the division"
(echo $((1 / 0))) 2>/dev/null || echo "division by zero fails"
(echo $((1 / 0))) 2>/dev/null; echo "status $?"
echo $((9223372036854775807 + 1)) | grep -c - 
