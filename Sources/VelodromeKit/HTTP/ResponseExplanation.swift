import Foundation

extension HTTPResponse {
    /// The server's own reason for an answer: the `message` (GitHub, InfluxDB 2) or `error`
    /// (InfluxDB 1.x) of a JSON body, else the start of the body.
    package var explanation: String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let message = object["message"] as? String { return message }
            if let error = object["error"] as? String { return error }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }
}
