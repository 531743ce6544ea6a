/// The tensor engine: Float32 tensors on OpenBLAS with reverse-mode autodiff.
public enum PerfTensor {}
