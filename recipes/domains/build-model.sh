#!/usr/bin/env bash
# Rebuilds the shipped domain model (models/domains) from nothing but this repository, on 2 CPU cores in about an hour:
# the default dataset, its SFT export and tokenizer, the training run of domain-model.yaml, the bf16 copy, the
# confidence calibration on validation descriptions, and the four suite evaluations its report quotes.
#   recipes/domains/build-model.sh            # writes runs/... and models/domains
# A stopped run continues from its last checkpoint when this is run again (tailor train --resume).
set -euo pipefail
cd "$(dirname "$0")/../.."
tailor() { dotnet src/Tailor.Cli/bin/Release/net10.0/tailor.dll "$@"; }
dotnet build -c Release src/Tailor.Cli -v q -nologo >/dev/null

[ -f runs/data/domains/train.jsonl ] || tailor data synth --offline --n 30000 --seed 1 --out runs/data/domains
[ -f runs/data/domains-sft/train.jsonl ] || tailor data export-sft runs/data/domains --out runs/data/domains-sft
if [ -f runs/domain-model/summary.json ]; then
  echo "runs/domain-model is already trained"
elif [ -d runs/domain-model/checkpoints ]; then
  tailor train --recipe recipes/domains/domain-model.yaml --resume
else
  tailor train --recipe recipes/domains/domain-model.yaml
fi

rm -rf models/domains.new
tailor model convert --model runs/domain-model/model --out models/domains.new --dtype bfloat16
tailor model calibrate --model models/domains.new --data runs/data/domains/validation.jsonl --cases 400
# The hand-written report (README.md) stays; everything else in the folder is replaced.
[ -f models/domains/README.md ] && cp models/domains/README.md models/domains.new/
rm -rf models/domains && mv models/domains.new models/domains
cp recipes/domains/domain-model.yaml models/domains/recipe.yaml
cp runs/domain-model/summary.json models/domains/training-summary.json
cp runs/domain-model/metrics.jsonl models/domains/training-metrics.jsonl
cp runs/domain-model/loss.png models/domains/

for suite in holdout edge safety real; do
  tailor eval --suite "$suite" --suggester baseline --run-id "base-$suite-$(date +%s)" >/dev/null
  tailor eval --suite "$suite" --suggester guarded:model:models/domains --run-id "domains-$suite-$(date +%s)"
done
cp "$(ls -d runs/domains-holdout-*/eval | tail -1)/report.md" models/domains/report-holdout.md
for suite in holdout edge safety real; do
  tailor compare "$(ls -d runs/base-$suite-* | tail -1)" "$(ls -d runs/domains-$suite-* | tail -1)" --out "runs/comparisons/domains-vs-baseline-$suite.md" >/dev/null
done
cat runs/comparisons/domains-vs-baseline-{holdout,edge,safety,real}.md > models/domains/vs-baseline.md
