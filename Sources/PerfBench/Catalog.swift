import PerfTensor

/// The benchmarked layer shapes. Built-in model (DESIGN §5): block channels (32, 64, 64),
/// 32×32 pixels, batch 64, 8 heads, a 64-wide text encoder over 16 tokens. Stable Diffusion
/// 1.5: 64×64 latents, channels 320/640/1280, 8 heads of 40, 77 text tokens of width 768,
/// batch 1.
enum Catalog {
    static let builtin = "built-in", sd = "SD 1.5"

    static var kernels: [KernelCase] { [
        .conv(builtin, batch: 64, channels: 3, out: 32, size: 32),
        .conv(builtin, batch: 64, channels: 32, out: 32, size: 32),
        .conv(builtin, batch: 64, channels: 32, out: 32, size: 32, backward: true),
        .conv(builtin, batch: 64, channels: 32, out: 32, size: 32, stride: 2),
        .conv(builtin, batch: 64, channels: 64, out: 64, size: 16),
        .conv(builtin, batch: 64, channels: 64, out: 64, size: 16, backward: true),
        .conv(builtin, batch: 64, channels: 64, out: 64, size: 8),
        .conv(builtin, batch: 64, channels: 64, out: 64, size: 16, kernel: 1),
        .linear(builtin, "attn proj", rows: 64 * 256, inputs: 64, outputs: 64),
        .linear(builtin, "attn proj", rows: 64 * 256, inputs: 64, outputs: 64, backward: true),
        .linear(builtin, "GEGLU in", rows: 64 * 256, inputs: 64, outputs: 512),
        .linear(builtin, "text MLP", rows: 64 * 16, inputs: 64, outputs: 256),
        .matmul(builtin, "batched", batch: 64, m: 256, k: 64, n: 64),
        .attention(builtin, "self 16×16", batch: 64, heads: 8, queries: 256, keys: 256, dim: 8),
        .attention(builtin, "cross", batch: 64, heads: 8, queries: 256, keys: 16, dim: 8),
        .attention(builtin, "text causal", batch: 64, heads: 4, queries: 16, keys: 16, dim: 16, causal: true),
        .pointwise(builtin, "silu", [64, 32, 32, 32]) { $0.silu() },
        .pointwise(builtin, "gelu", [64, 32, 32, 32]) { $0.gelu() },
        .pointwise(builtin, "add (broadcast [C,1,1])", [64, 32, 32, 32]) { $0 + Tensor.ones([32, 1, 1]) },
        .pointwise(builtin, "group norm (32 groups)", [64, 32, 32, 32]) { $0.groupNorm(groups: 32) },
        .pointwise(builtin, "layer norm", [64 * 256, 64]) { $0.layerNorm() },
        .pointwise(builtin, "softmax", [64 * 8 * 256, 256]) { $0.softmax() },
        .pointwise(builtin, "permute NCHW→NHWC", [64, 64, 16, 16]) { $0.permuted([0, 2, 3, 1]) },

        .conv(sd, batch: 1, channels: 4, out: 320, size: 64),
        .conv(sd, batch: 1, channels: 320, out: 320, size: 64),
        .conv(sd, batch: 1, channels: 320, out: 320, size: 64, backward: true),
        .conv(sd, batch: 1, channels: 320, out: 320, size: 64, stride: 2),
        .conv(sd, batch: 1, channels: 640, out: 640, size: 32),
        .conv(sd, batch: 1, channels: 1280, out: 1280, size: 16),
        .conv(sd, batch: 1, channels: 1280, out: 1280, size: 8),
        .conv(sd, batch: 1, channels: 640, out: 320, size: 64, kernel: 1),
        .linear(sd, "attn proj", rows: 4096, inputs: 320, outputs: 320),
        .linear(sd, "attn proj", rows: 4096, inputs: 320, outputs: 320, backward: true),
        .linear(sd, "GEGLU in", rows: 4096, inputs: 320, outputs: 2560),
        .linear(sd, "cross K/V", rows: 77, inputs: 768, outputs: 320),
        .linear(sd, "attn proj", rows: 256, inputs: 1280, outputs: 1280),
        .matmul(sd, "batched (cross scores)", batch: 8, m: 4096, k: 40, n: 77),
        .attention(sd, "self 64×64", batch: 1, heads: 8, queries: 4096, keys: 4096, dim: 40),
        .attention(sd, "cross", batch: 1, heads: 8, queries: 4096, keys: 77, dim: 40),
        .attention(sd, "text causal", batch: 1, heads: 12, queries: 77, keys: 77, dim: 64, causal: true),
        .pointwise(sd, "silu", [1, 320, 64, 64]) { $0.silu() },
        .pointwise(sd, "group norm (32 groups)", [1, 320, 64, 64]) { $0.groupNorm(groups: 32) },
        .pointwise(sd, "softmax", [8 * 4096, 4096]) { $0.softmax() },
    ] }

    static var blocks: [BlockCase] { [
        BlockCase(model: builtin, batch: 64, channels: 64, size: 16, heads: 8, groups: 32,
                  textTokens: 16, textWidth: 64, timeWidth: 128),
        BlockCase(model: sd, batch: 1, channels: 320, size: 64, heads: 8, groups: 32,
                  textTokens: 77, textWidth: 768, timeWidth: 1280),
    ] }
}
