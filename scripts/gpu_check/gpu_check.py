#!/usr/bin/env python3
"""The GPU check of issue 15 (docs/PERFORMANCE.md, "GPU check"): the painter's own limit on a GPU, and from it the CPU
budget per portrait that a GPU node's cores must keep to.

Made for the GPU machine this workplace sometimes lends (PyTorch and CUDA in its Python packages, no .NET, at most
64 MiB carried), in one run:

    ./farm bench gpu-check-kit                  # here, with .NET: the kit in .farm/gpu-check (~12 MiB)
    python3 scripts/gpu_check/gpu_check.py --out "$OUT/gpu-check.md"      # there, carrying .farm/gpu-check

It runs the kit's ONNX files with onnx_torch.py (PyTorch's own kernels), first checks them against what ONNX Runtime
made of the same inputs on the CPU (fp32 and, for the painter, bf16), then times the painter (MicroAST's stylizer with
the artwork's style code, at the canvas size) at each batch size and precision, eagerly and replayed from a CUDA
graph, and the two stage models at batch 1. With no GPU it runs the same on the CPU (a dry run of the script).
"""
import argparse
import json
import os
import platform
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from onnx_torch import Model, write_png  # noqa: E402

# Each precision: the type of the weights and tensors, and autocast's type for mixed precision ("-amp": convolutions
# in bf16/fp16, normalizations and reductions in fp32, as PyTorch's autocast chooses).
PRECISIONS = {
    "fp32": (torch.float32, None),
    "bf16": (torch.bfloat16, None),
    "fp16": (torch.float16, None),
    "bf16-amp": (torch.float32, torch.bfloat16),
    "fp16-amp": (torch.float32, torch.float16),
}


TYPES = {"float32": torch.float32, "uint8": torch.uint8}


def load(kit, entry):
    with open(os.path.join(kit, entry["file"]), "rb") as file:
        return torch.frombuffer(bytearray(file.read()), dtype=TYPES[entry.get("type", "float32")]).reshape(entry["shape"])


def batched(kit, check, batch, device):
    """A check's inputs repeated to a batch and on the device; one style code serves the painter's whole batch, as in
    the worker."""
    inputs = {name: load(kit, entry) for name, entry in check["inputs"].items()}
    return {name: (value if name == "style_code" else value.repeat(batch, *([1] * (value.dim() - 1)))).to(device)
            for name, value in inputs.items()}


def reporter(out):
    """A `say(line)` that prints a line and, given a file, appends it there at once, so that a run stopped at its
    time limit still leaves what it measured."""
    if out:
        open(out, "w").close()

    def say(line=""):
        print(line, flush=True)
        if out:
            with open(out, "a") as file:
                file.write(line + "\n")
    return say


class Timer:
    """Milliseconds per call of a function, after warm-up runs; on CUDA, synchronized around the timed runs."""

    def __init__(self, device):
        self.cuda = device.startswith("cuda")

    def sync(self):
        if self.cuda:
            torch.cuda.synchronize()

    def launch_ms(self, run, runs=20):
        """The host's time to hand one run to the GPU while the GPU is idle (median): what a run costs the CPU when
        nothing waits for the device. On the CPU it is the whole run."""
        times = []
        for _ in range(runs):
            self.sync()
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        self.sync()
        return sorted(times)[len(times) // 2]

    def ms(self, run, runs, warmup=3):
        for _ in range(warmup):
            run()
        self.sync()
        started = time.perf_counter()
        for _ in range(runs):
            run()
        self.sync()
        return (time.perf_counter() - started) * 1000 / runs


def graphed(plan, feeds):
    """The plan's float operations captured in a CUDA graph (one launch per run), with static inputs."""
    static = {name: feed.clone() for name, feed in feeds.items()}
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3):
            plan.run(static)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        plan.run(static)

    def replay():
        graph.replay()
    # The graph reads the plan's weights and the static inputs where they were at its capture: keep them alive as
    # long as it can be replayed (freed, their memory goes to other tensors, and a replay reads or writes those).
    replay.keep = (plan, static, graph)
    return replay


def compare(got, expected):
    difference = (got.float().cpu() - expected.float()).abs()
    return difference.max().item(), difference.mean().item()


def machine(device):
    lines = [f"- PyTorch {torch.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPU cores, {platform.platform()}"]
    if device.startswith("cuda"):
        properties = torch.cuda.get_device_properties(0)
        lines.append(f"- GPU: {properties.name}, {properties.total_memory / 2**30:.0f} GiB, compute capability "
                     f"{properties.major}.{properties.minor}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}, "
                     f"TF32 for convolutions {'on' if torch.backends.cudnn.allow_tf32 else 'off'}, cudnn.benchmark on")
    else:
        lines.append("- no GPU: everything below ran on the CPU (a dry run of the script, not the GPU check)")
    try:
        import onnxruntime
        lines.append(f"- ONNX Runtime {onnxruntime.__version__} in this Python, providers: {', '.join(onnxruntime.get_available_providers())}")
    except ImportError:
        lines.append("- no ONNX Runtime in this Python")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", default=".farm/gpu-check", help="the folder ./farm bench gpu-check-kit made")
    parser.add_argument("--batches", default="1,4,8,16,32,64")
    parser.add_argument("--precisions", default="fp32,bf16,bf16-amp", help=f"of {', '.join(PRECISIONS)}")
    parser.add_argument("--seconds", type=float, default=2.0, help="timed seconds per row, about")
    parser.add_argument("--budget", type=float, default=420.0,
                        help="seconds after which no new painter row starts (the lent GPU has 15 minutes for a session)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--no-tf32", action="store_true", help="plain fp32 convolutions on the GPU")
    parser.add_argument("--host-core-ms", default="21,39",
                        help="the worker's CPU per portrait outside the model on a GPU node, measured on the 2-core box: "
                             "21 for the test faces' small files (docs/PERFORMANCE.md 0c), 39 for 12-megapixel phone "
                             "photos (0e, 0f); comma-separated")
    parser.add_argument("--node-cores", type=int, default=16)
    parser.add_argument("--out", help="also write the report (Markdown) here")
    parser.add_argument("--images", help="write the painter's portrait in each precision here, and ONNX Runtime's, as PNGs")
    args = parser.parse_args()

    started = time.monotonic()
    device = args.device
    if device.startswith("cuda"):
        torch.backends.cudnn.benchmark = True
        torch.backends.cudnn.allow_tf32 = not args.no_tf32
    with open(os.path.join(args.kit, "kit.json")) as file:
        kit = json.load(file)
    checks = {check["name"]: check for check in kit["checks"]}
    timer = Timer(device)

    say = reporter(args.out)

    say(f"# GPU check: {kit['painter']} at {kit['canvas'][0]}x{kit['canvas'][1]}, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    say()
    for line in machine(device):
        say(line)
    say(f"- kit made {kit['made']} UTC with ONNX Runtime {kit['onnxRuntime']} on the CPU; the ONNX files run here on "
        "PyTorch's kernels (scripts/gpu_check/onnx_torch.py)")
    say()

    # 1. Does this way of running the files paint what ONNX Runtime paints?
    say("## 1. Against ONNX Runtime on the same inputs (absolute difference; the painter on the 0..255 scale, the tone graph in levels)")
    say()
    say("| model | precision | output | max | mean |")
    say("|---|---|---|---:|---:|")
    models = {}
    for name, check in checks.items():
        models[name] = Model(os.path.join(args.kit, check["model"]))
        feeds = {input_name: load(args.kit, entry) for input_name, entry in check["inputs"].items()}
        expected = {output_name: load(args.kit, entry) for output_name, entry in check["outputs"].items()}
        if args.images and name == "painter":
            os.makedirs(args.images, exist_ok=True)
            write_png(os.path.join(args.images, "painter-onnxruntime.png"), expected["painted"][0])
        if args.images and name == "tone-graph":
            write_png(os.path.join(args.images, "toned-onnxruntime.png"), expected["toned"][0].permute(2, 0, 1)[:3])
        for label in ["fp32"] + ([p for p in args.precisions.split(",") if p != "fp32"] if name == "painter" else []):
            plan = models[name].plan(feeds, device, *PRECISIONS[label])
            outputs = plan.run(feeds)
            if args.images and name == "painter":
                write_png(os.path.join(args.images, f"painter-{label}.png"), outputs[0][0])
            if args.images and name == "tone-graph":
                write_png(os.path.join(args.images, f"toned-{label}.png"), outputs[0][0].permute(2, 0, 1)[:3])
            for output_name, got in zip(plan.outputs, outputs):
                largest, mean = compare(got, expected[output_name])
                say(f"| {name} | {label} | {output_name} | {largest:.4g} | {mean:.4g} |")
    say()

    # 2. The painter's limit.
    painter = checks["painter"]
    image = load(args.kit, painter["inputs"]["image"])
    say(f"## 2. The painter alone, {image.shape[3]}x{image.shape[2]}, one style code for the batch")
    say()
    say("Host ms: the CPU's time to hand one batch to the GPU while the GPU is idle (PyTorch from Python, median of 20).")
    say()
    say("| batch | precision | ms per batch | images/s | host ms | ms per batch, CUDA graph | images/s, CUDA graph | host ms, CUDA graph |")
    say("|---:|---|---:|---:|---:|---:|---:|---:|")
    best = 0.0
    for label in args.precisions.split(","):
        dtype, autocast = PRECISIONS[label]
        for batch in [int(b) for b in args.batches.split(",")]:
            if time.monotonic() - started > args.budget:
                say(f"| {batch} | {label} | not run: the {args.budget:g} s budget was spent | | | | | |")
                continue
            feeds = {name: value.to(device, dtype) for name, value in batched(args.kit, painter, batch, device).items()}
            try:
                plan = models["painter"].plan(feeds, device, dtype, autocast)
                once = timer.ms(lambda: plan.run(feeds), runs=1, warmup=2)
                runs = max(3, int(args.seconds * 1000 / max(once, 0.1)))
                eager = timer.ms(lambda: plan.run(feeds), runs)
                row = f"| {batch} | {label} | {eager:.2f} | {batch * 1000 / eager:.1f} | {timer.launch_ms(lambda: plan.run(feeds)):.2f} |"
                rate = batch * 1000 / eager
                if timer.cuda:
                    try:
                        replay = graphed(plan, feeds)
                        graph = timer.ms(replay, runs)
                        row += f" {graph:.2f} | {batch * 1000 / graph:.1f} | {timer.launch_ms(replay):.3f} |"
                        rate = max(rate, batch * 1000 / graph)
                        del replay
                    except Exception as error:  # reported in the table, and the eager numbers stand
                        row += f" failed: {type(error).__name__}: {str(error)[:80]} | | |"
                else:
                    row += " – | – | – |"
                best = max(best, rate)
                say(row)
                del plan
            except torch.cuda.OutOfMemoryError as error:
                say(f"| {batch} | {label} | out of memory: {str(error)[:80]} | | | | | |")
            if timer.cuda:
                torch.cuda.empty_cache()
    say()

    # 3. The stages around the painter: the two stage models (their files fix the batch at 1) and the worker's two
    # stage graphs, which take any batch (ToneGraphBatches tones a paint batch's jobs in one run).
    say("## 3. The stages around the painter, fp32")
    say()
    say("Per portrait: the run's time divided by its batch. Host ms as in part 2.")
    say()
    say("| stage | nodes | batch | ms per run | host ms | ms per run, CUDA graph | host ms, CUDA graph | GPU ms per portrait |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    stages = [("face-detector", 1), ("person-segmenter", 1), ("guided-filter", 1), ("guided-filter", 8),
              ("tone-graph", 1), ("tone-graph", 8)]
    for name, batch in stages:
        if name not in checks:
            say(f"| {name} | | {batch} | not in this kit | | | | |")
            continue
        try:
            check = checks[name]
            feeds = batched(args.kit, check, batch, device)
            plan = models[name].plan(feeds, device)
            eager = timer.ms(lambda: plan.run(feeds), runs=50)
            row = f"| {name} | {len(models[name].nodes)} | {batch} | {eager:.3f} | {timer.launch_ms(lambda: plan.run(feeds)):.3f} |"
            per_portrait = eager / batch
            if timer.cuda:
                try:
                    replay = graphed(plan, feeds)
                    graph = timer.ms(replay, runs=50)
                    row += f" {graph:.3f} | {timer.launch_ms(replay):.3f} |"
                    per_portrait = min(per_portrait, graph / batch)
                except Exception as error:  # reported in the table
                    row += f" failed: {type(error).__name__} | |"
            else:
                row += " – | – |"
            say(row + f" {per_portrait:.3f} |")
            del plan
        except Exception as error:  # reported in the table, and the other stages still run
            say(f"| {name} | | {batch} | failed: {type(error).__name__}: {str(error)[:100]} | | | | |")
    say()

    # 4. What the GPU's pace asks of the node's cores.
    say("## 4. The CPU budget per portrait")
    say()
    if best == 0:
        say("- No painter row ran, so there is no pace to budget from.")
    else:
        budget = args.node_cores * 1000 / best
        say(f"- The painter's best pace above: **{best:.0f} portraits/s**. To keep it fed, {args.node_cores} cores may "
            f"spend at most **{budget:.1f} core-ms per portrait** outside the model (all worker threads, plus the bus, "
            f"Redis and blob clients).")
        for cost in (float(c) for c in args.host_core_ms.split(",")):
            fed = args.node_cores * 1000 / cost
            limit = "the GPU is the limit" if fed >= best else \
                f"the cores are the limit, and the GPU idles {100 * (1 - fed / best):.0f}% of the time"
            say(f"- At {cost:g} core-ms per portrait outside the model (the worker as measured on the 2-core box, "
                f"docs/PERFORMANCE.md 0c and 0e), {args.node_cores} cores feed {fed:.0f} portraits/s: {limit}.")
        say("- This is the painter alone. The stages the GPU runs beside it (part 3) take GPU time too: "
            "scripts/gpu_check/gpu_share.py measures the pace and the budget with them.")


if __name__ == "__main__":
    main()
