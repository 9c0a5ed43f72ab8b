import Foundation

/// Where the station may listen: loopback unless the operator says otherwise.
///
/// The station shows personal data, so a public address needs an explicit `--allow-remote`
/// (and then cookies are marked Secure, for a TLS proxy in front).
public enum BindPolicy {
    /// Checks `host` and `port`; returns whether the host is a loopback address.
    public static func check(host: String, port: Int, allowRemote: Bool) throws(WebError) -> Bool {
        guard (0...65_535).contains(port) else {
            throw WebError(.usage, "--port \(port) is not a TCP port; give 1 to 65535 (0 picks a free one)")
        }
        let trimmed = host.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw WebError(.usage, "--host is empty; give 127.0.0.1 for this machine only") }
        if isLoopback(trimmed) { return true }
        guard allowRemote else {
            throw WebError(.usage, "--host \(trimmed) is not a loopback address: the station shows personal data, "
                + "so it listens on 127.0.0.1 only; pass --allow-remote to serve other machines (behind a TLS proxy)")
        }
        return false
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }
}
