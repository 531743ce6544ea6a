#!/usr/bin/env python3
"""Regenerates the committed safetensors fixtures of PerfSafeTensorsTests.

Needs numpy, safetensors and ml_dtypes (pip install numpy safetensors ml_dtypes); CI does
not run this script, the tests read its committed output:

- python_written.safetensors: one tensor of every dtype perf reads, written by the
  reference `safetensors` package (safetensors.numpy.save), with metadata.
- python_written.json: what that file holds, as exact decimal strings ("nan", "inf" for
  the special values), so perf's reader can be checked value by value.
- conversions.json: float32 bit patterns and their float16 (numpy) and bfloat16, float8
  (ml_dtypes) conversions, both ways, as unsigned integers.

The JSON files are deterministic; the .safetensors file's metadata entries may come out in
another order on each run (the reference keeps metadata in a hash map), values never change.
"""
import json
import math
import os

import ml_dtypes
import numpy as np
import safetensors
from safetensors.numpy import save

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def special_floats(dtype):
    values = [0.0, -0.0, 1.0, -2.5, 0.1, 1e-3, 65504.0, 3.0e38, -1e-40, math.inf, -math.inf, math.nan]
    with np.errstate(over="ignore"):
        return np.array(values, dtype=np.float32).astype(dtype)


def python_written():
    tensors = {
        "f64": np.array([[math.pi, -1e300], [5e-324, math.nan], [math.inf, -0.0]], dtype=np.float64),
        "f32": special_floats(np.float32).reshape(3, 4),
        "f16": special_floats(np.float16).reshape(2, 6),
        "bf16": special_floats(ml_dtypes.bfloat16).reshape(12),
        "f8_e4m3": np.array([0.0, 1.0, -448.0, 0.001953125, 3.3, -0.75], dtype=ml_dtypes.float8_e4m3fn),
        "f8_e5m2": np.array([0.0, 1.0, -57344.0, math.inf, 1.5e-5, -0.3], dtype=ml_dtypes.float8_e5m2),
        "i64": np.array([-(2**63), 2**63 - 1, 0, -1], dtype=np.int64),
        "u64": np.array([0, 2**64 - 1, 12345678901234567], dtype=np.uint64),
        "i32": np.array([[-(2**31), 2**31 - 1], [7, -7]], dtype=np.int32),
        "u32": np.array([0, 2**32 - 1, 3], dtype=np.uint32),
        "i16": np.array([-(2**15), 2**15 - 1, -3], dtype=np.int16),
        "u16": np.array([0, 2**16 - 1, 9], dtype=np.uint16),
        "i8": np.array([-128, 127, 0, -1, 5], dtype=np.int8),
        "u8": np.array([[0, 255, 17]], dtype=np.uint8),
        "bool": np.array([True, False, True], dtype=np.bool_),
        "scalar": np.array(42.5, dtype=np.float32),
        "empty": np.zeros((2, 0), dtype=np.float32),
    }
    metadata = {"format": "pt", "writer": f"safetensors {safetensors.__version__}", "unicode": "ünï/cødé \"q\""}
    with open(os.path.join(HERE, "python_written.safetensors"), "wb") as f:
        f.write(save(tensors, metadata=metadata))

    def text(x):
        if isinstance(x, (bool, np.bool_)):
            return "1" if x else "0"
        if isinstance(x, (int, np.integer)):
            return str(int(x))
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return repr(x)

    expected = {
        "metadata": metadata,
        "tensors": {
            name: {
                "dtype": None,
                "shape": list(array.shape),
                "values": [text(v) for v in array.reshape(-1).tolist()]
                if array.dtype.kind in "iub" else [text(float(v)) for v in array.reshape(-1).astype(np.float64)],
            }
            for name, array in tensors.items()
        },
    }
    for name, header in safetensors.deserialize(open(os.path.join(HERE, "python_written.safetensors"), "rb").read()):
        expected["tensors"][name]["dtype"] = header["dtype"]
    with open(os.path.join(HERE, "python_written.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def bits32(array):
    return [int(b) for b in np.asarray(array, dtype=np.float32).view(np.uint32)]


def conversions():
    edge = [
        1.0, -1.0, 0.0, -0.0, 65504.0, 65519.99, 65520.0, 2.0**-24, 2.0**-25, 2.0**-25 * 1.0000001,
        3 * 2.0**-25, 1 + 2.0**-11, 1 + 3 * 2.0**-11, 2.0**-14, 2.0**-14 * 0.999, 1e10, -1e-10,
        1 + 2.0**-8, 1 + 3 * 2.0**-8, 3.4028235e38, 1e-45, 1.2e-38, math.inf, -math.inf, math.nan,
    ]
    f32 = np.array(edge, dtype=np.float32)
    raw = np.concatenate([
        f32.view(np.uint32),
        np.array([0x7F7F7FFF, 0x7F7F8000, 0x00008000, 0x00018000, 0x3F808000, 0x3F818000, 0xFFC00001], dtype=np.uint32),
        rng.integers(0, 2**32, size=32, dtype=np.uint64).astype(np.uint32),
    ])
    randn = (rng.standard_normal(40) * 10.0 ** rng.integers(-8, 6, size=40)).astype(np.float32)
    f32 = np.concatenate([raw.view(np.float32), randn])
    with np.errstate(over="ignore", invalid="ignore"):
        f16 = f32.astype(np.float16)
        bf16 = f32.astype(ml_dtypes.bfloat16)
    everything = np.arange(256, dtype=np.uint8)
    table = {
        "f32_bits": bits32(f32),
        "f16_bits": [int(b) for b in f16.view(np.uint16)],
        "f16_to_f32_bits": bits32(f16.astype(np.float32)),
        "bf16_bits": [int(b) for b in bf16.view(np.uint16)],
        "bf16_to_f32_bits": bits32(bf16.astype(np.float32)),
        "f8_e4m3_to_f32_bits": bits32(everything.view(ml_dtypes.float8_e4m3fn).astype(np.float32)),
        "f8_e5m2_to_f32_bits": bits32(everything.view(ml_dtypes.float8_e5m2).astype(np.float32)),
    }
    with open(os.path.join(HERE, "conversions.json"), "w") as f:
        json.dump(table, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    python_written()
    conversions()
