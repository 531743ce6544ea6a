import Hummingbird
import NIOCore

/// The registry server's request context: Hummingbird's basics plus the request's
/// connection, so that a write refused before its body was read can end the connection
/// instead of reading (and discarding) the rest of a body that may be huge.
public struct RegistryRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    /// A context for a request arriving on `source`'s connection.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Makes the connection close once the response in progress is written: the same
    /// quiesce event a graceful shutdown sends, which the connection's state handler answers
    /// by closing after the response's end rather than reading the rest of the request.
    func closeConnectionAfterResponse() {
        let channel = channel
        channel.eventLoop.execute {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }
}
