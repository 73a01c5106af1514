#!/usr/bin/env python3
"""The GPU shared: the painter and the stages around it on one GPU, per paint batch, the way a GPU node would run
them with Execution:StageGraphs on the device (docs/PERFORMANCE.md, "GPU check", part 5).

gpu_check.py times each model alone. A worker on a GPU node runs, per paint batch of B portraits, the painter at
batch B, the tone graph at batch B (ToneGraphBatches), the face detector and the person segmenter in runs of the jobs
gathered on their way to them (Execution:StageModelBatches; one job at a time before it), and the guided filter one
job at a time. Their small kernels leave the GPU mostly idle when run alone, and ONNX Runtime gives
each session its own CUDA stream, so they can overlap with the painter's. This script replays each model's CUDA graph
(one launch per run) and measures portraits/s for a batch's whole work:

- one stream, the stages one job at a time (what a worker does today, were its launches free);
- one stream, every stage at batch B (where the model files allow it: the two stage models fix batch 1 in their
  files, and their graphs may still run at B on PyTorch);
- the stages on a second stream beside the painter's (what separate sessions allow);
- the painter with only the two stage graphs, the stage models being on the node's cores (Execution:StageModels=host);
- as the worker gathers them: the two stage models in runs of G jobs (--gathered, the jobs a run gathers; the farm
  bench prints it as "stage model runs"), the guided filter one job at a time, the tone graph at B;

and then the painter's kernels, from PyTorch's profiler, to say what bounds its pace. Same kit as gpu_check.py:

    python3 scripts/gpu_check/gpu_share.py --out "$OUT/gpu-share.md"
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpu_check import Timer, batched, graphed, load, reporter  # noqa: E402
from onnx_torch import Model  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", default=".farm/gpu-check")
    parser.add_argument("--batches", default="8,32", help="paint batch sizes B")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--node-cores", type=int, default=16)
    parser.add_argument("--gathered", default="4", help="jobs per run of the detector and the segmenter, as the worker gathers them")
    parser.add_argument("--passes", type=int, help="stylizer runs per portrait (default: the kit's painter's, from models/manifest.json)")
    parser.add_argument("--out")
    args = parser.parse_args()
    device = args.device
    cuda = device.startswith("cuda")
    if cuda:
        torch.backends.cudnn.benchmark = True
    with open(os.path.join(args.kit, "kit.json")) as file:
        kit = json.load(file)
    checks = {check["name"]: check for check in kit["checks"]}
    models = {name: Model(os.path.join(args.kit, check["model"])) for name, check in checks.items()}
    timer = Timer(device)
    say = reporter(args.out)

    def runner(name, batch):
        """One run of a model at a batch size: a CUDA graph's replay on the GPU, the plan itself on the CPU."""
        feeds = batched(args.kit, checks[name], batch, device)
        plan = models[name].plan(feeds, device)
        return graphed(plan, feeds) if cuda else (lambda: plan.run(feeds))

    say(f"# The GPU shared: painter and stages per paint batch, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    say()
    if cuda:
        say(f"- {torch.cuda.get_device_name(0)}, PyTorch {torch.__version__}; fp32 (TF32 convolutions); every run a CUDA graph's replay")
    else:
        say("- no GPU: a dry run on the CPU, no CUDA graphs, no streams")
    # An artwork paints its portrait in `passes` runs of the stylizer (the second on the first's output), so a paint
    # batch is that many runs of the painter's graph.
    passes = int(args.passes or kit.get("passes", 1))
    say(f"- the painter: {kit.get('painter', '?')}, {passes} pass(es) of the stylizer per portrait")
    say()
    say("| B | how | ms per paint batch | portraits/s | GPU ms per portrait | 16 cores' budget, core-ms per portrait |")
    say("|---:|---|---:|---:|---:|---:|")
    for batch in [int(b) for b in args.batches.split(",")]:
        one_pass = runner("painter", batch)

        def painter(one_pass=one_pass):
            for _ in range(passes):
                one_pass()
        tone = runner("tone-graph", batch)
        single = {name: runner(name, 1) for name in ("face-detector", "person-segmenter", "guided-filter")}
        at_batch = {}
        for name in single:
            try:
                at_batch[name] = runner(name, batch)
            except Exception as error:  # a file that fixes its batch: reported, and the other rows stand
                say(f"| {batch} | {name} at batch {batch} | cannot: {type(error).__name__}: {str(error)[:90]} | | | |")

        def stages_one_by_one():
            for _ in range(batch):
                for run in single.values():
                    run()
            tone()

        def stages_batched():
            for name, run in single.items():
                (at_batch[name] if name in at_batch else run)()
            tone()

        def as_gathered(jobs):  # Execution:StageModelBatches: the models in runs of `jobs`, the guided filter one at a time
            models = {name: runner(name, jobs) for name in ("face-detector", "person-segmenter")}

            def run():
                for _ in range(-(-batch // jobs)):
                    for model in models.values():
                        model()
                for _ in range(batch):
                    single["guided-filter"]()
                tone()
            return run

        def graphs_only():  # Execution:StageModels=host: the detector and the segmenter on the node's cores
            for _ in range(batch):
                single["guided-filter"]()
            tone()

        ways = [
            ("painter alone", lambda: painter()),
            ("painter + guided filter one at a time + tone (stage models on the cores)", lambda: (painter(), graphs_only())),
            ("stages alone, one job at a time (tone batched)", stages_one_by_one),
            ("stages alone, batched where the file allows", stages_batched),
            ("painter + stages one at a time, one stream", lambda: (painter(), stages_one_by_one())),
            ("painter + stages batched, one stream", lambda: (painter(), stages_batched())),
        ]
        for jobs in sorted({min(int(g), batch) for g in args.gathered.split(",")}):
            try:
                gathered = as_gathered(jobs)
                ways.append((f"painter + stages as the worker gathers them, {jobs} jobs a stage model run", lambda run=gathered: (painter(), run())))
            except Exception as error:  # a file that fixes its batch: reported, and the other rows stand
                say(f"| {batch} | stage models in runs of {jobs} | cannot: {type(error).__name__}: {str(error)[:90]} | | | |")
        if cuda:
            side = torch.cuda.Stream()

            def two_streams(stages):
                def run():
                    side.wait_stream(torch.cuda.current_stream())
                    with torch.cuda.stream(side):
                        stages()
                    painter()
                    torch.cuda.current_stream().wait_stream(side)
                return run

            ways += [
                ("painter + stages one at a time, stages on a second stream", two_streams(stages_one_by_one)),
                ("painter + stages batched, stages on a second stream", two_streams(stages_batched)),
            ]
        for label, run in ways:
            try:
                once = timer.ms(run, runs=1, warmup=2)
                ms = timer.ms(run, runs=max(3, int(args.seconds * 1000 / max(once, 0.1))))
                rate = batch * 1000 / ms
                say(f"| {batch} | {label} | {ms:.2f} | {rate:.0f} | {ms / batch:.3f} | {args.node_cores * 1000 / rate:.1f} |")
            except Exception as error:  # reported in the table
                say(f"| {batch} | {label} | failed: {type(error).__name__}: {str(error)[:90]} | | | |")
        del painter, one_pass, tone, single, at_batch
        if cuda:
            torch.cuda.empty_cache()
    say()

    # What bounds the painter: its kernels by GPU time, one batch of 16 (eager, so each kernel is named).
    if cuda:
        say("## The painter's kernels (fp32, batch 16, eager; PyTorch's profiler, 5 runs)")
        say()
        feeds = batched(args.kit, checks["painter"], 16, device)
        plan = models["painter"].plan(feeds, device)
        for _ in range(3):
            plan.run(feeds)
        torch.cuda.synchronize()
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CUDA]) as profiler:
            for _ in range(5):
                plan.run(feeds)
            torch.cuda.synchronize()
        def gpu_us(event):  # PyTorch 2.4 renamed the CUDA times to device times
            return event.self_device_time_total if hasattr(event, "self_device_time_total") else event.self_cuda_time_total
        events = [e for e in profiler.key_averages() if gpu_us(e) > 0]
        total = sum(gpu_us(e) for e in events)
        say(f"GPU time per run: {total / 5 / 1000:.2f} ms; kernels by share:")
        say()
        say("| kernel | calls per run | ms per run | share |")
        say("|---|---:|---:|---:|")
        for event in sorted(events, key=gpu_us, reverse=True)[:14]:
            say(f"| {event.key[:90].replace('|', '/')} | {event.count / 5:.0f} | {gpu_us(event) / 5 / 1000:.3f} | "
                f"{100 * gpu_us(event) / total:.1f}% |")
        say()

    node_cores(args, checks, say)


def node_cores(args, checks, say):
    """What the same models cost this machine's cores on ONNX Runtime's CPU provider, one thread per run: the price,
    in core-ms, of keeping a stage on the cores instead of the GPU, on the GPU node's own processor."""
    try:
        import onnxruntime
    except ImportError:
        say("No ONNX Runtime in this Python: the cores' part is not measured.")
        return
    import platform
    say(f"## The node's cores: each model on ONNX Runtime {onnxruntime.__version__}'s CPU provider, one thread")
    say()
    model_name = ""
    try:
        with open("/proc/cpuinfo") as file:
            model_name = next((line.split(":", 1)[1].strip() for line in file if line.startswith("model name")), "")
    except OSError:
        pass
    say(f"- {model_name or platform.processor()}, {os.cpu_count()} cores")
    say()
    say("| model | batch | core-ms per run | core-ms per portrait |")
    say("|---|---:|---:|---:|")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    for name, batch in [("face-detector", 1), ("person-segmenter", 1), ("guided-filter", 1), ("tone-graph", 1), ("painter", 1)]:
        try:
            check = checks[name]
            session = onnxruntime.InferenceSession(os.path.join(args.kit, check["model"]), options, providers=["CPUExecutionProvider"])
            feeds = {key: load(args.kit, entry).numpy() for key, entry in check["inputs"].items()}
            session.run(None, feeds)
            runs = 3 if name == "painter" else 20
            started = time.process_time()
            for _ in range(runs):
                session.run(None, feeds)
            ms = (time.process_time() - started) * 1000 / runs
            say(f"| {name} | {batch} | {ms:.2f} | {ms / batch:.2f} |")
        except Exception as error:  # reported in the table
            say(f"| {name} | {batch} | failed: {type(error).__name__}: {str(error)[:90]} | |")
    say()


if __name__ == "__main__":
    main()
