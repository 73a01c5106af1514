"""Runs the farm's ONNX files on PyTorch, for the GPU check (gpu_check.py).

The GPU machine this workplace lends has PyTorch and CUDA inside its Python packages, but no .NET, no ONNX Runtime
and (perhaps) no `onnx` package, and a run carries at most 64 MiB. So this file reads an ONNX file with a small
protobuf reader of its own and runs its nodes as PyTorch operations: the convolutions, the resizes and the
normalizations are then PyTorch's own CUDA kernels, which is what the painter's limit on that GPU depends on.

It covers the operators of the files the check uses: MicroAST (torch.onnx.export, opset 17), the fast neural
style painters (hand-encoded, opset 17), the two stage models, and the worker's own stage graphs (the guided filter
and the tone step, written by GraphBuilder). Shape plumbing (shapes, pads, axes) stays on the CPU, so it never waits
for the GPU; a run is planned once per input shape (`Plan`), and then only the operations on what flows from the
feeds are replayed, which also lets a CUDA graph capture them.
"""
import contextlib
import struct
import zlib

import torch
import torch.nn.functional as F

# --- a protobuf reader, just enough for ModelProto -------------------------------------------------------------


def _varint(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def _fields(data):
    """Yields (field number, wire type, value) of one message; a length-delimited value is a memoryview."""
    pos, end = 0, len(data)
    while pos < end:
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"protobuf wire type {wire} is not supported")
        yield number, wire, value


def _signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def _ints(wire, value):
    """A repeated int64 field's values, packed (wire 2) or one at a time (wire 0)."""
    if wire == 0:
        return [_signed(value)]
    out, pos = [], 0
    while pos < len(value):
        v, pos = _varint(value, pos)
        out.append(_signed(v))
    return out


_DTYPES = {1: torch.float32, 2: torch.uint8, 3: torch.int8, 6: torch.int32, 7: torch.int64, 9: torch.bool, 10: torch.float16, 11: torch.float64,
           16: torch.bfloat16}


def _tensor(data):
    dims, dtype, raw, name, floats, int64s, int32s = [], 1, None, "", [], [], []
    for number, wire, value in _fields(data):
        if number == 1:
            dims += _ints(wire, value)
        elif number == 2:
            dtype = value
        elif number == 4:
            floats += list(struct.unpack(f"<{len(value) // 4}f", value)) if wire == 2 else [struct.unpack("<f", value)[0]]
        elif number == 5:
            int32s += _ints(wire, value)
        elif number == 7:
            int64s += _ints(wire, value)
        elif number == 8:
            name = bytes(value).decode()
        elif number == 9:
            raw = bytes(value)
    torch_type = _DTYPES[dtype]
    if raw is not None:
        values = torch.frombuffer(bytearray(raw), dtype=torch_type) if raw else torch.empty(0, dtype=torch_type)
    else:
        values = torch.tensor(floats or int64s or int32s, dtype=torch_type)
    return name, values.reshape(dims).clone()


def _attribute(data):
    name, value, floats, ints = "", None, [], []
    for number, wire, field in _fields(data):
        if number == 1:
            name = bytes(field).decode()
        elif number == 2:
            value = struct.unpack("<f", field)[0]
        elif number == 3:
            value = _signed(field)
        elif number == 4:
            value = bytes(field).decode()
        elif number == 5:
            value = _tensor(field)[1]
        elif number == 7:
            floats += list(struct.unpack(f"<{len(field) // 4}f", field)) if wire == 2 else [struct.unpack("<f", field)[0]]
        elif number == 8:
            ints += _ints(wire, field)
    if value is None:
        value = floats or ints
    return name, value


class Node:
    def __init__(self, data):
        self.inputs, self.outputs, self.op, self.attributes, self.name = [], [], "", {}, ""
        for number, _, value in _fields(data):
            if number == 1:
                self.inputs.append(bytes(value).decode())
            elif number == 2:
                self.outputs.append(bytes(value).decode())
            elif number == 3:
                self.name = bytes(value).decode()
            elif number == 4:
                self.op = bytes(value).decode()
            elif number == 5:
                key, attribute = _attribute(value)
                self.attributes[key] = attribute


def _value_names(data):
    for number, _, value in _fields(data):
        if number == 1:
            return bytes(value).decode()
    return ""


class Model:
    """An ONNX file's graph: its nodes, its weights (initializers) and the names of its inputs and outputs."""

    def __init__(self, path):
        with open(path, "rb") as file:
            data = memoryview(file.read())
        graph = next(value for number, _, value in _fields(data) if number == 7)
        self.nodes, self.weights, inputs, self.outputs = [], {}, [], []
        for number, _, value in _fields(graph):
            if number == 1:
                self.nodes.append(Node(value))
            elif number == 5:
                name, tensor = _tensor(value)
                self.weights[name] = tensor
            elif number == 11:
                inputs.append(_value_names(value))
            elif number == 12:
                self.outputs.append(_value_names(value))
        # Old exporters list the weights among the inputs too.
        self.inputs = [name for name in inputs if name not in self.weights]

    def plan(self, feeds, device, dtype=torch.float32, autocast=None):
        return Plan(self, feeds, device, dtype, autocast)


# --- the operators -------------------------------------------------------------------------------------------------


def _pad(x, pads, mode="constant", value=0.0):
    rank = x.dim()
    begins, ends = pads[:rank], pads[rank:]
    torch_pads = []
    for axis in reversed(range(rank)):
        torch_pads += [begins[axis], ends[axis]]
    if not any(torch_pads):
        return x
    # Zero pairs of the leading axes are dropped: reflect padding takes only the spatial ones.
    while len(torch_pads) > 4 and torch_pads[-1] == 0 and torch_pads[-2] == 0:
        torch_pads = torch_pads[:-2]
    if mode == "constant":
        return F.pad(x, torch_pads, mode=mode, value=value)
    mode = {"edge": "replicate"}.get(mode, mode)
    if x.device.type == "cpu" and x.dtype in (torch.bfloat16, torch.float16):
        # The CPU has no half-precision reflect padding (PyTorch 1.13): a dry run pads in fp32.
        return F.pad(x.float(), torch_pads, mode=mode).to(x.dtype)
    return F.pad(x, torch_pads, mode=mode)


def _conv(node, x, w, b=None):
    a = node.attributes
    pads = a.get("pads", [0] * (2 * (x.dim() - 2)))
    half = len(pads) // 2
    if pads[:half] != pads[half:]:
        x = _pad(x, [0, 0] + pads[:half] + [0, 0] + pads[half:])
        padding = 0
    else:
        padding = pads[:half]
    return F.conv2d(x, w, b, stride=a.get("strides", 1), padding=padding, dilation=a.get("dilations", 1),
                    groups=a.get("group", 1))


def _conv_transpose(node, x, w, b=None):
    a = node.attributes
    pads = a.get("pads", [0, 0, 0, 0])
    y = F.conv_transpose2d(x, w, b, stride=a.get("strides", 1), dilation=a.get("dilations", 1),
                           groups=a.get("group", 1), output_padding=a.get("output_padding", 0))
    # ONNX crops pads[begin] and pads[end] off the full transposed output.
    height, width = y.shape[-2], y.shape[-1]
    return y[..., pads[0]:height - pads[2], pads[1]:width - pads[3]]


def _resize(node, x, roi=None, scales=None, sizes=None):
    a = node.attributes
    if a.get("mode", "nearest") != "linear" or a.get("coordinate_transformation_mode", "half_pixel") not in (
            "half_pixel", "pytorch_half_pixel"):
        raise NotImplementedError(f"Resize {a}")
    if sizes is not None and sizes.numel():
        size = [int(v) for v in sizes.tolist()[2:]]
    else:
        size = [int(x.shape[i + 2] * s) for i, s in enumerate(scales.tolist()[2:])]
    return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


def _instance_norm(node, x, scale, bias):
    return F.instance_norm(x, weight=scale, bias=bias, eps=node.attributes.get("epsilon", 1e-5))


def _slice(data, starts, ends, axes=None, steps=None):
    starts, ends = starts.tolist(), ends.tolist()
    axes = axes.tolist() if axes is not None else list(range(len(starts)))
    steps = steps.tolist() if steps is not None else [1] * len(starts)
    for start, end, axis, step in zip(starts, ends, axes, steps):
        size = data.shape[axis]
        start, end = start + size if start < 0 else start, end + size if end < 0 else end
        if step > 0:
            start, end = min(max(start, 0), size), min(max(end, 0), size)
            data = data.narrow(axis, start, max(0, end - start))
            if step > 1:
                data = data[(slice(None),) * (axis % data.dim()) + (slice(None, None, step),)]
        else:
            # A reverse slice (the reflect-pad plumbing of torch's exporter), clamped as ONNX says.
            start, end = min(max(start, 0), size - 1), min(max(end, -1), size - 1)
            index = torch.arange(start, end, step, dtype=torch.int64, device=data.device)
            data = torch.index_select(data, axis, index)
    return data


_SIMPLE = {
    "Add": lambda n, a, b: a + b,
    "Sub": lambda n, a, b: a - b,
    "Mul": lambda n, a, b: a * b,
    "Div": lambda n, a, b: torch.div(a, b, rounding_mode="trunc") if not a.is_floating_point() else a / b,
    "Relu": lambda n, x: F.relu(x),
    "Sqrt": lambda n, x: torch.sqrt(x),
    "Tanh": lambda n, x: torch.tanh(x),
    "Sigmoid": lambda n, x: torch.sigmoid(x),
    "Exp": lambda n, x: torch.exp(x),
    "Identity": lambda n, x: x,
    "Sum": lambda n, *xs: sum(xs[1:], xs[0]),
    "Clip": lambda n, x, low=None, high=None: torch.clamp(
        x, None if low is None else float(low), None if high is None else float(high)),
    "Conv": _conv,
    "ConvTranspose": _conv_transpose,
    "Resize": _resize,
    "InstanceNormalization": _instance_norm,
    "BatchNormalization": lambda n, x, scale, bias, mean, var: F.batch_norm(
        x, mean, var, scale, bias, training=False, eps=n.attributes.get("epsilon", 1e-5)),
    "GlobalAveragePool": lambda n, x: x.mean(dim=(2, 3), keepdim=True),
    "ReduceMean": lambda n, x, axes=None: x.mean(
        dim=tuple(n.attributes.get("axes", axes.tolist() if axes is not None else list(range(x.dim())))),
        keepdim=bool(n.attributes.get("keepdims", 1))),
    "AveragePool": lambda n, x: F.avg_pool2d(x, n.attributes["kernel_shape"], n.attributes.get("strides", 1),
                                             padding=_symmetric(n.attributes.get("pads", [0, 0, 0, 0])),
                                             ceil_mode=bool(n.attributes.get("ceil_mode", 0)),
                                             count_include_pad=bool(n.attributes.get("count_include_pad", 0))),
    "MaxPool": lambda n, x: F.max_pool2d(x, n.attributes["kernel_shape"], n.attributes.get("strides", 1),
                                         padding=_symmetric(n.attributes.get("pads", [0, 0, 0, 0])),
                                         dilation=n.attributes.get("dilations", 1),
                                         ceil_mode=bool(n.attributes.get("ceil_mode", 0))),
    # The tone graph's operators (ToneGraph.cs): masks, lookups, coordinates.
    "Greater": lambda n, a, b: torch.gt(a, b),
    "GreaterOrEqual": lambda n, a, b: torch.ge(a, b),
    "Less": lambda n, a, b: torch.lt(a, b),
    "Where": lambda n, c, a, b: torch.where(c, a, b),
    "Pow": lambda n, a, b: torch.pow(a, b),
    "Reciprocal": lambda n, x: torch.reciprocal(x),
    "Abs": lambda n, x: torch.abs(x),
    "Floor": lambda n, x: torch.floor(x),
    "Max": lambda n, *xs: _fold(torch.maximum, xs),
    "Min": lambda n, *xs: _fold(torch.minimum, xs),
    "ReduceSum": lambda n, x, axes=None: x.sum(
        dim=tuple(n.attributes.get("axes", axes.tolist() if axes is not None else list(range(x.dim())))),
        keepdim=bool(n.attributes.get("keepdims", 1))),
    "Squeeze": lambda n, x, axes=None: x.squeeze() if axes is None and "axes" not in n.attributes else _squeeze(
        x, n.attributes.get("axes", axes.tolist() if axes is not None else [])),
    "Range": lambda n, start, limit, delta: torch.arange(start.item(), limit.item(), delta.item(), dtype=start.dtype),
    "Expand": lambda n, x, shape: x.expand(torch.broadcast_shapes(x.shape, tuple(shape.tolist()))),
    "Transpose": lambda n, x: x.permute(*n.attributes.get("perm", list(reversed(range(x.dim()))))),
    "Reshape": lambda n, x, shape: x.reshape(
        [x.shape[i] if s == 0 else s for i, s in enumerate(shape.tolist())]),
    "Concat": lambda n, *xs: torch.cat(xs, dim=n.attributes["axis"]),
    # Opset 9 (the face detector) gives starts, ends and axes as attributes, later opsets as inputs.
    "Slice": lambda n, *xs: _slice(*xs) if len(xs) > 1 else _slice(
        xs[0], *(torch.tensor(n.attributes[key]) for key in ("starts", "ends", "axes") if key in n.attributes)),
    "Gather": lambda n, x, i: torch.index_select(x, n.attributes.get("axis", 0), i.reshape(-1)).reshape(
        list(x.shape[:n.attributes.get("axis", 0)]) + list(i.shape) + list(x.shape[n.attributes.get("axis", 0) + 1:])),
    "Unsqueeze": lambda n, x, axes=None: _unsqueeze(x, n.attributes.get("axes", axes.tolist() if axes is not None else [])),
    "Softmax": lambda n, x: torch.softmax(x, dim=n.attributes.get("axis", -1)),
    "Pad": lambda n, x, pads, value=None, axes=None: _pad(
        x, pads.tolist(), n.attributes.get("mode", "constant"), 0.0 if value is None or not value.numel() else float(value)),
}


def _symmetric(pads):
    half = len(pads) // 2
    if pads[:half] != pads[half:]:
        raise NotImplementedError(f"pooling with pads {pads}")
    return pads[:half]


def _fold(operation, xs):
    result = xs[0]
    for x in xs[1:]:
        result = operation(result, x)
    return result


def _squeeze(x, axes):
    for axis in sorted((a if a >= 0 else a + x.dim() for a in axes), reverse=True):
        x = x.squeeze(axis)
    return x


def _unsqueeze(x, axes):
    for axis in sorted(a if a >= 0 else a + x.dim() + len(axes) for a in axes):
        x = x.unsqueeze(axis)
    return x


def _is_float(tensor):
    """A float constant goes to the device in the plan's type; an integer or boolean one keeps its type."""
    return tensor.is_floating_point()


# Which inputs of an operator are data (on the device, in the plan's type); the others are parameters (pads, shapes,
# scales, bounds), read on the CPU. An operator not named here takes data only.
_DATA_INPUTS = {
    "Resize": {0}, "Pad": {0}, "Reshape": {0}, "Slice": {0}, "Unsqueeze": {0}, "Clip": {0}, "ReduceMean": {0},
    "ReduceSum": {0}, "Squeeze": {0}, "Expand": {0}, "Range": set(),
}


class Plan:
    """
    One run of a model for one set of input shapes, worked out once. What does not depend on the feeds (constants,
    the shape plumbing) is evaluated here, on the CPU; what is left is the list of operations on the tensors that
    flow from the feeds (floats, and the tone graph's pictures and lookup indices), which `run` replays on the device with no copy from the host and no wait for the device, so
    a CUDA graph can capture it. Feeds of another shape need another plan.
    """

    def __init__(self, model, feeds, device, dtype, autocast=None):
        self.device, self.dtype, self.outputs, self.autocast = device, dtype, model.outputs, autocast
        self.on_device = {}
        with self._precision():
            self._plan(model, feeds)

    def _precision(self):
        """PyTorch's mixed precision when asked for (convolutions in autocast's type, reductions in fp32), else none."""
        if self.autocast is None:
            return contextlib.nullcontext()
        # No cast cache: a CUDA graph must capture the weights' casts too.
        return torch.autocast(torch.device(self.device).type, dtype=self.autocast, cache_enabled=False)

    def _plan(self, model, feeds):
        # Every value that does not flow from the feeds stays on the CPU as the file has it; a step's data inputs
        # are copied to the device once, here, and kept (on_device).
        self.constants = dict(model.weights)
        live, self.steps = set(feeds), []
        values = {name: self._feed(feed) for name, feed in feeds.items()}
        for node in model.nodes:
            output = node.outputs[0]
            if any(name in live for name in node.inputs if name):
                result = self._step(node, values)
                if node.op == "Shape":
                    self.constants[output] = result
                    continue
                live.add(output)
                values[output] = result
                self.steps.append(node)
            else:
                args = [self.constants[name] if name else None for name in node.inputs]
                self.constants[output] = self._evaluate(node, _trim(args))

    def _step(self, node, values):
        data = _DATA_INPUTS.get(node.op)
        args = []
        for i, name in enumerate(node.inputs):
            if not name:
                args.append(None)
            elif name in self.constants:
                args.append(self._device_copy(name) if data is None or i in data else self.constants[name])
            else:
                args.append(values[name])
        return self._evaluate(node, _trim(args))

    def _feed(self, feed):
        """A feed on the device: a float one in the plan's type, an integer one (the tone graph's pictures) as it is."""
        return feed.to(self.device, self.dtype) if feed.is_floating_point() else feed.to(self.device)

    def _device_copy(self, name):
        if name not in self.on_device:
            value = self.constants[name]
            self.on_device[name] = value.to(self.device, self.dtype) if _is_float(value) else value.to(self.device)
        return self.on_device[name]

    @staticmethod
    def _evaluate(node, args):
        op = node.op
        if op == "Constant":
            return node.attributes["value"]
        if op == "Shape":  # opset 15's start and end pick a part of the shape
            shape = list(args[0].shape)
            return torch.tensor(shape[node.attributes.get("start", 0):node.attributes.get("end", len(shape))], dtype=torch.int64)
        if op == "ConstantOfShape":
            fill = node.attributes.get("value", torch.zeros(1))
            return torch.full(args[0].tolist(), fill.reshape(-1)[0].item(), dtype=fill.dtype)
        if op == "Cast":
            target = _DTYPES[node.attributes["to"]]
            return args[0] if target.is_floating_point and args[0].is_floating_point() else args[0].to(target)
        if op not in _SIMPLE:
            raise NotImplementedError(f"ONNX operator {op} ({node.name})")
        return _SIMPLE[op](node, *args)

    def run(self, feeds):
        """Replays the float operations with new feeds of the planned shapes; returns the outputs."""
        values = {name: self._feed(feed) for name, feed in feeds.items()}
        with self._precision():
            for node in self.steps:
                values[node.outputs[0]] = self._step(node, values)
        return [values[name] if name in values else self.constants[name] for name in self.outputs]


def _trim(args):
    while args and args[-1] is None:
        args.pop()
    return args


# --- PNG out (8-bit RGB), so the check needs nothing but PyTorch -------------------------------------------------------------------------


def write_png(path, planes):
    """Writes a float [3, H, W] RGB image on the 0..255 scale as an 8-bit PNG."""
    pixels = planes.float().cpu().round().clamp(0, 255).to(torch.uint8).permute(1, 2, 0).contiguous()
    height, width = pixels.shape[0], pixels.shape[1]
    rows = bytes(pixels.flatten().tolist())
    raw = b"".join(b"\x00" + rows[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                   + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
