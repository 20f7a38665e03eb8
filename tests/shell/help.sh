# help: the builtins with their usage (the text is our own, not bash's).
help cd
help test [
help | grep -c "^  "
help | head -n 1
help nosuch 2>/dev/null || echo "no help for nosuch: $?"
history; echo "history is empty without -i: $?"
