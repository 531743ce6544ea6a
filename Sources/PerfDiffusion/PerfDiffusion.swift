/// The diffusion runtime (DESIGN §2, layer 2): text encoder, UNet with cross-attention,
/// optional VAE, schedulers, tokenizers and diffusers-layout loading. Filled by the
/// diffusion-runtime issue; empty until then.
public enum PerfDiffusion {}
