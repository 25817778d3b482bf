#!/usr/bin/env bash
# usage: scripts/scaffold.sh <packages|apps> <name> "<description>" '<deps json>'
set -euo pipefail
group=$1; name=$2; desc=$3; deps=${4:-"{}"}
dir="$group/$name"
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@meta-relay/$name",
  "version": "0.1.0",
  "private": true,
  "description": "$desc",
  "main": "dist/index.js",
  "types": "src/index.ts",
  "scripts": {
    "build": "swc src -d dist --strip-leading-paths --config-file ../../.swcrc --ignore '**/*.test.ts' --quiet",
    "typecheck": "tsc -p tsconfig.json",
    "test": "jest --passWithNoTests=false"
  },
  "dependencies": $deps
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "include": ["src"]
}
JSON
cat > "$dir/jest.config.js" <<JS
const { createJestConfig } = require("../../jest.preset.js");

module.exports = createJestConfig(__dirname);
JS
