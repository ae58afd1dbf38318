import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare socket client for what URLSession hides: requests without User-Agent, dropped
/// connections, bodies shorter than their Content-Length.
enum RawHTTP {
    struct Result {
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var headerText: String {
            guard let range = text.range(of: "\r\n\r\n") else { return text }
            return String(text[..<range.lowerBound])
        }
        var statusLine: String { headerText.components(separatedBy: "\r\n").first ?? "" }
        var bodyBytes: [UInt8] {
            guard let at = (0..<max(0, bytes.count - 3)).first(where: { i in
                bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10
            }) else { return [] }
            return Array(bytes[(at + 4)...])
        }
        func header(_ name: String) -> String? {
            for line in headerText.components(separatedBy: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// Sends `request` (CRLF lines, "Connection: close" added) and reads until the server closes.
    static func exchange(port: Int, _ lines: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try sendBlocking(port: port, lines) })
            }
        }
    }

    private static func sendBlocking(port: Int, _ lines: [String]) throws -> Result {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = (lines + ["Connection: close", "", ""]).joined(separator: "\r\n")
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        return Result(bytes: received)
    }
}
