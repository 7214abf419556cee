#!/bin/sh
# Rebuilds tree-sitter-hcl.wasm and tree-sitter-terraform.wasm in this folder from the sources of the pinned
# @tree-sitter-grammars/tree-sitter-hcl npm package, with scanner-literal-runs.patch applied (README.md says
# why). Needs emcc; the committed files were built with Debian bookworm's emscripten 3.1.6
# (`apt-get install emscripten`), the flags of `tree-sitter build --wasm`. `npm run build` only copies them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
package="$root/node_modules/@tree-sitter-grammars/tree-sitter-hcl"
version=$(node -p "require('$package/package.json').version")
[ "$version" = "1.2.0" ] || { echo "expected @tree-sitter-grammars/tree-sitter-hcl 1.2.0, found $version: update the patch and README.md" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The terraform dialect is the same grammar under another name (make_grammar.js uses the dialect only as the name).
for name in hcl terraform; do
  mkdir -p "$work/$name"
  cp -R "$package/src" "$work/$name/src"
  (cd "$work/$name" && patch -s -p1 < "$here/scanner-literal-runs.patch")
  if [ "$name" = terraform ]; then sed -i 's/tree_sitter_hcl/tree_sitter_terraform/g' "$work/$name/src/parser.c" "$work/$name/src/scanner.c"; fi
  (cd "$work/$name" && emcc -o "$here/tree-sitter-$name.wasm" -Os -s WASM=1 -s SIDE_MODULE=2 -s "EXPORTED_FUNCTIONS=[\"_tree_sitter_$name\"]" \
    -fno-exceptions -fvisibility=hidden -I src src/parser.c src/scanner.c)
done
sha256sum "$here"/*.wasm
