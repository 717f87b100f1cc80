#!/bin/sh
# Assembles the production tree of one workspace, for the last stage of its Dockerfile:
# the production node_modules of that workspace only, plus package.json, dist/ and
# schema.graphql of every workspace it needs at run time. Run from the repository root
# after the build.
# Usage: deploy-workspace.sh <workspace, e.g. @fedshop/users> <target directory>
set -eu
workspace="$1"
target="$2"

needed=$(node scripts/lib/production-workspaces.mjs "$workspace")
npm ci --omit=dev --workspace "$workspace" --no-audit --no-fund
mkdir -p "$target"
cp -a package.json node_modules "$target/"
for package_dir in $needed; do
  mkdir -p "$target/$package_dir"
  cp -a "$package_dir/package.json" "$package_dir/dist" "$target/$package_dir/"
  if [ -f "$package_dir/schema.graphql" ]; then
    cp -a "$package_dir/schema.graphql" "$target/$package_dir/"
  fi
done
# npm links every workspace the dev graph mentions; drop the links that would dangle.
for link in "$target"/node_modules/@fedshop/*; do
  [ -e "$link" ] || rm "$link"
done
