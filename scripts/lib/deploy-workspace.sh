#!/bin/sh
# Assembles the production tree of one workspace, for the last stage of its Dockerfile:
# production node_modules of that workspace only (npm links the @fedshop packages it
# needs into node_modules/@fedshop), plus package.json, dist/ and schema.graphql of
# each linked package. Run from the repository root after the build.
# Usage: deploy-workspace.sh <workspace, e.g. @fedshop/users> <target directory>
set -eu
workspace="$1"
target="$2"

npm ci --omit=dev --workspace "$workspace" --no-audit --no-fund
mkdir -p "$target"
cp -a package.json node_modules "$target/"
for link in node_modules/@fedshop/*; do
  package_dir=$(readlink "$link")          # ../../shared/config
  package_dir=${package_dir#../../}        # shared/config
  mkdir -p "$target/$package_dir"
  cp -a "$package_dir/package.json" "$package_dir/dist" "$target/$package_dir/"
  if [ -f "$package_dir/schema.graphql" ]; then
    cp -a "$package_dir/schema.graphql" "$target/$package_dir/"
  fi
done
