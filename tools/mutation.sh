#!/usr/bin/env bash
# Mutation testing of the domain's rules with Stryker.NET (the local tool dotnet-stryker, see .config/dotnet-tools.json).
# Not part of CI: it is CPU heavy. Run it by hand after changing a rule, and record the score in docs/testing.md.
#
#   tools/mutation.sh                         # the scoped rules (tools/stryker-config.json), one mutant at a time
#   tools/mutation.sh --concurrency 2         # any further Stryker option is passed on
#   MUTATION_TIMEOUT=3600 tools/mutation.sh   # stop after this many seconds (default 5400)
#
# The report (html, json, markdown) is written under StrykerOutput/<timestamp>/reports in tests/ServiceMark.Domain.Tests.
# String mutations are ignored: the rules' strings are messages and arithmetic texts, not decisions.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
cd tests/ServiceMark.Domain.Tests
exec timeout "${MUTATION_TIMEOUT:-5400}" dotnet dotnet-stryker --config-file "$root/tools/stryker-config.json" --skip-version-check "$@"
