import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An answer as a client sees it.
struct Answer {
    var status: Int
    var response: HTTPURLResponse
    var body: Data

    func header(_ name: String) -> String? { response.value(forHTTPHeaderField: name) }

    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var array: [[String: Any]] { (json as? [[String: Any]]) ?? [] }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// rel → URL of the Link header.
    var links: [String: String] { LinkHeader.parse(header("Link") ?? "") }
}
