#!/usr/bin/env bash
# Runs every sentiment route of issue 7 on IMDB (../shared/data/imdb, beside the checkout) and rebuilds the shipped
# model (models/sentiment) and the comparison table (reports/sentiment/compare.md), on 2 CPU cores in about an hour.
#   recipes/sentiment/build-all.sh
# Finished stages are skipped and a stopped trainer resumes from its last checkpoint when this is run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
tailor() { dotnet src/Tailor.Cli/bin/Release/net10.0/tailor.dll "$@"; }
dotnet build -c Release src/Tailor.Cli -v q -nologo >/dev/null

# The classical floor and the NB-weighted n-gram model on their own.
[ -f runs/sentiment-baseline/test.json ] || tailor sentiment baseline --out runs/sentiment-baseline
# The shipped route: WordPiece vocabulary, DistilBERT fine-tuned from scratch, two n-gram models, blend, report.
tailor sentiment encoder recipes/sentiment/encoder.yaml
# The decoder routes on a small causal LM pretrained here (no pretrained LLM exists on this machine).
tailor sentiment lm recipes/sentiment/decoder-lm.yaml
tailor sentiment prompt recipes/sentiment/decoder-prompt.yaml
tailor sentiment lora recipes/sentiment/decoder-lora.yaml

# The shipped folder: the run's model/ plus its report, recipe and curves.
rm -rf models/sentiment.new
cp -r runs/sentiment-encoder/model models/sentiment.new
[ -f models/sentiment/README.md ] && cp models/sentiment/README.md models/sentiment.new/
cp runs/sentiment-encoder/report.md models/sentiment.new/run-report.md
cp runs/sentiment-encoder/metrics.json models/sentiment.new/metrics.json
cp runs/sentiment-encoder/stages.json models/sentiment.new/stages.json
cp recipes/sentiment/encoder.yaml models/sentiment.new/recipe.yaml
cp runs/sentiment-encoder/finetune/metrics.jsonl models/sentiment.new/finetune-metrics.jsonl
mkdir -p models/sentiment.new/curves && cp runs/sentiment-encoder/curves/finetune/*.png models/sentiment.new/curves/
rm -rf models/sentiment && mv models/sentiment.new models/sentiment

mkdir -p reports/sentiment/decoder
cp runs/sentiment-decoder-prompt/report.md reports/sentiment/decoder/prompt-report.md
cp runs/sentiment-decoder-prompt/metrics.json reports/sentiment/decoder/prompt-metrics.json
cp runs/sentiment-decoder-lora/report.md reports/sentiment/decoder/lora-report.md
cp runs/sentiment-decoder-lora/metrics.json reports/sentiment/decoder/lora-metrics.json
cp runs/sentiment-decoder-lm/report.md reports/sentiment/decoder/lm-report.md
cp runs/sentiment-baseline/report.md reports/sentiment/baseline-report.md
tailor sentiment compare \
  "ML.NET word+char n-grams=runs/sentiment-baseline" \
  "NB-logreg word 1-3-grams=runs/sentiment-encoder/ngram" \
  "NB-logreg character 2-5-grams=runs/sentiment-encoder/char-ngram" \
  "DistilBERT 4x256 from scratch=runs/sentiment-encoder/scores/test.json" \
  "shipped blend=runs/sentiment-encoder/blend/test.json" \
  "decoder LoRA (1,000 test rows)=runs/sentiment-decoder-lora" \
  --out reports/sentiment/compare.md
