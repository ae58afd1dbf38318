import Testing
import Yams
@testable import VelodromeKit

@Suite struct YAMLTreeTests {
    @Test func keysKeepTheirOrderAndStringsThatLookLikeOtherTypesAreQuoted() throws {
        let tree: YAMLTree = [
            "kind": "Service",
            "apiVersion": "v1",
            "metadata": ["name": "influxdb-kubernetes", "labels": ["app": "influxdb"]],
            "spec": ["ports": [["port": 8086, "targetPort": "8086", "name": "true"]], "publishNotReadyAddresses": false],
            "data": ["nginx.conf": "events {}\nhttp {\n}\n"],
        ]
        let text = try tree.yaml()
        #expect(text == """
            kind: Service
            apiVersion: v1
            metadata:
              name: influxdb-kubernetes
              labels:
                app: influxdb
            spec:
              ports:
              - port: 8086
                targetPort: '8086'
                name: 'true'
              publishNotReadyAddresses: false
            data:
              nginx.conf: |
                events {}
                http {
                }

            """)
        // Read back, the types are as built.
        let parsed = try #require(try Yams.load(yaml: tree.yaml()) as? [String: Any])
        let port = try #require(((parsed["spec"] as? [String: Any])?["ports"] as? [[String: Any]])?.first)
        #expect(port["port"] as? Int == 8086)
        #expect(port["targetPort"] as? String == "8086")
        #expect(port["name"] as? String == "true")
    }
}
