import PerfDiffusion

extension Concept {
    /// Throws unless the concept fits a UNet with cross-attention `layers`: its text width is
    /// every layer's context width, and it holds exactly one value target of the layer's
    /// width for each layer. `source` names the concept's file in errors.
    public func validate(against layers: [CrossAttentionLayer], source: String? = nil) throws(PerfusionError) {
        let source = source ?? "concept \(token)"
        for layer in layers {
            guard width == layer.contextDim else {
                throw PerfusionError(source, .tensorShape(name: Self.targetInputName, expected: [layer.contextDim], actual: [width],
                                                          why: "the base's text encoder width (read by \(layer.path))"))
            }
            guard let target = valueTargets[layer.path] else { throw PerfusionError(source, .missingLayer(path: layer.path)) }
            guard target.shape == [layer.queryDim] else {
                throw PerfusionError(source, .tensorShape(name: Self.valueTargetPrefix + layer.path, expected: [layer.queryDim],
                                                          actual: target.shape, why: "the base's layer \(layer.path)"))
            }
        }
        let known = Set(layers.map(\.path))
        if let stray = valueTargets.keys.sorted().first(where: { !known.contains($0) }) {
            throw PerfusionError(source, .unknownLayer(path: stray))
        }
    }
}
