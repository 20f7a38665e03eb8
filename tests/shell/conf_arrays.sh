# bash --posix: indexed and associative arrays (bash manual, "Arrays")
a=(1 2 3); echo ${a[@]} ${#a[@]} ${a[1]} $a ${!a[@]}
b[5]=x; b[2]=y; echo ${b[@]} ${!b[*]} ${#b[*]}; unset 'b[2]'; echo ${b[@]} ${#b[@]}
c=(x); c+=(y z); c[10]=w; c+=(v); echo "${c[@]}" "${!c[@]}"
d=(a b c d e); echo ${d[@]:1:2} ${d[@]: -2} "${d[*]:2}" "${d[@]:7}"
e=("x y" z); for i in "${e[@]}"; do echo "[$i]"; done; echo "${#e[0]}" "${#e[@]}"
IFS=-; echo "${e[*]}"; IFS=' 	
'
declare -A m; m[one]=1; m[two]=2; m["x y"]=3; echo ${#m[@]} ${m[two]} "${m[x y]}"
for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done
declare -A n=([a]=1 [b]=2 [hello]=3 [zz]=4); echo "${!n[@]}" ${n[a]}${n[b]}
declare -p n
f=(1 "2 3" 'q"r'); declare -p f
g=(apple banana cherry); echo ${g[@]#?} ${g[@]%a*} ${g[@]/a/X} ${g[@]^} ${#g[1]}
h=(10 20 30); i=1; echo ${h[i+1]} ${h[$i]} ${h[-1]} ${h[-3]}
(( h[1] += 5 )); echo ${h[1]} $(( h[0] * 2 )) $(( h[2]++ )) ${h[2]}
fn() { local -a x=(p q); echo ${x[1]} ${#x[@]}; }; fn; echo "x=[${x[@]}]"
j=(1 2 3); (echo sub ${j[2]}); echo "cmdsub $(echo ${j[@]})"; echo "${j[@]}" | cat
x=y; y=hello; echo ${!x}; r='j[1]'; echo ${!r}
abc1=1 abc2=2; echo ${!abc@}
s=ab; s+=cd; s+=(ef); echo $s ${s[1]} ${#s[@]}
echo "a b  c" | { read -a arr; echo ${arr[1]} ${#arr[@]}; }
printf 'l1\nl2\nl3\n' | { mapfile -t lines; echo ${#lines[@]} "${lines[2]}"; }
printf 'l1\nl2\n' | { readarray ra; printf '<%s>' "${ra[@]}"; echo; }
k=(1 2); unset k; echo "[${k[@]}]" ${#k[@]}
l=([3]=c [1]=a b); echo ${l[@]} ${!l[@]}
declare -a emp; echo ${#emp[@]} "[${emp[*]}]"
declare -i num=3+4; num+=1; echo $num
o=(one two); echo ${o[@]@Q}; t="it's"; echo ${t@Q} ${t@U} ${t@u}
p=(x y z); p[1]=; echo "${#p[@]}" "[${p[1]}]"
[[ ${p[0]} == x ]] && echo dbl
for q in "${p[@]}" end; do echo "<$q>"; done
