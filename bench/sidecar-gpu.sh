#!/usr/bin/env bash
# CUDA sidecar build + throughput bench for a GPU machine (e.g. the `device` tool's H100).
# Builds llama-server with the CUDA backend from the llama.cpp source bundled in node-llama-cpp
# (cache: ~/.cache/delta-studio/llama-server/<commit12>-cuda), generates the realistic-size random
# VLM (BENCH_SHAPE: ~1.1 B text, ~300 M vision tower) on that machine, then measures decode
# throughput at -np 1, 4, 8, 16 with every layer on the GPU.
#
#   bench/sidecar-gpu.sh [cuda-arch (default 90 = Hopper)] [tokens per request (default 128)]
set -euo pipefail
cd "$(dirname "$0")/.."
ARCH="${1:-90}"
TOKENS="${2:-128}"
export NODE_LLAMA_CPP_SKIP_DOWNLOAD=true ELECTRON_SKIP_BINARY_DOWNLOAD=1

nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
command -v nvcc >/dev/null || { echo "nvcc not found: the CUDA toolkit is required" >&2; exit 1; }
time node bin/delta-studio.js sidecar build --backend cuda --cuda-arch "$ARCH" --json
node bin/delta-studio.js sidecar status --json
npx tsx bench/sidecar-throughput.ts --shape bench --backend cuda --ngl all \
  --np 1,4,8,16 --tokens "$TOKENS" --rounds 2 --model-dir "${MODEL_DIR:-/tmp/delta-bench-model}"
