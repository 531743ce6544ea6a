/// The diffusion runtime (DESIGN §2, layer 2): Stable-Diffusion-family models in diffusers
/// layout: configurations, model folders and weight checks, the CLIP tokenizer, the
/// schedulers, PNG pictures, and the models themselves on the tensor engine.
///
/// ## Models
/// `StableDiffusion` loads a folder and generates (`generate`, `sample`): `CLIPTextEncoder`
/// (transformers' CLIPTextModel), `UNet` (diffusers' UNet2DConditionModel), `Autoencoder`
/// (AutoencoderKL, optional) over `ModelParameters` named as the libraries name them. Every
/// forward runs on the engine's tape when an input is tracked, so training can take
/// gradients through them. Every cross-attention key and value projection passes through
/// an optional `CrossAttentionEditor` (Perfusion's seam); `TextCovariance` accumulates the
/// text statistics Perfusion needs.
///
/// ## Model folders (`ModelFolder`)
/// `model_index.json` must name `text_encoder` (CLIPTextModel or
/// CLIPTextModelWithProjection), `tokenizer` (CLIPTokenizer[Fast]), `unet`
/// (UNet2DConditionModel) and `scheduler` (any class); `vae` (AutoencoderKL) is optional;
/// other components (safety_checker, feature_extractor, …) are ignored. Weights are
/// `*.safetensors` only (single file, sharded with `*.safetensors.index.json`, or a variant
/// such as `fp16`); `.bin` files get an error telling how to convert them.
///
/// ## Configuration subset
/// An absent key takes its library's default (transformers writes only non-default keys).
/// A key listed as "must be" holding another value is an error naming file and key; keys
/// not listed (`_diffusers_version`, `dropout`, `initializer_range`, `torch_dtype`, …) are
/// ignored.
/// - `unet/config.json`: read `sample_size`, `in_channels`, `out_channels`,
///   `center_input_sample`, `flip_sin_to_cos`, `freq_shift`, `down_block_types`
///   (CrossAttnDownBlock2D, DownBlock2D), `mid_block_type` (UNetMidBlock2DCrossAttn or
///   null), `up_block_types` (UpBlock2D, CrossAttnUpBlock2D), `block_out_channels`,
///   `layers_per_block`, `transformer_layers_per_block`, `attention_head_dim` (the head
///   count, as diffusers reads it), `cross_attention_dim` (each an integer or one per
///   block), `downsample_padding`, `mid_block_scale_factor`, `norm_num_groups`, `norm_eps`,
///   `use_linear_projection` (both), `upcast_attention`, `time_embedding_dim`,
///   `conv_in_kernel`, `conv_out_kernel` (odd). Must be: `act_fn` silu,
///   `time_embedding_type` positional, `resnet_time_scale_shift` default,
///   `resnet_out_scale_factor` 1, `attention_type` default; null: `num_attention_heads`,
///   `class_embed_type`, `num_class_embeds`, `addition_embed_type`,
///   `addition_time_embed_dim`, `encoder_hid_dim(_type)`, `time_embedding_act_fn`,
///   `timestep_post_act`, `time_cond_proj_dim`, `projection_class_embeddings_input_dim`,
///   `cross_attention_norm`, `reverse_transformer_layers_per_block`; false:
///   `only_cross_attention`, `dual_cross_attention`, `resnet_skip_time_act`,
///   `class_embeddings_concat`, `mid_block_only_cross_attention`.
/// - `text_encoder/config.json` (CLIPTextConfig): `vocab_size`, `hidden_size`,
///   `intermediate_size`, `num_hidden_layers`, `num_attention_heads`,
///   `max_position_embeddings`, `hidden_act` (quick_gelu or gelu), `layer_norm_eps`,
///   `pad/bos/eos_token_id`; `architectures` must be CLIPTextModel[WithProjection] and
///   `model_type` clip_text_model.
/// - `vae/config.json` (AutoencoderKL): `in_channels`, `out_channels`, `block_out_channels`,
///   `layers_per_block`, `latent_channels`, `norm_num_groups`, `sample_size`,
///   `scaling_factor`, `shift_factor`, `use_quant_conv`, `use_post_quant_conv`,
///   `mid_block_add_attention`. Must be: block types DownEncoderBlock2D / UpDecoderBlock2D,
///   `act_fn` silu, null `latents_mean` / `latents_std`.
/// - `scheduler/scheduler_config.json` (any class, as `from_config` reads it):
///   `num_train_timesteps`, `beta_start`, `beta_end`, `beta_schedule` (linear,
///   scaled_linear, squaredcos_cap_v2), `trained_betas`, `rescale_betas_zero_snr`,
///   `prediction_type` (epsilon, v_prediction, sample), `timestep_spacing` (leading,
///   trailing, linspace), `steps_offset`, `clip_sample` (diffusers' DDIM default, true, when
///   absent), `clip_sample_range`, `set_alpha_to_one`, `final_sigmas_type`. Must be:
///   `thresholding` false; for Euler also `interpolation_type` linear, `timestep_type`
///   discrete, `use_karras/exponential/beta_sigmas` false.
/// - `tokenizer/`: `tokenizer.json` (BPE with `</w>`) or `vocab.json` + `merges.txt`;
///   `tokenizer_config.json` (`model_max_length` required, special tokens,
///   `added_tokens_decoder`), `special_tokens_map.json`. Added tokens with `single_word`
///   are rejected.
///
/// ## Samplers
/// `DDIMScheduler` (η = 0) and `EulerDiscreteScheduler` (no churn) implement
/// `DiffusionSampler`; `DDPMScheduler` gives training noise and targets. All follow
/// diffusers' float32 arithmetic.
public enum PerfDiffusion {}
