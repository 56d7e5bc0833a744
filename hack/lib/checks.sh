# Shared by the hack/ check scripts (source it): counters and check helpers that print
# PASS or FAIL per check. The caller prints "$passed passed, $failed failed" at the end.
passed=0; failed=0

# check NAME EXPECTED-SUBSTRING COMMAND...: runs COMMAND and looks for the substring in its output.
check() {
  local name=$1 expect=$2; shift 2
  local out
  out=$("$@" 2>&1)
  if [[ "$out" == *"$expect"* ]]; then
    passed=$((passed + 1)); echo "PASS $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: expected '$expect' in:"; echo "$out" | sed 's/^/    /' | head -20
  fi
}

# wait_for NAME EXPECTED COMMAND...: polls COMMAND (up to 60 s) until its output equals EXPECTED.
wait_for() {
  local name=$1 expect=$2; shift 2
  local out=""
  for _ in $(seq 1 300); do
    out=$("$@" 2>&1)
    [ "$out" == "$expect" ] && { passed=$((passed + 1)); echo "PASS $name"; return; }
    sleep 0.2
  done
  failed=$((failed + 1)); echo "FAIL $name: expected '$expect', last saw '$out'"
}
