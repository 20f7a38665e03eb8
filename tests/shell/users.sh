# Users and permissions as the REPL's ordinary user (uid 1000, "user"):
# identity programs, a script's execute bit, chmod's modes, chown/chgrp
# rules, ls -l's owner and group columns, and what root's files refuse.
id; whoami; groups; id -u; id -gn; id -G; id -un root; groups root
id nosuch; echo "id nosuch: $?"
pwd
cd /tmp && mkdir t && cd t
echo 'echo hi from $0' > s.sh
./s.sh; echo "no x: $?"
chmod +x s.sh; ./s.sh; echo "x: $?"
ls -l s.sh
chmod 0640 s.sh; ls -l s.sh
chmod u+x,g=u,o+r s.sh; ls -l s.sh
chmod a-w,+t s.sh; ls -l s.sh
chmod =r s.sh; ls -l s.sh
chmod 4755 s.sh; ls -l s.sh
chmod -v u-s s.sh
chmod -c 755 s.sh
chmod 9 s.sh; echo "bad mode: $?"
chmod u+q s.sh; echo "bad mode: $?"
chmod; echo "no operand: $?"
mkdir d; chmod 2755 d; ls -ld d; chmod 755 d; ls -ld d; chmod g-s d; ls -ld d
chgrp users s.sh; ls -ln s.sh
chown user:user s.sh; ls -l s.sh
chown root s.sh; echo "chown root: $?"
chgrp root s.sh; echo "chgrp root: $?"
chown :nosuchgroup s.sh; echo "bad group: $?"
chmod 644 /etc/passwd; echo "chmod passwd: $?"
cat /etc/shadow; echo "shadow: $?"
echo x > /etc/motd; echo "write motd: $?"
ls /root; echo "ls /root: $?"
rm /etc/hostname; echo "rm hostname: $?"
kill -TERM 1; echo "kill init: $?"
ls -l /etc/passwd /etc/shadow
ls -ld /tmp /root /home/user
