#!/bin/sh
# deploy-guard image inventory: writes the manifest deploy-guard checks deploy scripts against,
#   {"image": "ami-…", "path": "/usr/local/sbin:…", "executables": ["/usr/local/bin/aws", …]}
# listing every executable file in the PATH directories and in any extra directories given.
#
# Usage: image-inventory.sh [-i IMAGE_ID] [-p PATH] [-o FILE] [EXTRA_DIR …]
#   -i  image id; default: the AMI id of this instance from the instance metadata service (IMDSv2).
#       In a Packer build the instance runs the *source* AMI, so pass a placeholder (-i IMAGE_ID)
#       and replace it with the artifact id in a shell-local post-processor.
#   -p  PATH to scan and record (its absolute entries); default: $PATH. Use the PATH your deploy scripts run with.
#   -o  write the manifest to FILE (atomically); default: standard output.
#   EXTRA_DIR  further directories to list, e.g. /opt/aws/bin for cfn-signal.
#
# POSIX sh, read-only apart from -o. Exit status: 0 written, 1 failed, 2 usage.
set -eu
LC_ALL=C
export LC_ALL

usage() {
  echo "usage: $0 [-i IMAGE_ID] [-p PATH] [-o FILE] [EXTRA_DIR ...]" >&2
  exit 2
}

image=''
scan_path=${PATH:-}
output=''
while getopts i:p:o:h opt; do
  case $opt in
    i) image=$OPTARG ;;
    p) scan_path=$OPTARG ;;
    o) output=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))

fail() {
  echo "image-inventory: $*" >&2
  exit 1
}

metadata() {
  # IMDSv2: a session token first, then the value. Short timeouts: off EC2 there is no answer.
  imds=http://169.254.169.254/latest
  if command -v curl >/dev/null 2>&1; then
    token=$(curl -fsS --max-time 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$imds/api/token") || return 1
    curl -fsS --max-time 2 -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"
  elif command -v wget >/dev/null 2>&1; then
    token=$(wget -q -T 2 -O - --method=PUT --header='X-aws-ec2-metadata-token-ttl-seconds: 60' "$imds/api/token") || return 1
    wget -q -T 2 -O - --header="X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"
  else
    return 1
  fi
}

if [ -z "$image" ]; then
  image=$(metadata ami-id) || fail 'no -i IMAGE_ID given and the instance metadata service (IMDSv2) did not answer'
  case $image in
    ami-*) ;;
    *) fail "the instance metadata service returned an unexpected image id: $image" ;;
  esac
fi
[ -n "$scan_path" ] || fail 'PATH is empty; give one with -p'
case $image in
  *[!A-Za-z0-9_-]*) fail "not an image id: $image" ;;
esac

# JSON string escaping, byte by byte: backslash, quote and control characters.
escape_awk='
BEGIN { for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i); ctl["\t"] = "\\t"; ctl["\r"] = "\\r" }
function esc(s,    out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\") out = out "\\\\"
    else if (c == "\"") out = out "\\\""
    else if (c in ctl) out = out ctl[c]
    else out = out c
  }
  return out
}'
# One JSON string per input line; with JOIN=1, all lines form one string joined by \n.
json_strings() {
  awk -v join="${1:-0}" "$escape_awk"'
    join == 1 { s = s (NR > 1 ? "\\n" : "") esc($0); next }
    { print "\"" esc($0) "\"" }
    END { if (join == 1) print "\"" s "\"" }'
}

tmp=$(mktemp "${TMPDIR:-/tmp}/image-inventory.XXXXXX") || fail 'cannot create a temporary file'
trap 'rm -f "$tmp" "$tmp.multi" "$tmp.dirs" "$tmp.out"' EXIT HUP INT TERM
: >"$tmp.multi"
newline='
'

list_dir() {
  dir=$1
  case $dir in
    /*) ;;
    *) return 0 ;; # relative or empty PATH entries: not a place deploy scripts can rely on
  esac
  [ -d "$dir" ] || return 0
  [ "$dir" = / ] && dir=''
  for file in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
    [ -f "$file" ] && [ -x "$file" ] || continue
    case $file in
      *"$newline"*) printf '%s' "$file" | json_strings 1 >>"$tmp.multi" ;;
      *) printf '%s\n' "$file" >>"$tmp" ;;
    esac
  done
}

printf '%s\n' "$scan_path" | tr ':' '\n' >"$tmp.dirs"
recorded=''
while IFS= read -r dir; do
  case $dir in
    /*) recorded=${recorded:+$recorded:}$dir ;;
  esac
  list_dir "$dir"
done <"$tmp.dirs"
for dir in "$@"; do
  list_dir "${dir%/}"
done

{
  printf '{\n  "image": %s,\n' "$(printf '%s' "$image" | json_strings 1)"
  printf '  "path": %s,\n' "$(printf '%s' "$recorded" | json_strings 1)"
  printf '  "executables": ['
  { sort -u "$tmp" | json_strings; cat "$tmp.multi"; } | sort -u | awk 'NR > 1 { printf "," } { printf "\n    %s", $0 } END { if (NR > 0) printf "\n  " }'
  printf ']\n}\n'
} >"$tmp.out"

if [ -n "$output" ]; then
  # Same folder as the target, so the final rename is atomic.
  target_tmp="$output.tmp.$$"
  cp "$tmp.out" "$target_tmp" && mv -f "$target_tmp" "$output" || fail "cannot write $output"
else
  cat "$tmp.out"
fi
