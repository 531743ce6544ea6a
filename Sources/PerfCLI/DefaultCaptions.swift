/// A small, varied caption set for the text covariance when `perf base import` is given no
/// `--captions` file: enough for a usable estimate on small models, not the paper's 100K
/// captions; recompute with a real caption set for a large model.
enum DefaultCaptions {
    /// The captions.
    static let all: [String] = [
        "a photo of a dog", "a photo of a cat sitting on a sofa", "a red car parked on a street",
        "a bowl of fruit on a wooden table", "a mountain landscape at sunset", "a portrait of a woman smiling",
        "an old man reading a newspaper", "a teddy bear on a bed", "a city skyline at night",
        "a plate of pasta with tomato sauce", "a child playing in the park", "a bird flying over the sea",
        "a small house in the forest", "a painting of flowers in a vase", "a cup of coffee next to a laptop",
        "a group of people walking in the rain", "a white horse running in a field", "a close-up of a blue butterfly",
        "a bicycle leaning against a wall", "a snowy village in winter", "a bright yellow star", "a big purple heart",
        "a green circle next to a red square", "a small blue triangle above a large orange circle",
        "a checkered square on a white background", "a watercolor painting of a lighthouse",
        "a robot standing in a futuristic city", "an astronaut riding a horse", "a sandy beach with palm trees",
        "a glass of water on a kitchen counter", "a black and white photo of a bridge", "a cartoon of a happy dragon",
        "two dogs playing with a ball", "a vintage clock on a shelf", "a field of sunflowers under a blue sky",
        "a boat on a calm lake", "a sculpture in a museum", "a pair of red shoes", "a colorful parrot on a branch",
        "a delicious chocolate cake", "",
    ]
}
