"""Zero the GPU code of every architecture but one in a shared library's CUDA fat binaries (section .nv_fatbin).

    python3 fatbin_keep.py IN OUT ARCH      e.g. ARCH 90 for an H100/H200 (sm_90)

A fat binary holds each kernel module built for several architectures; the CUDA runtime loads the entry built for the
GPU it runs on. Here every entry of another architecture is overwritten with zeros where an entry for ARCH sits in the
same fat binary (a module with none for ARCH is kept whole), so the file keeps its layout and headers, and a compressor
squeezes the zeros away: ONNX Runtime 1.31's CUDA provider, 284 MB, goes from 186 to ~50 MB under xz/zstd. The result
runs only on ARCH (and on the architectures of the modules kept whole); it is for carrying to one known GPU, never to ship.
"""
import struct
import sys

FATBIN_MAGIC = 0xBA55ED50


def fatbin_section(data):
    """(offset, size) of .nv_fatbin in a 64-bit little-endian ELF file."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def section(i):
        name, _, _, _, offset, size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        return name, offset, size
    _, names_at, _ = section(shstrndx)
    for i in range(shnum):
        name, offset, size = section(i)
        end = data.index(b"\0", names_at + name)
        if data[names_at + name:end] == b".nv_fatbin":
            return offset, size
    raise SystemExit("no .nv_fatbin section")


def keep_only(data, arch):
    offset, size = fatbin_section(data)
    pos, end = offset, offset + size
    zeroed = whole = modules = 0
    while pos + 16 <= end:
        magic, _, header, fat = struct.unpack_from("<IHHQ", data, pos)
        if magic != FATBIN_MAGIC:
            pos += 8  # the fat binaries are 8-byte aligned with padding between them
            continue
        modules += 1
        entries, at, stop = [], pos + header, pos + header + fat
        while at < stop:
            _, _, entry_header, payload = struct.unpack_from("<HHIQ", data, at)
            entries.append((at + entry_header, payload, struct.unpack_from("<I", data, at + 28)[0]))
            at += entry_header + payload
        if any(entry_arch == arch for _, _, entry_arch in entries):
            for start, payload, entry_arch in entries:
                if entry_arch != arch:
                    data[start:start + payload] = bytes(payload)
                    zeroed += payload
        else:
            whole += 1
        pos = stop
    return modules, zeroed, whole


if __name__ == "__main__":
    source, target, arch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = bytearray(open(source, "rb").read())
    modules, zeroed, whole = keep_only(data, arch)
    open(target, "wb").write(data)
    print(f"{modules} fat binaries: {zeroed / 1048576:.1f} MiB of other architectures zeroed, {whole} without sm_{arch} kept whole")
