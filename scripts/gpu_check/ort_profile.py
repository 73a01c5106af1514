"""Summarize ONNX Runtime profiles (the worker's Execution:ProfileDirectory): per session, its runs' time, and where
that time went by execution provider and by operator; the nodes left on the CPU in a CUDA session are named.

    python3 scripts/gpu_check/ort_profile.py DIR [--skip N]     N: the first runs of each session left out (warm-up)

On CUDA a node's time is the host's time to run it (a launch, or a CPU node's work, or a wait for a copy), not the
GPU's: a session's runs much longer than its nodes' sum are waits for the GPU.
"""
import collections
import glob
import json
import os
import sys


def summarize(path, skip):
    events = json.load(open(path))
    runs = [e for e in events if e.get("cat") == "Session" and e.get("name") == "model_run"]
    runs.sort(key=lambda e: e["ts"])
    kept = runs[skip:]
    if not kept:
        return None
    start = kept[0]["ts"]
    nodes = [e for e in events if e.get("cat") == "Node" and e["ts"] >= start and e.get("name", "").endswith("_kernel_time")]
    by_provider = collections.Counter()
    by_op = collections.Counter()
    cpu_ops = collections.Counter()
    providers = set()
    for e in nodes:
        provider = e["args"].get("provider", "?")
        providers.add(provider)
        by_provider[provider] += e["dur"]
        by_op[(provider, e["args"].get("op_name", "?"))] += e["dur"]
    if "CUDAExecutionProvider" in providers:
        for e in nodes:
            if e["args"].get("provider") == "CPUExecutionProvider":
                cpu_ops[e["args"].get("op_name", "?")] += 1
    run_ms = sum(e["dur"] for e in kept) / 1000 / len(kept)
    node_ms = sum(by_provider.values()) / 1000 / len(kept)
    name = os.path.basename(path).rsplit("-_", 1)[0]
    print(f"## {name}: {len(kept)} runs after {skip}, {run_ms:.2f} ms a run, its nodes {node_ms:.2f} ms on the host")
    for provider, us in by_provider.most_common():
        print(f"- {provider}: {us / 1000 / len(kept):.2f} ms a run")
    print("- operators, ms a run: " + "; ".join(f"{op} ({provider.replace('ExecutionProvider', '')}) {us / 1000 / len(kept):.2f}"
                                              for (provider, op), us in by_op.most_common(12)))
    if cpu_ops:
        print("- left on the CPU in a CUDA session (nodes per run): " + "; ".join(
            f"{op} {count / len(kept):.0f}" for op, count in cpu_ops.most_common()))
    print()


if __name__ == "__main__":
    directory = sys.argv[1]
    skip = int(sys.argv[sys.argv.index("--skip") + 1]) if "--skip" in sys.argv else 0
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        summarize(path, skip)
